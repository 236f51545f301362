"""The reviewer's screens: the queue, the review page, decisions by form, batch approval, masking by button."""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import User

from disclosure.models import Item, ItemStatus
from review.models import Submission, SubmissionStatus
from tests.review.conftest import YES


def decide(client: Any, submission: Submission, decision: str, **extra: str) -> Any:
    submission.refresh_from_db()
    answers = {f"q_{k}": v for k, v in YES[submission.stage.checklist].items()}
    data = {"decision": decision, "stage_id": submission.stage_id, **answers, **extra}
    return client.post(f"/staff/review/{submission.pk}/decide/", data, follow=True)


def test_queue_shows_waiting_items_oldest_first_with_working_days_left(
    client_for: Any, submitted: Callable[..., Any], calendar: None
) -> None:
    submitted(title="较早送审的信息")
    submitted(title="较晚送审的信息")
    page = client_for("reviewer").get("/staff/review/").content.decode()
    assert page.index("较早送审的信息") < page.index("较晚送审的信息")
    assert "个工作日" in page
    assert "目前没有等待您审核的内容" in client_for("social_reviewer").get("/staff/review/").content.decode()
    assert "较早送审的信息" not in client_for("other_staff").get("/staff/review/").content.decode()


def test_review_page_shows_checks_checklist_and_history(client_for: Any, submitted: Callable[..., Any]) -> None:
    _, submission = submitted(body="<p>联系电话13812341234</p>")
    page = client_for("reviewer").get(f"/staff/review/{submission.pk}/").content.decode()
    assert "手机号码" in page and "138****1234" in page and "按建议遮盖全部个人信息" in page
    assert "不涉及国家秘密" in page and "提交审核" in page
    assert "公众将看到的内容" in page and "联系电话13812341234" in page
    assert client_for("other_staff").get(f"/staff/review/{submission.pk}/").status_code == 404


def test_decisions_by_form_walk_the_stages_and_publish(
    client_for: Any, submitted: Callable[..., Any], personas: dict[str, User]
) -> None:
    item, submission = submitted()
    assert "已通过" in decide(client_for("reviewer"), submission, "approve").content.decode()
    refused = decide(client_for("social_reviewer"), submission, "approve", q_result_true="no").content.decode()
    assert "公开的结果是否真实、可信、及时" in refused
    decide(client_for("social_reviewer"), submission, "approve")
    decide(client_for("office_head"), submission, "approve")
    item.refresh_from_db()
    assert item.status == ItemStatus.PUBLISHED


def test_return_by_form_needs_a_comment(client_for: Any, submitted: Callable[..., Any]) -> None:
    item, submission = submitted()
    page = decide(client_for("reviewer"), submission, "return").content.decode()
    assert "请填写意见" in page
    decide(client_for("reviewer"), submission, "return", comment="标题有误")
    item.refresh_from_db()
    assert item.status == ItemStatus.DRAFT


def test_final_stage_approves_several_at_once(client_for: Any, submitted: Callable[..., Any]) -> None:
    rounds = [submitted(title=f"批量{n}")[1] for n in range(3)]
    assert "终审批量通过" not in client_for("reviewer").get("/staff/review/").content.decode()  # not theirs to use
    for submission in rounds:
        decide(client_for("reviewer"), submission, "approve")
        decide(client_for("social_reviewer"), submission, "approve")
    client = client_for("office_head")
    assert "终审批量通过" in client.get("/staff/review/").content.decode()
    refused = client.post("/staff/review/batch/", {"submission": [s.pk for s in rounds]}, follow=True)
    assert "请勾选" in refused.content.decode()
    done = client.post(
        "/staff/review/batch/", {"submission": [s.pk for s in rounds[:2]], "confirm": "yes"}, follow=True
    )
    assert "已批量通过并发布 2 项" in done.content.decode()
    assert Item.objects.filter(status=ItemStatus.PUBLISHED).count() == 2
    assert Submission.objects.filter(status=SubmissionStatus.IN_REVIEW).count() == 1


def test_mask_button_then_the_public_sees_the_masked_text(
    client: Any, client_for: Any, submitted: Callable[..., Any]
) -> None:
    item, submission = submitted(body="<p>联系电话13812341234</p>")
    reviewer = client_for("reviewer")
    reviewer.post(f"/staff/review/{submission.pk}/mask/")
    decide(reviewer, submission, "approve")
    decide(client_for("social_reviewer"), submission, "approve")
    decide(client_for("office_head"), submission, "approve")
    page = client.get(f"/gk/town/item/{item.pk}/").content.decode()
    assert "138****1234" in page and "13812341234" not in page


def test_supervision_figures(client_for: Any, submitted: Callable[..., Any], personas: dict[str, User]) -> None:
    from review import services as review

    _, first = submitted(body="<p>电话13812341234</p>")
    key = first.hits[0]["key"]
    review.override_hit(submission=first, actor=personas["reviewer"], hit_key=key, reason="公开电话")
    review.override_hit(submission=first, actor=personas["office_head"], hit_key=key, reason="同意")
    decide(client_for("reviewer"), first, "approve")
    _, second = submitted(title="退回的信息")
    decide(client_for("reviewer"), second, "return", comment="缺少附件")
    page = client_for("inspector").get("/staff/review/figures/").content.decode()
    assert "保密审查和个人信息检查" in page
    assert "<td>示例镇人民政府</td><td>2</td><td>1</td><td>0</td><td>1</td>" in page
    assert client_for("editor").get("/staff/review/figures/").status_code == 404


def test_the_items_page_shows_its_review_history_to_its_own_staff_only(
    client_for: Any, submitted: Callable[..., Any]
) -> None:
    item, submission = submitted()
    decide(client_for("reviewer"), submission, "return", comment="请补充依据")
    page = client_for("editor").get(f"/staff/items/{item.pk}/").content.decode()
    assert "审核记录" in page and "退回修改：请补充依据" in page and f"/staff/review/{submission.pk}/" in page
    assert client_for("other_staff").get(f"/staff/items/{item.pk}/").status_code == 404
    assert client_for("other_staff").get(f"/staff/review/{submission.pk}/").status_code == 404


def test_a_refused_approval_shows_an_error_summary_and_keeps_what_was_chosen(
    client_for: Any, submitted: Callable[..., Any]
) -> None:
    _, submission = submitted(body="<p>联系电话13812341234</p>")
    data = {"decision": "approve", "stage_id": submission.stage_id, "q_no_state_secret": "yes", "comment": "已核"}
    response = client_for("reviewer").post(f"/staff/review/{submission.pk}/decide/", data)
    page = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in page and 'href="#id_q_no_personal_data"' in page
    assert "通过前须确认此项" in page and "banner--success" not in page
    assert 'value="approve" id="id_decision_0" required checked' in page
    assert "已核</textarea>" in page
    answered = {**data, "q_no_personal_data": "yes", "q_no_commercial_secret": "yes"}
    blocked = client_for("reviewer").post(f"/staff/review/{submission.pk}/decide/", answered).content.decode()
    assert "自动检查发现 1 处需处理的内容" in blocked and 'class="error-summary"' in blocked


def test_after_deciding_a_stage_the_reviewer_lands_on_the_queue(client_for: Any, submitted: Callable[..., Any]) -> None:
    """The 社会事务办 reviewer holds no role in the town: after approving, the queue, not a 404."""
    _, submission = submitted()
    decide(client_for("reviewer"), submission, "approve")
    response = decide(client_for("social_reviewer"), submission, "approve")
    page = response.content.decode()
    assert response.status_code == 200 and response.redirect_chain[-1][0] == "/staff/review/"
    assert "已通过“社会事务办审核”" in page and "等待党政办公开工作机构负责人（office_head）" in page
    history = client_for("social_reviewer").get(f"/staff/review/{submission.pk}/")
    assert history.status_code == 200 and "社会事务办审核" in history.content.decode()


def test_each_submission_says_which_stage_and_role_it_waits_for_and_who(
    client_for: Any, submitted: Callable[..., Any]
) -> None:
    _, submission = submitted()
    page = client_for("editor").get(f"/staff/review/{submission.pk}/").content.decode()
    assert "等待党政办审核人员（reviewer）决定“保密审查和个人信息检查”" in page


def test_a_returned_item_is_mailed_to_the_editor_and_on_their_workbench(
    client_for: Any, submitted: Callable[..., Any], mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    item, submission = submitted(title="关于东坪村道路硬化的公示")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decide(client_for("reviewer"), submission, "return", comment="请补充施工单位和监督电话")
    [message] = mailoutbox
    assert message.to == ["editor@example.gov.cn"] and "退回修改" in message.subject
    assert "请补充施工单位和监督电话" in message.body and f"/staff/items/{item.pk}/" in message.body
    workbench = client_for("editor").get("/staff/").content.decode()
    assert "退回修改的信息：1 条" in workbench
    returned = client_for("editor").get("/staff/items/?status=returned").content.decode()
    assert "关于东坪村道路硬化的公示" in returned and "退回意见：请补充施工单位和监督电话" in returned


def test_a_mail_server_that_fails_does_not_undo_or_hide_a_return(
    client_for: Any,
    submitted: Callable[..., Any],
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.MAILERS = {"default": {"BACKEND": "tests.review.test_review_pages.BrokenBackend"}}
    item, submission = submitted()
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client_for("reviewer"), submission, "return", comment="标题有误")
    item.refresh_from_db()
    assert response.status_code == 200 and item.status == ItemStatus.DRAFT
    from portal.models import MailStatus, OutgoingMail

    kept = OutgoingMail.objects.get(to="editor@example.gov.cn")  # kept in the outbox for another attempt
    assert kept.status == MailStatus.RETRYING and "mail server down" in kept.last_error


class BrokenBackend:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def send_messages(self, messages: Any) -> int:
        raise ConnectionRefusedError("mail server down")


def test_an_offices_item_shows_the_towns_review_process(
    client_for: Any, submitted: Callable[..., Any], town: Any
) -> None:
    """社会事务办 publishes through the town's column and follows the town's stages."""
    _, submission = submitted(organisation=town.social_office)
    page = client_for("reviewer").get(f"/staff/review/{submission.pk}/").content.decode()
    assert "1. 保密审查和个人信息检查 → 2. 社会事务办审核 → 3. 党政办终审" in page
