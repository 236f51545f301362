"""Inspections and leadership-group meetings (seed §五; 条例 第四十七条、第四十八条): the inspector records a check
with rectifications and due dates, the organisation sees them on its workbench and reports them done, the
inspector closes or sends them back; a meeting's tasks are followed up the same way by the office head."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from supervision.dashboard import selectors as dashboard
from supervision.dashboard.selectors import Period
from supervision.inspections.models import FollowUp, Inspection, LeadershipMeeting


def inspection_data(town: Any, **changes: str) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "inspection-organisation": town.town.pk, "inspection-kind": "unscheduled",
        "inspection-held_on": f"{today:%Y-%m-%d}", "inspection-scope": "政府信息公开专栏",
        "inspection-inspectors": "陈督查、王科员", "inspection-findings": "5个栏目空白，工作动态2个月未更新。",
        "inspection-requirements": f"补齐空白栏目；党政办；{today + timedelta(days=20):%Y-%m-%d}\n"
        f"更新工作动态｜党政办｜{today + timedelta(days=5):%Y-%m-%d}",
    } | changes  # fmt: skip


def test_a_finding_is_rectified_reported_and_closed(town: Any, client_for: Any, calendar: None) -> None:
    inspector, head = client_for("inspector"), client_for("office_head")
    response = inspector.post("/staff/inspections/new/", inspection_data(town))
    assert response.status_code == 302
    inspection = Inspection.objects.get()
    assert [f.owner for f in inspection.follow_ups.order_by("due_on")] == ["党政办", "党政办"]
    workbench = head.get("/staff/").content.decode()
    assert "整改和督办事项" in workbench and "检查整改：更新工作动态" in workbench
    update = inspection.follow_ups.get(requirement="更新工作动态")
    assert inspector.post(f"/staff/inspections/follow-ups/{update.pk}/", {"action": "report", "report": "已更新"}
                          ).status_code == 404  # the inspector does not report for the town  # fmt: skip
    head.post(f"/staff/inspections/follow-ups/{update.pk}/", {"action": "report", "report": "已发布3条工作动态。"})
    update.refresh_from_db()
    assert update.status == "reported"
    assert "检查整改：更新工作动态" in client_for("inspector").get("/staff/").content.decode()  # awaiting closure
    assert head.post(f"/staff/inspections/follow-ups/{update.pk}/", {"action": "close"}).status_code == 404
    inspector.post(f"/staff/inspections/follow-ups/{update.pk}/", {"action": "send_back", "reason": "只发布了旧闻"})
    update.refresh_from_db()
    assert update.status == "open" and "退回：只发布了旧闻" in update.report
    head.post(f"/staff/inspections/follow-ups/{update.pk}/", {"action": "report", "report": "已补发本月动态。"})
    inspector.post(f"/staff/inspections/follow-ups/{update.pk}/", {"action": "close"})
    update.refresh_from_db()
    assert update.status == "closed" and update.closed_on == timezone.localdate()
    row = dashboard.rows([town.town], Period.year(timezone.localdate().year), timezone.localdate())[0]
    assert (row.follow_ups_open, row.follow_ups_overdue) == (1, 0)


def test_an_overdue_rectification_shows_on_the_dashboard(town: Any, client_for: Any, calendar: None) -> None:
    client_for("inspector").post("/staff/inspections/new/", inspection_data(town))
    FollowUp.objects.filter(requirement="更新工作动态").update(due_on=timezone.localdate() - timedelta(days=1))
    row = dashboard.rows([town.town], Period.year(timezone.localdate().year), timezone.localdate())[0]
    assert (row.follow_ups_open, row.follow_ups_overdue) == (2, 1)
    assert "已超期" in client_for("office_head").get("/staff/").content.decode()


def test_bad_lines_and_future_dates_are_refused_with_the_text_kept(town: Any, client_for: Any, calendar: None) -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)
    data = inspection_data(town, **{"inspection-held_on": f"{tomorrow:%Y-%m-%d}",
                                    "inspection-requirements": "补齐空白栏目 党政办 年底"})  # fmt: skip
    response = client_for("inspector").post("/staff/inspections/new/", data)
    body = response.content.decode()
    assert response.status_code == 400 and "日期不能晚于今天" in body and "第1行应为" in body
    assert "5个栏目空白" in body and not Inspection.objects.exists()
    assert client_for("office_head").post("/staff/inspections/new/", inspection_data(town)).status_code == 404


def test_a_leadership_meeting_sets_tasks_the_office_head_follows_up(town: Any, client_for: Any, calendar: None) -> None:
    head = client_for("office_head")
    today = timezone.localdate()
    response = head.post("/staff/inspections/meetings/new/", {
        "meeting-organisation": town.town.pk, "meeting-held_on": f"{today:%Y-%m-%d}",
        "meeting-attendees": "镇长、分管副镇长、党政办主任", "meeting-topics": "研究年度公开工作要点",
        "meeting-decisions": "建立每月栏目巡查制度。",
        "meeting-tasks": f"制定巡查制度；党政办；{today + timedelta(days=30):%Y-%m-%d}",
    })  # fmt: skip
    assert response.status_code == 302
    task = LeadershipMeeting.objects.get().follow_ups.get()
    head.post(f"/staff/inspections/follow-ups/{task.pk}/", {"action": "report", "report": "制度已印发。"})
    head.post(f"/staff/inspections/follow-ups/{task.pk}/", {"action": "close"})
    task.refresh_from_db()
    assert task.status == "closed"  # a meeting's task is closed by the office head
    assert client_for("other_staff").get("/staff/inspections/").content.decode().count("制定巡查制度") == 0
    assert "制定巡查制度" in client_for("inspector").get("/staff/inspections/").content.decode()


def test_inspections_and_meetings_are_named_with_their_date_as_documents_write_it(town: Any, personas: Any) -> None:
    """Lists and follow-ups name an inspection or meeting by its date the way the rest of the portal writes
    dates (2026年11月17日), not 2026-11-17."""
    from datetime import date

    inspection = Inspection(organisation=town.town, kind="scheduled", held_on=date(2026, 11, 17))
    meeting = LeadershipMeeting(organisation=town.town, held_on=date(2026, 11, 7))
    assert str(inspection).endswith("定期检查（2026年11月17日）") and str(meeting).endswith(
        "领导小组会议（2026年11月7日）"
    )
