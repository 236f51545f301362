"""The review queue (条例 第十七条 先审后发; regulation.md §3; seed §三(一))."""

import threading
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from disclosure import services
from disclosure.models import Item, ItemStatus
from review import services as review
from review.models import Decision, DecisionKind, ReviewerPreference, Stage, Submission, SubmissionStatus
from tests.review.conftest import YES

TZ = ZoneInfo("Asia/Shanghai")


def approve(submission: Submission, persona: User, **extra: Any) -> Submission:
    return review.approve(
        submission=submission, actor=persona, checklist=YES[submission.stage.checklist], stage_id=submission.stage_id,
        **extra,
    )  # fmt: skip


def test_default_stages_follow_the_seed(submitted: Callable[..., Any], town: Any) -> None:
    """seed §三(一): 党政办 leads, reviewing together with 社会事务办; the drafter submits first."""
    _, submission = submitted()
    stages = list(
        Stage.objects.filter(organisation=town.town).values_list(
            "name", "decider_organisation__short_name", "decider_role"
        )
    )
    assert stages == [
        ("保密审查和个人信息检查", "党政办", "reviewer"),
        ("社会事务办审核", "社会事务办", "reviewer"),
        ("党政办终审", "党政办", "office_head"),
    ]
    assert submission.stage.name == "保密审查和个人信息检查"


def test_each_stage_is_decided_only_by_its_role(submitted: Callable[..., Any], personas: dict[str, User]) -> None:
    item, submission = submitted()
    for wrong in ("editor", "social_reviewer", "case_officer", "other_staff"):
        with pytest.raises(PermissionDenied):
            approve(submission, personas[wrong])
    submission = approve(submission, personas["reviewer"])
    assert submission.stage.name == "社会事务办审核"
    with pytest.raises(PermissionDenied):
        approve(submission, personas["reviewer"])
    submission = approve(submission, personas["social_reviewer"])
    submission = approve(submission, personas["office_head"])
    item.refresh_from_db()
    assert submission.status == SubmissionStatus.PUBLISHED and item.status == ItemStatus.PUBLISHED
    kinds = list(submission.decisions.values_list("kind", flat=True))
    assert kinds == ["submit", "approve", "approve", "approve", "publish"]


def test_the_checklist_must_be_answered_yes(submitted: Callable[..., Any], personas: dict[str, User]) -> None:
    _, submission = submitted()
    submission = approve(submission, personas["reviewer"])
    with pytest.raises(ValidationError) as excinfo:
        review.approve(
            submission=submission, actor=personas["social_reviewer"], stage_id=submission.stage_id,
            checklist={"process_fair": "yes", "decision_democratic": "no"},
        )  # fmt: skip
    assert "公开事项决策过程是否民主、科学" in str(excinfo.value) and "公开的结果是否真实、可信、及时" in str(
        excinfo.value
    )
    decision = Decision.objects.filter(submission=submission, kind=DecisionKind.APPROVE).get()
    assert decision.checklist == YES["secrecy"]


def test_return_and_reject_need_a_reason_and_send_the_item_back(
    submitted: Callable[..., Any], personas: dict[str, User]
) -> None:
    item, submission = submitted()
    with pytest.raises(ValidationError):
        review.return_for_changes(submission=submission, actor=personas["reviewer"], comment="")
    review.return_for_changes(submission=submission, actor=personas["reviewer"], comment="请补充附件")
    item.refresh_from_db()
    assert item.status == ItemStatus.DRAFT
    assert item.events.filter(action="return", note="请补充附件").exists()
    services.submit_item(item=item, actor=personas["editor"])  # a new round after the changes
    second = review.open_submission(item)
    assert second is not None
    review.reject(submission=second, actor=personas["reviewer"], comment="不属于主动公开范围")
    second.refresh_from_db()
    assert second.status == SubmissionStatus.REJECTED
    assert Submission.objects.filter(object_id=item.pk).count() == 2


def test_referral_to_the_secrecy_authority_waits_for_the_answer(
    submitted: Callable[..., Any], personas: dict[str, User]
) -> None:
    """regulation.md §3: an item whose secrecy status is unclear is referred and waits."""
    _, submission = submitted()
    review.refer(submission=submission, actor=personas["reviewer"], comment="报县保密局确认是否涉密")
    submission.refresh_from_db()
    with pytest.raises(ValidationError, match="已报保密行政管理部门”，不能执行“通过”"):
        approve(submission, personas["reviewer"])
    review.record_answer(submission=submission, actor=personas["reviewer"], comment="县保密局答复：不涉密")
    submission = approve(Submission.objects.get(pk=submission.pk), personas["reviewer"])
    assert submission.stage.position == 2
    assert list(submission.decisions.values_list("kind", flat=True))[1:3] == ["refer", "answer"]


def test_personal_data_blocks_approval_until_masked(submitted: Callable[..., Any], personas: dict[str, User]) -> None:
    item, submission = submitted(body="<p>联系人王某，手机13812341234，身份证350102199003077652。</p>")
    assert {h["kind"] for h in submission.hits} == {"mobile", "id_number"}
    with pytest.raises(ValidationError, match="自动检查发现 2 处"):
        approve(submission, personas["reviewer"])
    review.apply_masking(submission=submission, actor=personas["reviewer"])
    item.refresh_from_db()
    assert "138****1234" in item.body and "35*************652" in item.body and "13812341234" not in item.body
    submission.refresh_from_db()
    assert submission.hits == []
    assert approve(submission, personas["reviewer"]).stage.position == 2


def test_override_needs_two_different_reviewers_and_a_reason(
    submitted: Callable[..., Any], personas: dict[str, User]
) -> None:
    """regulation.md §3: an override only with a recorded reason and a second reviewer."""
    _, submission = submitted(body="<p>举报电话13812341234</p>")
    key = submission.hits[0]["key"]
    with pytest.raises(ValidationError):
        review.override_hit(submission=submission, actor=personas["reviewer"], hit_key=key, reason="")
    review.override_hit(submission=submission, actor=personas["reviewer"], hit_key=key, reason="公开的举报电话")
    with pytest.raises(ValidationError, match="另一名审核人员"):
        review.override_hit(submission=submission, actor=personas["reviewer"], hit_key=key, reason="")
    with pytest.raises(ValidationError):
        approve(submission, personas["reviewer"])
    review.override_hit(submission=submission, actor=personas["office_head"], hit_key=key, reason="同意")
    assert approve(submission, personas["reviewer"]).stage.position == 2


def test_no_other_path_publishes(draft: Callable[..., Item], personas: dict[str, User], client_for: Any) -> None:
    """条例 第十七条: not the service called directly, not the admin, not the API."""
    item = draft()
    with pytest.raises(PermissionDenied):  # a draft can't reach publication
        services.publish_item(item=item, approver=personas["office_head"])
    services.submit_item(item=item, actor=personas["editor"])
    with pytest.raises(PermissionDenied, match="先审后发"):
        services.publish_item(item=item, approver=personas["office_head"])
    admin = client_for("sysadmin")
    assert admin.get(f"/admin/disclosure/item/{item.pk}/change/").status_code == 404  # items are not in the admin
    assert client_for("office_head").post("/api/town/items/", {"status": "published"}).status_code == 405
    item.refresh_from_db()
    assert item.status == ItemStatus.SUBMITTED and item.index_number is None


def test_concurrent_approvals_publish_once(
    submitted: Callable[..., Any], personas: dict[str, User], django_db_blocker: Any
) -> None:
    _, submission = submitted()
    submission = approve(approve(submission, personas["reviewer"]), personas["social_reviewer"])
    second_head = personas["reviewer"]
    from portal.models import Role
    from portal.services import grant_role

    grant_role(user=second_head, organisation=submission.stage.decider_organisation, role=Role.OFFICE_HEAD)
    results: list[str] = []
    for persona in (personas["office_head"], second_head):  # the second sees the stage already decided
        try:
            approve(
                Submission.objects.get(pk=submission.pk),
                persona,
            )
            results.append("ok")
        except ValidationError as error:
            results.append(error.messages[0])
    assert results[0] == "ok" and "已被他人处理" in results[1]
    assert Item.objects.filter(status=ItemStatus.PUBLISHED).count() == 1
    assert Decision.objects.filter(kind=DecisionKind.PUBLISH).count() == 1


def test_scheduled_publication(submitted: Callable[..., Any], personas: dict[str, User]) -> None:
    item, submission = submitted()
    submission = approve(approve(submission, personas["reviewer"]), personas["social_reviewer"])
    later = datetime(2030, 1, 2, 9, tzinfo=TZ)
    submission = approve(
        submission, personas["office_head"], scheduled_for=later, now=datetime(2029, 12, 31, tzinfo=TZ)
    )
    item.refresh_from_db()
    assert submission.status == SubmissionStatus.SCHEDULED and item.status == ItemStatus.SUBMITTED
    assert review.publish_due(now=datetime(2030, 1, 1, tzinfo=TZ)) == 0
    assert review.publish_due(now=later) == 1
    item.refresh_from_db()
    assert item.status == ItemStatus.PUBLISHED and item.publication_date == date(2030, 1, 2)
    assert review.publish_due(now=later) == 0  # safe to run twice


def test_next_stage_reviewers_are_mailed_at_once_or_in_a_digest(
    submitted: Callable[..., Any], personas: dict[str, User], django_capture_on_commit_callbacks: Any
) -> None:
    from review.notifications import send_digests

    ReviewerPreference.objects.create(user=personas["social_reviewer"], mode="digest")
    with django_capture_on_commit_callbacks(execute=True):
        _, submission = submitted()
    assert [m.to for m in mail.outbox] == [["reviewer@example.gov.cn"]]
    assert "【待审核】" in mail.outbox[0].subject and "/staff/review/" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        approve(submission, personas["reviewer"])
    assert len(mail.outbox) == 1  # the social-affairs reviewer prefers the digest
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests() == 1
    assert mail.outbox[1].to == ["social_reviewer@example.gov.cn"] and "每日汇总" in mail.outbox[1].subject
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests() == 0  # run again that day (or by another node at the same minute): no second mail
        assert send_digests(today=timezone.localdate() + timedelta(days=1)) == 1
    assert len(mail.outbox) == 3


@pytest.mark.parametrize("status", SubmissionStatus.values)
def test_decisions_on_closed_or_waiting_rounds_are_refused(
    status: str, submitted: Callable[..., Any], personas: dict[str, User]
) -> None:
    """The transition table: every decision from every status either works or is refused."""
    item, submission = submitted()
    Submission.objects.filter(pk=submission.pk).update(status=status)
    submission.refresh_from_db()
    actions = {
        "approve": lambda: approve(submission, personas["reviewer"]),
        "return": lambda: review.return_for_changes(submission=submission, actor=personas["reviewer"], comment="x"),
        "reject": lambda: review.reject(submission=submission, actor=personas["reviewer"], comment="x"),
        "refer": lambda: review.refer(submission=submission, actor=personas["reviewer"], comment="x"),
        "answer": lambda: review.record_answer(submission=submission, actor=personas["reviewer"], comment="x"),
    }
    allowed = {
        "in_review": {"approve", "return", "reject", "refer"},
        "referred": {"return", "reject", "answer"},
    }.get(status, set())
    first_stage = submission.stage_id
    for name, action in actions.items():
        Submission.objects.filter(pk=submission.pk).update(status=status, stage=first_stage, closed_at=None)
        Item.objects.filter(pk=item.pk).update(status=ItemStatus.SUBMITTED)
        submission.refresh_from_db()
        if name in allowed:
            action()
        else:
            with pytest.raises((ValidationError, PermissionDenied)):
                action()


@pytest.mark.django_db(transaction=True)
def test_two_heads_approving_at_the_same_moment_publish_once(town: Any, personas: dict[str, User]) -> None:
    """Two final approvers press “通过” together: one publishes, the other is told it was already decided."""
    from disclosure.models import Column, Genre
    from portal.models import Role
    from portal.services import grant_role

    item = services.create_draft(
        organisation=town.town,
        author=personas["editor"],
        fields={"column": Column.objects.get(slug="gzdt"), "genre": Genre.NEWS, "title": "并发终审",
                "summary": "并发", "body": "<p>正文</p>", "written_date": date(2026, 11, 20)},
    )  # fmt: skip
    services.submit_item(item=item, actor=personas["editor"])
    opened = review.open_submission(item)
    assert opened is not None
    submission = approve(approve(opened, personas["reviewer"]), personas["social_reviewer"])
    grant_role(user=personas["reviewer"], organisation=submission.stage.decider_organisation, role=Role.OFFICE_HEAD)
    outcomes: list[str] = []

    def press(persona: User) -> None:
        try:
            approve(Submission.objects.get(pk=submission.pk), persona)
            outcomes.append("published")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            connection.close()

    # fresh user objects: each request reads the user's roles anew (the grant above is not in the old copy)
    heads = [User.objects.get(username="office_head"), User.objects.get(username="reviewer")]
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith("file:memorydb"):
        for head in heads:  # in-memory SQLite is a single connection: the same lock path, in sequence
            press(head)
    else:
        threads = [threading.Thread(target=press, args=(head,)) for head in heads]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert outcomes.count("published") == 1
    assert any("已被他人处理" in outcome for outcome in outcomes)
    assert Decision.objects.filter(kind=DecisionKind.PUBLISH).count() == 1
    item.refresh_from_db()
    assert item.status == ItemStatus.PUBLISHED
