"""The authorisation matrix (issue 11; 等保 三级 访问控制): every staff URL, read from the URL configuration, for
every persona, on the town's own object and on another town's object by id. A URL without a rule here fails
the test, so a new page cannot ship without its access decided.

Reached means the view ran for that person (200, or a redirect or 405 of the view itself); refused means 403
or 404; another organisation's object is always 404 (its existence is not disclosed)."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from consultations.models import Comment, Consultation, DecisionMatter, Document, Hearing, Phase
from consultations.questions.models import Question
from disclosure import services as disclosure
from disclosure.models import Item, Posting
from requests_app import services as requests
from requests_app.models import Appeal, Application, ApplicationAttachment
from review import services as review
from supervision.assessments.models import Assessment
from supervision.complaints.models import Complaint
from supervision.inspections.models import FollowUp, Inspection
from supervision.models import AnnualReport
from supervision.website_report.models import WebsiteReport
from tests.conftest import PERSONAS

BUSINESS = {"editor", "reviewer", "social_reviewer", "office_head", "case_officer", "inspector", "other_staff"}
STAFF = BUSINESS | {"sysadmin", "secadmin", "auditadmin"}
EVERYONE = STAFF | {"applicant"}  # a signed-in account without any role
# The town's staff whose rights stop at its boundary (the county's inspector reads both towns).
TOWN_STAFF = {"editor", "reviewer", "social_reviewer", "office_head", "case_officer"}
CONSULTATION_READERS = {"editor", "reviewer", "office_head", "case_officer", "inspector"}
DRAFT_READERS = {"editor", "reviewer", "office_head"}  # the town's editor, reviewer and head; other offices not
REVIEW_READERS = {"editor", "reviewer", "social_reviewer", "office_head", "inspector"}  # drafter, process, county
CASE_READERS = {"case_officer", "office_head", "inspector"}
CASE_HANDLERS = {"case_officer", "office_head"}
# an organisation's 标准目录: its editors, reviewers (its offices' too) and head, and the county's inspector
CATALOGUE_READERS = {"editor", "reviewer", "social_reviewer", "office_head", "inspector"}


@dataclass(frozen=True)
class Rule:
    allowed: frozenset[str]
    obj: str = ""  # the kind of object the URL names by id: item, attachment, submission, batch, application …
    anonymous_ok: bool = False  # a sign-in page


def rule(allowed: set[str], obj: str = "", anonymous_ok: bool = False) -> Rule:
    return Rule(frozenset(allowed), obj, anonymous_ok)


# Lists are scoped to the viewer's organisations (BUSINESS: any business role reaches its own, maybe empty,
# list); the three administrators do no business (三员分立). POST-only actions are reached by those who may see
# the object; whether they may act at this stage is the service's decision, tested with each workflow.
RULES: dict[str, Rule] = {
    "portal:staff-login": rule(EVERYONE, anonymous_ok=True),
    "portal:staff-logout": rule(EVERYONE, anonymous_ok=True),
    "portal:staff-password-reset": rule(EVERYONE, "reset", anonymous_ok=True),
    "portal:workbench": rule(STAFF),
    "portal:staff-password": rule(EVERYONE),
    "portal:staff-otp": rule(EVERYONE),
    "portal:staff-recovery-codes": rule(EVERYONE),
    "portal:staff-account": rule(EVERYONE),
    "portal:audit-log": rule({"auditadmin"}),
    "portal:audit-export": rule({"auditadmin"}),
    "portal:audit-purge": rule({"auditadmin"}),
    "disclosure-staff:items": rule(BUSINESS),
    "disclosure-staff:item-new": rule({"editor", "other_staff"}),
    "disclosure-staff:import": rule({"editor", "office_head", "other_staff"}),
    "disclosure-staff:print": rule({"editor", "office_head", "other_staff"}),
    "disclosure-staff:import-template": rule({"editor", "office_head", "other_staff"}),
    "disclosure-staff:guide": rule({"editor", "office_head", "other_staff"}),
    "dashboard:visits": rule(BUSINESS),
    "dashboard:self-check": rule({"inspector", "office_head"}),
    "disclosure-staff:item": rule(DRAFT_READERS, "item"),
    "disclosure-staff:item-edit": rule({"editor"}, "item"),
    "disclosure-staff:item-preview": rule(DRAFT_READERS, "item"),
    "disclosure-staff:item-submit": rule({"editor"}, "item"),
    "disclosure-staff:item-revise": rule({"editor"}, "item"),
    "disclosure-staff:item-withdraw": rule({"office_head"}, "published"),
    "disclosure-staff:posting-add": rule({"editor", "office_head"}, "published"),
    "disclosure-staff:posting-photo": rule({"editor", "reviewer", "office_head", "inspector"}, "posting"),
    "catalogue-staff:overview": rule(BUSINESS - {"case_officer"}),
    "catalogue-staff:catalogue": rule(CATALOGUE_READERS, "catalogue"),
    "catalogue-staff:obligations": rule(CATALOGUE_READERS, "catalogue"),
    "catalogue-staff:export": rule(CATALOGUE_READERS, "catalogue"),
    "catalogue-staff:import": rule({"office_head"}, "catalogue"),
    "disclosure-staff:attachment-add": rule({"editor"}, "item"),
    "disclosure-staff:docx-import": rule({"editor"}, "item"),
    "disclosure-staff:attachment": rule(DRAFT_READERS, "attachment"),
    "disclosure-staff:attachment-remove": rule({"editor"}, "attachment"),
    "disclosure-staff:attachment-replace": rule({"editor"}, "attachment"),
    "dashboard:page": rule({"inspector", "office_head"}),
    "complaints-staff:queue": rule(BUSINESS),
    "questions-staff:queue": rule(BUSINESS),
    "website-report:reports": rule(BUSINESS),
    "website-report:platform": rule({"inspector", "sysadmin"}),
    "website-report:report": rule(CONSULTATION_READERS, "website-report"),
    "website-report:download": rule(CONSULTATION_READERS, "website-report"),
    "website-report:recompute": rule({"editor", "office_head"}, "website-report"),
    "website-report:submit": rule({"editor", "office_head"}, "website-report"),
    "questions-staff:question": rule(CONSULTATION_READERS, "question"),
    "inspections:follow-ups": rule(BUSINESS),
    "evaluations:page": rule(BUSINESS),
    "assessments:overview": rule(BUSINESS),
    "assessments:start": rule({"inspector"}),
    "assessments:sheet": rule(CONSULTATION_READERS, "assessment"),
    "assessments:act": rule({"inspector"}, "assessment"),
    "inspections:new-inspection": rule({"inspector"}),
    "inspections:new-meeting": rule({"office_head"}),
    "inspections:follow-up": rule({"office_head"}, "follow-up"),
    "complaints-staff:complaint": rule(CONSULTATION_READERS, "complaint"),
    "complaints-staff:attachment": rule(CONSULTATION_READERS, "complaint"),
    "dashboard:behind": rule({"inspector", "office_head"}, "dashboard-row"),
    "review:queue": rule(BUSINESS),
    "review:batch": rule(BUSINESS),
    "review:figures": rule({"inspector", "office_head"}),
    "review:batch-page": rule(REVIEW_READERS, "batch"),
    "review:batch-approve": rule(REVIEW_READERS, "batch"),
    "review:submission": rule(REVIEW_READERS, "submission"),
    "review:decide": rule({"reviewer"}, "submission"),  # the deciders of its current stage only
    "review:mask": rule(REVIEW_READERS, "submission"),
    "review:override": rule(REVIEW_READERS, "submission"),
    "review:answer": rule(REVIEW_READERS, "submission"),
    "requests-staff:queue": rule(BUSINESS),
    "requests-staff:register": rule(CASE_HANDLERS | {"other_staff"}),
    "requests-staff:import": rule(CASE_HANDLERS | {"other_staff"}),
    "requests-staff:export": rule(CASE_HANDLERS | {"other_staff"}),
    "requests-staff:case": rule(CASE_READERS, "application"),
    "requests-staff:act": rule(CASE_HANDLERS, "application-action"),
    "requests-staff:reveal": rule(CASE_HANDLERS, "application"),
    "requests-staff:notice": rule(CASE_READERS, "notice"),
    "requests-staff:notice-pdf": rule(CASE_READERS, "notice"),
    "requests-staff:attachment": rule(CASE_HANDLERS, "application-attachment"),
    "requests-staff:appeal-add": rule(CASE_HANDLERS, "application"),
    "requests-staff:appeal-result": rule(CASE_HANDLERS, "appeal"),
    "supervision:reports": rule(BUSINESS),
    "consultations-staff:consultations": rule(BUSINESS),
    "consultations-staff:consultation": rule(CONSULTATION_READERS, "consultation"),
    "consultations-staff:consultation-edit": rule({"editor", "office_head"}, "consultation"),
    "consultations-staff:consultation-submit": rule({"editor", "office_head"}, "consultation"),
    "consultations-staff:answer": rule({"editor", "office_head"}, "consultation"),
    "consultations-staff:adoption": rule({"editor", "office_head"}, "consultation"),
    "consultations-staff:spam": rule({"editor", "office_head"}, "consultation"),
    "consultations-staff:phase": rule({"editor", "office_head"}, "phase"),
    "consultations-staff:extend": rule({"editor", "office_head"}, "consultation"),
    "consultations-staff:add-document": rule({"editor", "office_head"}, "consultation"),
    "consultations-staff:document": rule({"editor", "office_head"}, "document"),
    "consultations-staff:document-file": rule(CONSULTATION_READERS, "document"),
    "consultations-staff:decision": rule({"editor", "office_head"}, "consultation"),
    "consultations-staff:register": rule({"editor", "office_head"}, "consultation"),
    "consultations-staff:meeting": rule({"editor", "office_head"}, "consultation"),
    "consultations-staff:moderate": rule({"editor", "office_head"}, "consultation"),
    "consultations-staff:comment-file": rule(CONSULTATION_READERS, "comment"),
    "consultations-staff:create-hearing": rule({"editor", "office_head"}, "consultation"),
    "consultations-staff:hearing": rule(CONSULTATION_READERS, "hearing"),
    "consultations-staff:hearing-action": rule({"editor", "office_head"}, "hearing"),
    "consultations-staff:paper-registration": rule({"editor", "office_head"}, "hearing"),
    "consultations-staff:hearing-contacts": rule({"editor", "office_head"}, "hearing"),
    "consultations-staff:record": rule({"editor", "office_head"}, "hearing"),
    "consultations-staff:record-file": rule(CONSULTATION_READERS, "hearing"),
    "supervision:report-submit": rule({"editor", "office_head"}, "report"),
    "supervision:report-correct": rule({"editor", "office_head"}, "report"),
    # a draft is read by the organisation's staff and the county; drafted and edited by its editor and head
    "supervision:report": rule({"editor", "reviewer", "office_head", "case_officer", "inspector"}, "report"),
    "supervision:report-download": rule(
        {"editor", "reviewer", "office_head", "case_officer", "inspector"}, "report-download"
    ),
}
# What a POST-only action needs to get past its own form to the access check.
POST_DATA: dict[str, str] = {
    "review:batch-approve": "stage_id",
    "consultations-staff:hearing-action": "select",
    "inspections:follow-up": "follow-up-report",
    "assessments:act": "finalise",
}


def staff_urls() -> Iterator[tuple[str, str]]:
    """(name, route) of every URL under /staff/, from the URL configuration itself."""

    def walk(patterns: list[Any], prefix: str, namespace: str) -> Iterator[tuple[str, str]]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                yield (f"{namespace}:{pattern.name}" if namespace else str(pattern.name)), prefix + str(pattern.pattern)

    for name, route in walk(get_resolver().url_patterns, "/", ""):
        if route.startswith("/staff/"):
            yield name, route


def test_every_staff_url_has_a_rule() -> None:
    missing = [f"{name} ({route})" for name, route in staff_urls() if name not in RULES]
    assert not missing, f"没有访问规则的工作人员页面：{missing}"
    stale = set(RULES) - {name for name, _ in staff_urls()}
    assert not stale, f"规则指向已不存在的页面：{stale}"


def png() -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def objects(
    town: Any, personas: dict[str, User], draft: Any, received: Any, published: Any
) -> dict[str, dict[str, dict[str, Any]]]:
    """For the town and for the other town: one of each kind of object the staff URLs name by id."""
    made: dict[str, dict[str, dict[str, Any]]] = {}
    for side, organisation, editor, officer in (
        ("own", town.town, personas["editor"], personas["case_officer"]),
        ("other", town.other_town, personas["other_staff"], personas["other_staff"]),
    ):
        item: Item = draft(organisation=organisation)
        upload = SimpleUploadedFile("示意图.png", png(), content_type="image/png")
        attachment = disclosure.add_attachment(item=item, upload=upload, actor=editor)
        submitted: Item = draft(organisation=organisation, title="关于开展安全生产检查的通知")
        disclosure.submit_item(item=submitted, actor=editor)
        submission = review.open_submission(submitted)
        assert submission is not None
        batch = review.start_batch(organisation=organisation, title="历史目录", actor=editor)
        imported: Item = draft(organisation=organisation, title="2019年政府工作报告")
        review.submit(content=imported, actor=editor, batch=batch)
        # the other town's draft stands for its published item: either is beyond the town's staff
        public: Item = published(title="关于公布2026年第三季度财政收支的通知") if side == "own" else item
        application: Application = received(organisation=organisation)
        correction = requests.request_correction(application=application, actor=officer, items=["请写明年份"],
                                                 period_working_days=10, today=date(2026, 11, 5))  # fmt: skip
        notice = application.notices.get()
        file = ApplicationAttachment(application=application, name="委托书.pdf", size=9)
        file.file.save("委托书.pdf", ContentFile(b"%PDF-1.4 "), save=True)
        assert correction is not None
        report = AnnualReport.objects.create(organisation=organisation, year=2025, created_by=editor)
        matter = DecisionMatter.objects.create(
            organisation=organisation, title="村规民约修订", kind="other", created_by=editor
        )
        consultation = Consultation.objects.create(
            matter=matter,
            organisation=organisation,
            title="村规民约（征求意见稿）",
            explanation="说明",
            how_to_comment="信函",
            opens_on=date(2026, 12, 1),
            closes_on=date(2026, 12, 20),
            created_by=editor,
        )
        document = Document(matter=matter, consultation=consultation, organisation=organisation, name="依据",
                            uploaded_by=editor)  # fmt: skip
        document.file.save("依据.pdf", ContentFile(b"%PDF-1.4 "), save=True)
        comment = Comment(consultation=consultation, text="意见", receipt_hash=f"{side:0>64}", attachment_name="a.pdf")
        comment.attachment.save("a.pdf", ContentFile(b"%PDF-1.4 "), save=True)
        hearing = Hearing.objects.create(matter=matter, organisation=organisation, title="听证", draft_summary="草案",
                                         held_at=timezone.now(), place="会议室", selection_method="随机", seats=5,
                                         registration_closes_on=date(2026, 11, 1), created_by=editor)  # fmt: skip
        hearing.record.save("笔录.pdf", ContentFile(b"%PDF-1.4 "), save=True)
        complaint = Complaint(organisation=organisation, kind="complaint", subject="超期", text="未答复",
                              receipt_hash=f"c{side:0>63}", received_on=date(2026, 11, 2), due_on=date(2026, 11, 23),
                              attachment_name="a.pdf")  # fmt: skip
        complaint.attachment.save("a.pdf", ContentFile(b"%PDF-1.4 "), save=True)
        question = Question.objects.create(organisation=organisation, asked_of=organisation, subject="咨询",
                                           text="低保怎么申请", receipt_hash=f"q{side:0>63}",
                                           received_on=date(2026, 11, 2), due_on=date(2026, 11, 9))  # fmt: skip
        inspected = Inspection.objects.create(organisation=organisation, kind="scheduled", scope="专栏",
                                              held_on=date(2026, 11, 2), inspectors="督查", findings="空白栏目",
                                              recorded_by=editor)  # fmt: skip
        follow_up = FollowUp.objects.create(organisation=organisation, inspection=inspected, requirement="补齐",
                                            owner="党政办", due_on=date(2026, 12, 31))  # fmt: skip
        posting = Posting(item=public, channel="bulletin_board", place="村务公开栏", posted_on=date(2026, 11, 2),
                          recorded_by=editor)  # fmt: skip
        posting.photo.save("photo.png", ContentFile(png()), save=True)
        appeal = Appeal.objects.create(application=application, kind="reconsideration", filed_on=date(2026, 11, 20),
                                       recorded_by=officer)  # fmt: skip
        made[side] = {
            "report": {"pk": report.pk},
            "consultation": {"pk": consultation.pk},
            "document": {"pk": consultation.pk, "document_pk": document.pk},
            "dashboard-row": {"org": organisation.pk, "figure": "received"},
            "complaint": {"pk": complaint.pk},
            "question": {"pk": question.pk},
            "website-report": {
                "pk": WebsiteReport.objects.create(organisation=organisation, year=2025, created_by=editor).pk
            },
            "follow-up": {"pk": follow_up.pk},
            "assessment": {"pk": Assessment.objects.create(organisation=organisation, year=2025).pk},
            "finalise": {"action": "finalise"},
            "follow-up-report": {"action": "report", "report": "已完成整改。"},
            "comment": {"pk": consultation.pk, "comment_pk": comment.pk},
            "hearing": {"pk": hearing.pk},
            "select": {"action": "select"},
            "phase": {"pk": consultation.pk, "phase_pk": Phase.objects.create(matter=matter, kind="risk").pk},
            "appeal": {"pk": application.pk, "appeal_pk": appeal.pk},
            "report-download": {"pk": report.pk, "fmt": "json"},
            "item": {"pk": item.pk},
            "published": {"pk": public.pk},
            "posting": {"pk": public.pk, "posting_pk": posting.pk},
            "catalogue": {"org": organisation.pk},
            "attachment": {"pk": item.pk, "attachment_pk": attachment.pk},
            "submission": {"pk": submission.pk},
            "batch": {"pk": batch.pk},
            "application": {"pk": application.pk},
            "application-action": {"pk": application.pk, "action": "assign"},
            "notice": {"pk": notice.pk},
            "application-attachment": {"pk": file.pk},
            "reset": {"uidb64": "MQ", "token": "set-password"},
            "": {},
            "stage_id": {"stage_id": str(batch.submissions.get().stage_id)},
        }
    return made


def reached(status: int) -> bool:
    return status not in (403, 404) and status < 500


def status_of(client: Client, url: str, data: dict[str, str] | None = None) -> int:
    """GET, or POST where the view takes only POST; whatever a POST changes is rolled back."""
    status = client.get(url).status_code
    if status != 405:
        return status
    with transaction.atomic():
        status = client.post(url, data or {}).status_code
        transaction.set_rollback(True)
    return status


@pytest.mark.parametrize("persona", sorted(EVERYONE))
def test_each_persona_reaches_exactly_what_its_rule_allows(
    persona: str, objects: dict[str, dict[str, dict[str, Any]]], personas: dict[str, User]
) -> None:
    client = Client()
    client.force_login(personas[persona])
    wrong = []
    for name, _route in staff_urls():
        rule_ = RULES[name]
        if rule_.anonymous_ok:
            continue  # the sign-in pages (signing out here would end the run's session)
        url = reverse(name, kwargs=objects["own"][rule_.obj])
        status = status_of(client, url, objects["own"].get(POST_DATA.get(name, "")))
        if reached(status) != (persona in rule_.allowed):
            wrong.append(f"{name} {url}: {status}")
        if rule_.obj and persona in TOWN_STAFF:
            foreign = reverse(name, kwargs=objects["other"][rule_.obj])
            status = status_of(client, foreign, objects["other"].get(POST_DATA.get(name, "")))
            if status != 404:
                wrong.append(f"{name} {foreign} (another organisation's): {status}")
    assert not wrong, f"{persona}: " + "; ".join(wrong)


def test_signed_out_visitors_are_sent_to_sign_in(objects: dict[str, dict[str, dict[str, Any]]]) -> None:
    client = Client()
    wrong = []
    for name, _route in staff_urls():
        rule_ = RULES[name]
        if rule_.anonymous_ok:
            continue
        url = reverse(name, kwargs=objects["own"][rule_.obj])
        response = client.get(url)
        if response.status_code == 405:
            response = client.post(url)
        if response.status_code != 302 or not response["Location"].startswith("/staff/login/"):
            wrong.append(f"{name}: {response.status_code}")
    assert not wrong, wrong


def test_the_personas_cover_every_role_and_duty() -> None:
    assert set(PERSONAS) == EVERYONE


SYSTEM, SECURITY, AUDIT = {"sysadmin"}, {"secadmin"}, {"auditadmin"}
ADMIN_RULES: dict[str, set[str]] = {
    "portal.Organisation": SYSTEM,
    "portal.PlatformProfile": SYSTEM,
    "portal.CalendarYear": SYSTEM,
    "portal.OutgoingMail": SYSTEM,
    "disclosure.Column": SYSTEM,
    "disclosure.Topic": SYSTEM,
    "review.Stage": SYSTEM,
    "review.SensitiveWord": SYSTEM,
    "review.WordingRule": SYSTEM,
    "review.Leader": SYSTEM,
    "supervision.Indicator": SYSTEM,
    "portal.Membership": SECURITY,
    "portal.AdministratorDuty": SECURITY,
    "axes.AccessAttempt": SECURITY,
    "auth.User": SECURITY,
    "portal.AuditEvent": AUDIT,
    "django_tasks_database.DBTaskResult": set(),  # the worker's own records: nobody edits them here
    "disclosure.Guide": {"editor", "office_head", "other_staff"},  # an organisation's 指南, by its writers
    "disclosure.TopicPage": {"editor", "office_head", "other_staff"},
    "disclosure.Area": {"office_head"},  # an organisation's 标准目录, adapted by its disclosure office head
    "disclosure.Matter": {"office_head"},
    "review.ReviewerPreference": {"reviewer", "social_reviewer", "office_head"},
}


def test_every_admin_model_has_a_rule() -> None:
    from django.contrib import admin

    registered = {model._meta.label for model in admin.site._registry}
    assert registered == set(ADMIN_RULES), registered ^ set(ADMIN_RULES)


@pytest.mark.parametrize("persona", sorted(EVERYONE))
def test_each_persona_reaches_exactly_the_admin_lists_of_its_duty(persona: str, personas: dict[str, User]) -> None:
    from django.contrib import admin

    client = Client()
    client.force_login(personas[persona])
    wrong = []
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        status = client.get(url).status_code
        if (status == 200) != (persona in ADMIN_RULES[model._meta.label]):
            wrong.append(f"{model._meta.label}: {status}")
    assert not wrong, f"{persona}: " + "; ".join(wrong)
