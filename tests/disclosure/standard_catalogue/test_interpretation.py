"""三同步 (国办发〔2016〕80号《〈关于全面推进政务公开工作的意见〉实施细则》): a 行政规范性文件 goes to review with its
政策解读 or is flagged; once published, a missing interpretation is overdue after INTERPRETATION_WORKING_DAYS (3)
working days; the dashboard, the self-check and the workbench count them."""

from collections.abc import Callable
from datetime import date
from typing import Any

from django.urls import reverse

from disclosure import services
from disclosure.interpretations import figures_by_organisation, overdue
from disclosure.models import Item
from review.models import Submission

POLICY = {
    "genre": "normative",
    "validity": "valid",
    "title": "示例镇村规民约备案管理办法",
    "document_number": "示政发〔2026〕3号",
}


def test_a_policy_sent_without_its_interpretation_is_flagged(draft: Callable[..., Item], personas: Any,
                                                             client_for: Any) -> None:  # fmt: skip
    """实施细则: 解读 is drafted, approved and published with the policy; without one the reviewers see a hit."""
    policy = services.submit_item(item=draft(**POLICY), actor=personas["editor"])
    submission = Submission.objects.get(object_id=policy.pk)
    assert [hit["kind"] for hit in submission.hits] == ["interpretation"]
    page = client_for("reviewer").get(reverse("review:submission", args=[submission.pk])).content.decode()
    assert "未同步提交政策解读（三同步）" in page
    notice = services.submit_item(item=draft(title="关于做好秋季森林防火工作的通知"), actor=personas["editor"])
    assert Submission.objects.get(object_id=notice.pk).hits == []  # a notice needs no interpretation


def test_interpretation_within_three_working_days_is_timely(published: Callable[..., Item], town: Any,
                                                            today: date) -> None:  # fmt: skip
    """国办发〔2016〕80号 实施细则 and local rules: at most 3 working days after the policy (published Friday
    9 October 2026, make-up Saturday 10 October counts: the limit is Tuesday 13 October)."""
    timely = published(when=date(2026, 10, 9), **POLICY)
    published(when=date(2026, 10, 13), genre="interpretation", title="《示例镇村规民约备案管理办法》政策解读",
              interprets=timely, column="fgwj")  # fmt: skip
    late = published(when=date(2026, 10, 9), **{**POLICY, "title": "示例镇农村宅基地审批管理办法"})
    published(when=date(2026, 10, 14), genre="interpretation", title="《示例镇农村宅基地审批管理办法》解读",
              interprets=late, column="fgwj")  # fmt: skip
    missing = published(when=date(2026, 10, 9), **{**POLICY, "title": "示例镇公益性岗位管理办法"})
    figures = figures_by_organisation([town.town.pk], date(2026, 1, 1), date(2026, 12, 31), today)[town.town.pk]
    assert (figures.policies, figures.timely, figures.late, figures.overdue) == (3, 1, 1, 1)
    assert [item.pk for item, limit in overdue([town.town.pk], today)] == [missing.pk]
    assert overdue([town.town.pk], today)[0][1] == date(2026, 10, 13)


def test_overdue_interpretation_on_workbench_dashboard_and_self_check(published: Callable[..., Item],
                                                                      client_for: Any, today: date,
                                                                      catalogue: Any) -> None:  # fmt: skip
    missing = published(when=date(2026, 10, 9), **POLICY)
    editor = client_for("editor")
    workbench = editor.get(reverse("portal:workbench")).content.decode()
    assert "超期未发布政策解读的文件：1 件" in workbench
    listed = editor.get(reverse("disclosure-staff:items") + "?status=interpretation_overdue").content.decode()
    assert missing.title in listed
    dashboard = client_for("inspector").get(reverse("dashboard:page")).content.decode()
    assert "政策解读（三同步）" in dashboard and '<strong class="tag tag--red">1</strong>' in dashboard
    assert "标准目录公开事项" in dashboard and "社会救助</a> 0/0/" in dashboard
    check = client_for("office_head").get(reverse("dashboard:self-check")).content.decode()
    assert "政策解读三同步" in check and "超期未解读 1 件" in check
    assert "标准目录事项按时公开" in check and "应公开未公开" in check
    assert "社会救助：应公开未公开" in check and "?area=%E7%A4%BE%E4%BC%9A%E6%95%91%E5%8A%A9" in check


def test_the_limit_is_a_setting(published: Callable[..., Item], town: Any, today: date, settings: Any) -> None:
    """INTERPRETATION_WORKING_DAYS (3 by default, local rules): five working days from Friday 9 October 2026."""
    policy = published(when=date(2026, 10, 9), **POLICY)
    published(when=date(2026, 10, 14), genre="interpretation", title="解读", interprets=policy, column="fgwj")
    settings.INTERPRETATION_WORKING_DAYS = 5
    figures = figures_by_organisation([town.town.pk], date(2026, 1, 1), date(2026, 12, 31), today)[town.town.pk]
    assert (figures.timely, figures.late) == (1, 0)


def test_an_interpretation_drafted_with_its_policy_publishes_with_it_never_before(
    draft: Callable[..., Item], published: Callable[..., Item], personas: Any, client_for: Any
) -> None:
    """三同步 (国办发〔2016〕80号 实施细则: 同步起草、同步审签、同步发布): the editor drafts the 解读 against the policy
    still a draft, so the policy goes to review with no 三同步 hit; the 解读 cannot be published before the policy
    (the final approval says why and nothing is lost), and publishes once the policy has."""
    from disclosure.models import Column
    from review import services as review
    from review.checklists import QUESTIONS
    from tests.conftest import review_through

    policy = draft(**POLICY)
    editor = client_for("editor")
    new = reverse("disclosure-staff:item-new")
    assert f"{POLICY['title']}（草稿）" in editor.get(new).content.decode()
    data = {"column": Column.objects.get(slug="fgwj").pk, "genre": "interpretation", "summary": "解读主要内容。",
            "title": "《示例镇村规民约备案管理办法》解读", "body": "一、起草背景\n二、主要内容",
            "written_date": "2026-10-09", "disclosure_attribute": "proactive",
            "interprets_draft": policy.pk}  # fmt: skip
    other = published(**{**POLICY, "title": "示例镇农村宅基地审批管理办法"})
    both = editor.post(new, {**data, "interprets_index": other.index_number}).content.decode()
    assert "已按索引号关联了已发布的文件，请不要再选择尚未发布的文件。" in both and data["title"] in both  # kept
    assert editor.post(new, data).status_code == 302
    interpretation = Item.objects.get(title=data["title"])
    assert interpretation.interprets_id == policy.pk
    detail = editor.get(reverse("disclosure-staff:item", args=[interpretation.pk])).content.decode()
    assert "所解读的文件" in detail and "本解读须在该文件发布后发布" in detail
    edit = editor.get(reverse("disclosure-staff:item-edit", args=[interpretation.pk])).content.decode()
    assert f'<option value="{policy.pk}" selected>' in edit

    services.submit_item(item=policy, actor=personas["editor"])
    assert Submission.objects.get(object_id=policy.pk).hits == []  # drafted together: no 三同步 hit
    services.submit_item(item=interpretation, actor=personas["editor"])
    submission = review.open_submission(interpretation)
    assert submission is not None
    for persona in ("reviewer", "social_reviewer"):
        stage = submission.stage
        submission = review.approve(submission=submission, actor=personas[persona], stage_id=stage.pk,
                                    checklist={key: "yes" for key, _ in QUESTIONS[stage.checklist]})  # fmt: skip
    final = submission.stage
    answers = {key: "yes" for key, _ in QUESTIONS[final.checklist]}
    page = client_for("office_head").post(
        reverse("review:decide", args=[submission.pk]),
        {"decision": "approve", "stage_id": final.pk, **{f"q_{key}": value for key, value in answers.items()}},
    )
    refused = "所解读的文件《示例镇村规民约备案管理办法》尚未发布：政策解读须与文件同步或在其后发布"
    assert refused in page.content.decode()
    interpretation.refresh_from_db()
    assert interpretation.status == "submitted" and review.open_submission(interpretation) is not None

    review_through(policy, personas)
    review.approve(submission=submission, actor=personas["office_head"], stage_id=final.pk, checklist=answers)
    interpretation.refresh_from_db()
    assert interpretation.status == "published"
    public = client_for("editor").get(reverse("disclosure:item", args=["town", interpretation.pk])).content.decode()
    assert f"《{POLICY['title']}》</a>的解读" in public


def test_a_scheduled_interpretation_waits_for_its_policy_scheduled_with_it(
    draft: Callable[..., Item], personas: Any
) -> None:
    """Both approved to publish at 9:00: the scheduled run publishes the policy, and the 解读 in the same run or
    the next, never before the policy; nothing else scheduled is held up."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from review import services as review
    from review.checklists import QUESTIONS

    nine = datetime(2026, 10, 12, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    eight = nine.replace(hour=8)
    policy = draft(**POLICY)
    interpretation = draft(genre="interpretation", title="《示例镇村规民约备案管理办法》解读", interprets=policy)
    notice = draft(title="关于做好冬季防火工作的通知")
    for item in (interpretation, policy, notice):  # the 解读 scheduled first
        services.submit_item(item=item, actor=personas["editor"])
        submission = review.open_submission(item)
        assert submission is not None
        for persona in ("reviewer", "social_reviewer", "office_head"):
            stage = submission.stage
            submission = review.approve(submission=submission, actor=personas[persona], stage_id=stage.pk,
                                        checklist={key: "yes" for key, _ in QUESTIONS[stage.checklist]},
                                        scheduled_for=nine, now=eight)  # fmt: skip
    assert review.publish_due(now=nine) == 2
    for item in (policy, notice, interpretation):
        item.refresh_from_db()
    assert policy.status == "published" and notice.status == "published"
    assert interpretation.status == "submitted"  # tried first, before its policy: held
    review.publish_due(now=nine)
    interpretation.refresh_from_db()
    assert interpretation.status == "published"
