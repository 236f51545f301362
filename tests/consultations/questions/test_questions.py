"""互动交流 (政务咨询): a citizen asks of an organisation or about a published policy, staff answer within
QUESTION_REPLY_WORKING_DAYS working days on the calendar, pass a question to the organisation that holds the
matter, turn it into an application (条例 第二十七条) or a complaint (第五十一条) only with the asker's consent,
and publish question and answer after review (国办发〔2017〕47号 互动交流; 国办秘函〔2019〕19号 互动回应差)."""

import re
import uuid
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consultations.questions import figures, services
from consultations.questions.models import Question, QuestionEvent
from consultations.questions.states import Status
from requests_app.models import Application
from review import services as review
from supervision.complaints.models import Complaint
from supervision.dashboard import selectors as dashboard
from supervision.dashboard import self_check
from supervision.dashboard.selectors import Period
from tests.conftest import review_through
from tests.pages import error_summary

from ...requests_app.conftest import VALID_ID

TZ = ZoneInfo("Asia/Shanghai")
pytestmark = pytest.mark.django_db


def ask(client: Client, *, org: str = "town", item: int | None = None, **changes: Any) -> str:
    data = {"subject": "低保申请需要哪些材料", "text": "我父亲生病住院，想申请低保，需要准备哪些材料？",
            "name": "王五", "contact": "wangwu@example.com", "public_allowed": "yes",
            "submission_key": str(uuid.uuid4()), "item": item or ""} | changes  # fmt: skip
    return client.post(f"/gk/{org}/hdjl/ask/", data).content.decode()


def receipt(page: str) -> str:
    return page.split("回执码<br><strong>")[1].split("</strong>")[0]


def received(town: Any, when: date, **changes: Any) -> Question:
    fields = {"organisation": town.town, "subject": "低保申请需要哪些材料", "text": "需要哪些材料？",
              "name": "王五", "contact": "wangwu@example.com", "public_allowed": True,
              "submission_key": uuid.uuid4(), "now": datetime.combine(when, time(10), tzinfo=TZ)} | changes  # fmt: skip
    return services.receive(**fields).question


def test_the_answer_is_due_in_five_working_days_across_national_day(town: Any, calendar: None) -> None:
    """QUESTION_REPLY_WORKING_DAYS (5) from 29 September 2025: 30 Sept, 9, 10, 11 (a make-up Saturday), 13 Oct."""
    assert received(town, date(2025, 9, 29)).due_on == date(2025, 10, 13)


def test_asked_from_a_policy_answered_reviewed_published_and_found_by_search(
    town: Any, client_for: Any, personas: Any, published: Any, django_capture_on_commit_callbacks: Any
) -> None:
    policy = published(title="示例镇城乡低保实施办法")
    public = Client()
    item_page = public.get(f"/gk/town/item/{policy.pk}/").content.decode()
    assert f"/gk/town/hdjl/ask/?item={policy.pk}" in item_page
    form = public.get(f"/gk/town/hdjl/ask/?item={policy.pk}").content.decode()
    assert "示例镇城乡低保实施办法" in form and "5个工作日内答复" in form
    page = ask(public, item=policy.pk)
    assert "已收到您的咨询" in page and "前答复" in page
    code = receipt(page)
    question = Question.objects.get()
    assert question.item == policy and question.organisation == town.town
    assert "wangwu" not in question.contact_encrypted and question.personal("contact") == "wangwu@example.com"

    editor = client_for("editor")
    assert "低保申请需要哪些材料" in editor.get("/staff/questions/").content.decode()
    case = editor.get(f"/staff/questions/{question.pk}/").content.decode()
    assert "w***@example.com" in case and "wangwu@example.com" not in case
    short = editor.post(f"/staff/questions/{question.pk}/", {"action": "answer", "answer-answer": "见办事指南"})
    assert short.status_code == 400 and "至少10个字" in short.content.decode()
    assert "见办事指南" in short.content.decode()  # what was typed is kept
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(f"/staff/questions/{question.pk}/", {"action": "answer",
                    "answer-answer": "请携带户口簿、身份证、收入证明和医疗费用票据到镇社会事务办申请。"})  # fmt: skip
    question.refresh_from_db()
    assert question.status == Status.ANSWERED and question.answered_on == timezone.localdate()
    assert any(m.to == ["wangwu@example.com"] and "户口簿" in m.body for m in mail.outbox)
    tracked = public.post("/gk/town/hdjl/chaxun/", {"code": code}, follow=True).content.decode()
    assert "户口簿" in tracked and "已答复" in tracked

    editor.post(f"/staff/questions/{question.pk}/", {"action": "submit"})
    assert review.open_submission(question) is not None
    assert "低保申请需要哪些材料" not in public.get("/gk/town/hdjl/").content.decode()  # not before review
    review_through(question, personas)
    question.refresh_from_db()
    assert question.published_at is not None
    listing = public.get("/gk/town/hdjl/").content.decode()
    assert "低保申请需要哪些材料" in listing
    shown = public.get(f"/gk/town/hdjl/{question.pk}/").content.decode()
    assert "户口簿" in shown and "示例镇城乡低保实施办法" in shown
    assert "王五" not in shown and "wangwu" not in shown
    found = public.get("/search/", {"q": "户口簿"}).content.decode()
    assert "互动交流中的相关问答" in found and f"/gk/town/hdjl/{question.pk}/" in found
    folded = public.get("/gk/town/hdjl/", {"q": "戶口簿"}).content.decode()  # traditional characters fold
    assert f"/gk/town/hdjl/{question.pk}/" in folded
    assert f"/gk/town/hdjl/{question.pk}/" not in public.get("/gk/town/hdjl/", {"q": "户口本"}).content.decode()

    head = client_for("office_head")
    head.post(f"/staff/questions/{question.pk}/", {"action": "faq"})
    assert "常见问题" in public.get("/gk/town/hdjl/").content.decode()


def test_personal_data_the_asker_wrote_is_masked_by_the_review_before_publication(
    town: Any, personas: Any, calendar: None
) -> None:
    question = received(town, timezone.localdate(), text=f"我的身份证号{VALID_ID}，低保什么时候发？")
    services.answer(question=question, text="本月20日前发放到您的社保卡，请注意查收。", actor=personas["editor"],
                    today=timezone.localdate())  # fmt: skip
    submission = services.submit_for_publication(question=question, actor=personas["editor"])
    assert any(hit["kind"] == "id_number" for hit in submission.hits)
    review.apply_masking(submission=submission, actor=personas["reviewer"])
    review_through(question, personas)
    question.refresh_from_db()
    assert question.published_at is not None and VALID_ID not in question.text and VALID_ID not in question.search_text


def test_without_consent_the_answer_goes_to_the_asker_only(town: Any, client_for: Any, calendar: None) -> None:
    page = ask(Client(), public_allowed="no")
    assert "已收到您的咨询" in page
    question = Question.objects.get()
    services.answer(question=question, text="请到镇社会事务办窗口咨询办理。", actor=None, today=timezone.localdate())
    case = client_for("editor").get(f"/staff/questions/{question.pk}/").content.decode()
    assert "送审公开" not in case and "不同意，只答复本人" in case
    with pytest.raises(Exception, match="未同意公开"):
        services.submit_for_publication(question=question, actor=None)


def test_a_form_with_mistakes_keeps_what_was_typed(town: Any, calendar: None) -> None:
    response = Client().post("/gk/town/hdjl/ask/", {"subject": "", "text": "想问问危房改造补助标准",
                                                    "submission_key": str(uuid.uuid4())})  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 400 and Question.objects.count() == 0
    assert "请用一句话写明咨询的标题。" in page and "请选择是否同意公开问题和答复。" in page
    assert "想问问危房改造补助标准" in page


def test_each_line_of_the_error_summary_names_what_is_missing_once(town: Any, calendar: None) -> None:
    response = Client().post("/gk/town/hdjl/ask/", {"submission_key": str(uuid.uuid4())})
    assert response.status_code == 400
    assert error_summary(response.content.decode()) == [
        "请用一句话写明咨询的标题。", "请写明咨询内容。", "请选择是否同意公开问题和答复。",
    ]  # fmt: skip


def test_overdue_questions_are_escalated_to_the_office_head_once(
    town: Any, client_for: Any, personas: Any, calendar: None, django_capture_on_commit_callbacks: Any
) -> None:
    """QUESTION_REPLY_WORKING_DAYS: past the deadline the heads of the handling office are told, once."""
    today = timezone.localdate()
    late = received(town, today - timedelta(days=30), subject="危房改造补助什么时候发")
    soon = received(town, today)
    assert "已超期" in client_for("editor").get("/staff/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("question_reminders", today=today.isoformat())
        call_command("question_reminders", today=today.isoformat())  # a second node at the same minute, or a rerun
    told = [m for m in mail.outbox if "超期未答复" in m.subject]
    assert len(told) == 1 and told[0].to == ["office_head@example.gov.cn"] and "危房改造补助" in told[0].subject
    assert QuestionEvent.objects.filter(question=late, action="escalate").count() == 1
    assert not QuestionEvent.objects.filter(question=soon, action="escalate").exists()


def test_a_question_passed_to_the_organisation_that_holds_the_matter(
    town: Any, client_for: Any, personas: Any, calendar: None, django_capture_on_commit_callbacks: Any
) -> None:
    """The receiving organisation has QUESTION_REPLY_WORKING_DAYS from the day the question arrives there."""
    question = received(town, date(2026, 9, 28))
    with django_capture_on_commit_callbacks(execute=True):
        services.transfer(question=question, to=town.other_town, reason="该事项由邻镇人民政府负责",
                          actor=personas["editor"], today=date(2026, 9, 29))  # fmt: skip
    question.refresh_from_db()
    assert question.organisation == town.other_town and question.asked_of == town.town
    assert question.due_on == date(2026, 10, 12)  # 30 Sept, 8, 9, 10 (a make-up Saturday) and 12 October
    assert any("转交邻镇人民政府" in m.subject for m in mail.outbox)
    assert client_for("editor").get(f"/staff/questions/{question.pk}/").status_code == 404
    other = client_for("other_staff")
    assert other.get(f"/staff/questions/{question.pk}/").status_code == 200
    event = QuestionEvent.objects.get(question=question, action="transfer")
    assert event.from_organisation == town.town and event.to_organisation == town.other_town


def test_the_asker_agrees_and_the_question_becomes_a_complaint_keeping_its_words(
    town: Any, personas: Any, calendar: None
) -> None:
    """条例 第五十一条: a complaint is the citizen's; it is made only when the asker agrees, with their words."""
    public = Client()
    code = receipt(ask(public, subject="申请超期没有答复", text="我10月提交的申请到现在没有答复。"))
    question = Question.objects.get()
    services.propose(question=question, into="complaint", note="您反映的是办理超期问题，建议作为投诉办理。",
                     actor=personas["editor"])  # fmt: skip
    assert Complaint.objects.count() == 0  # not without consent
    tracked = public.post("/gk/town/hdjl/chaxun/", {"code": code}, follow=True).content.decode()
    assert "同意转为投诉" in tracked
    done = public.post("/gk/town/hdjl/chaxun/convert/").content.decode()
    complaint = Complaint.objects.get()
    assert complaint.text == "我10月提交的申请到现在没有答复。" and complaint.personal("name") == "王五"
    assert complaint.personal("contact") == "wangwu@example.com" and complaint.received_on == timezone.localdate()
    assert re.search(r"投诉回执码<br><strong>[A-Z0-9-]{14}</strong>", done)
    question.refresh_from_db()
    assert question.status == Status.CONVERTED and question.complaint == complaint


def test_the_asker_agrees_and_applies_with_the_question_written_in(town: Any, personas: Any, calendar: None) -> None:
    """条例 第二十七条、第三十一条: the application is the asker's own, received when they submit it."""
    public = Client()
    code = receipt(ask(public, subject="想要低保名单", text="请提供2026年和平村低保对象名单。"))
    question = Question.objects.get()
    services.propose(question=question, into="application", note="获取政府信息请按依申请公开办理。",
                     actor=personas["editor"])  # fmt: skip
    public.post("/gk/town/hdjl/chaxun/", {"code": code})
    assert public.post("/gk/town/hdjl/chaxun/convert/").url == "/ysq/town/apply/"
    for slug, answers in (
        ("kind", {"kind": "disclosure"}), ("applicant", {"applicant_type": "person"}),
        ("identity", {"name": "王五", "id_type": "resident_id", "id_number": VALID_ID}),
        ("contact", {"phone": "", "email": "wangwu@example.com", "address": "", "postcode": ""}),
    ):  # fmt: skip
        assert public.post(reverse("requests_app:apply-step", args=["town", slug]), answers).status_code == 302
    step = public.get(reverse("requests_app:apply-step", args=["town", "information"])).content.decode()
    assert "请提供2026年和平村低保对象名单。" in step  # the asker's words, written in
    information = {"description": "想要低保名单\n请提供2026年和平村低保对象名单。", "information_title": "",
                   "document_number": "", "purpose": ""}  # fmt: skip
    for slug, answers in (("information", information), ("provision", {"form": "electronic", "way": "email"})):
        assert public.post(reverse("requests_app:apply-step", args=["town", slug]), answers).status_code == 302
    public.post(reverse("requests_app:apply-step", args=["town", "attachments"]), {})
    public.post(reverse("requests_app:apply-check", args=["town"]), {"agree": "on"})
    application = Application.objects.get()
    assert "和平村低保对象名单" in application.description
    question.refresh_from_db()
    assert question.status == Status.CONVERTED and question.application == application


def test_only_the_office_head_dismisses_and_says_why(town: Any, client_for: Any, calendar: None) -> None:
    question = received(town, timezone.localdate(), subject="广告", text="低价代办各类证件")
    url = f"/staff/questions/{question.pk}/"
    assert client_for("editor").post(url, {"action": "dismiss", "dismiss-reason": "广告"}).status_code == 404
    head = client_for("office_head")
    missing = head.post(url, {"action": "dismiss", "dismiss-reason": ""})
    assert missing.status_code == 400 and "请写明理由。" in missing.content.decode()
    head.post(url, {"action": "dismiss", "dismiss-reason": "广告信息，不予答复"})
    question.refresh_from_db()
    assert question.status == Status.DISMISSED and question.closed_on == timezone.localdate()


def test_another_organisations_staff_cannot_open_a_question(town: Any, client_for: Any, calendar: None) -> None:
    question = received(town, timezone.localdate())
    assert client_for("other_staff").get(f"/staff/questions/{question.pk}/").status_code == 404
    assert "低保申请需要哪些材料" not in client_for("other_staff").get("/staff/questions/").content.decode()


def test_the_figures_count_answers_on_time_and_the_three_month_veto(
    town: Any, personas: Any, calendar: None, django_assert_max_num_queries: Any
) -> None:
    """国办秘函〔2019〕19号 单项否决 互动回应差: a message unanswered for three months fails the site."""
    today = timezone.localdate()
    answered = received(town, date(2026, 3, 2))  # due 9 March
    services.answer(question=answered, text="答复内容足够十个字以上。", actor=None, today=date(2026, 3, 4))
    late = received(town, date(2026, 3, 2))
    services.answer(question=late, text="答复内容足够十个字以上。", actor=None, today=date(2026, 3, 20))
    forgotten = received(town, today - timedelta(days=100), subject="四个月没人理")
    period = Period.year(2026)
    with django_assert_max_num_queries(6):
        found = figures.by_organisation([town.town.pk, town.other_town.pk], period.start, period.end, today)
    mine = found[town.town.pk]
    assert (mine.answered, mine.on_time, mine.open_now) == (2, 1, 1)
    assert mine.average_days == 8.0  # (2 + 14) / 2 working days
    assert mine.oldest_open == forgotten.received_on and mine.past_veto[0][1] == "四个月没人理"
    row = next(r for r in dashboard.rows([town.town], period, today) if r.organisation == town.town)
    check = next(c for c in self_check.checks(row, today) if c.name == "互动回应差")
    assert check.verdict == "fail" and any("四个月没人理" in e.text for e in check.evidence)
    year = figures.year_figures([town.town.pk], 2026)
    assert year["received"] == 3 and year["closed"] == 2 and year["average_days"] == 10.0  # (2 + 18) / 2


def test_the_dashboard_shows_the_interaction_figures(town: Any, client_for: Any, calendar: None) -> None:
    received(town, timezone.localdate() - timedelta(days=100), subject="四个月没人理")
    page = client_for("inspector").get("/staff/supervision/").content.decode()
    assert "互动交流（政务咨询）" in page and "单项否决风险" in page


def test_a_question_passed_to_an_office_is_handled_by_the_towns_staff_too(
    town: Any, client_for: Any, personas: Any, calendar: None
) -> None:
    """An office publishing through the town's column may have no staff of its own on the platform."""
    question = received(town, timezone.localdate())
    services.transfer(question=question, to=town.social_office, reason="由社会事务办负责",
                      actor=personas["editor"], today=timezone.localdate())  # fmt: skip
    editor = client_for("editor")
    assert "低保申请需要哪些材料" in editor.get("/staff/questions/").content.decode()
    editor.post(f"/staff/questions/{question.pk}/", {"action": "answer", "answer-answer": "请到社会事务办窗口办理。"})
    question.refresh_from_db()
    assert question.status == Status.ANSWERED and question.organisation == town.social_office


def test_too_many_questions_from_one_address_are_refused_keeping_the_text(
    town: Any, calendar: None, settings: Any
) -> None:
    settings.COMMENTS_PER_ADDRESS_HOUR, settings.CHALLENGE_AFTER = 2, 100
    public = Client()
    for _ in range(2):
        assert "已收到您的咨询" in ask(public)
    third = {"subject": "第三条", "text": "同一地址的第三条咨询", "public_allowed": "yes",
             "submission_key": str(uuid.uuid4())}  # fmt: skip
    refused = public.post("/gk/town/hdjl/ask/", third)
    page = refused.content.decode()
    assert refused.status_code == 400 and "同一网络地址在一小时内提交过多" in page and "同一地址的第三条咨询" in page
    assert Question.objects.count() == 2


def test_an_offices_answer_is_found_under_its_towns_column(town: Any, personas: Any, calendar: None) -> None:
    question = received(town, timezone.localdate(), subject="危房改造补助怎么申请")
    services.transfer(question=question, to=town.social_office, reason="由社会事务办负责",
                      actor=personas["editor"], today=timezone.localdate())  # fmt: skip
    services.answer(question=question, text="请携带房屋鉴定报告到社会事务办申请。", actor=personas["editor"],
                    today=timezone.localdate())  # fmt: skip
    services.submit_for_publication(question=question, actor=personas["editor"])
    review_through(question, personas)
    page = Client().get("/search/", {"q": "房屋鉴定", "publisher": town.town.pk}).content.decode()
    assert f"/gk/town/hdjl/{question.pk}/" in page and "社会事务办答复" in page
    assert f"/gk/town/hdjl/{question.pk}/" in Client().get("/gk/town/hdjl/").content.decode()
