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
    for submission in rounds:
        decide(client_for("reviewer"), submission, "approve")
        decide(client_for("social_reviewer"), submission, "approve")
    client = client_for("office_head")
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
