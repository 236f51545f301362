"""Table 四 (条例 第五十一条; annual-report.md): reconsiderations and lawsuits recorded on the case page, counted
in the year they were filed by their result at its end."""

from datetime import date
from typing import Any

from requests_app.models import Appeal
from supervision.annual_report import layout
from supervision.annual_report.tables import table_four, values


def test_appeals_recorded_on_the_case_page_are_counted_by_their_result_at_year_end(
    received: Any, client_for: Any, town: Any
) -> None:
    application = received(on=date(2025, 3, 3))
    client = client_for("case_officer")
    for kind, filed in (
        ("reconsideration", "2025-05-06"),
        ("lawsuit_direct", "2025-06-02"),
        ("reconsideration", "2025-11-20"),
    ):
        response = client.post(
            f"/staff/ysq/{application.pk}/appeals/", {"kind": kind, "filed_on": filed, "body": "示例县人民政府"}
        )
        assert response.status_code == 302
    upheld, _lawsuit, late = Appeal.objects.order_by("filed_on")
    client.post(
        f"/staff/ysq/{application.pk}/appeals/{upheld.pk}/",
        {f"appeal-{upheld.pk}-result": "upheld", f"appeal-{upheld.pk}-decided_on": "2025-07-01"},
    )
    client.post(
        f"/staff/ysq/{application.pk}/appeals/{late.pk}/",
        {f"appeal-{late.pk}-result": "corrected", f"appeal-{late.pk}-decided_on": "2026-01-15"},
    )
    grid = values(table_four([town.town.pk], 2025))
    assert grid[layout.FOUR_GROUPS[0]] == {"结果维持": 1, "结果纠正": 0, "其他结果": 0, "尚未审结": 1, "总计": 2}
    assert grid[layout.FOUR_GROUPS[1]]["尚未审结"] == 1 and grid[layout.FOUR_GROUPS[2]]["总计"] == 0
    assert values(table_four([town.town.pk], 2026))[layout.FOUR_GROUPS[0]]["总计"] == 0
    page = client.get(f"/staff/ysq/{application.pk}/").content.decode()
    assert "2025年7月1日 结果维持" in page and "尚未审结" in page


def test_no_date_of_an_appeal_lies_in_the_future_or_before_the_application(received: Any, client_for: Any) -> None:
    application = received(on=date(2026, 3, 3))
    client = client_for("case_officer")
    future = client.post(
        f"/staff/ysq/{application.pk}/appeals/",
        {"kind": "reconsideration", "filed_on": "2099-01-01", "note": "留存的说明"},
    )
    assert (
        future.status_code == 400
        and "不能晚于今天" in future.content.decode()
        and "留存的说明" in future.content.decode()
    )
    early = client.post(f"/staff/ysq/{application.pk}/appeals/", {"kind": "reconsideration", "filed_on": "2026-01-01"})
    assert early.status_code == 400 and "不能早于" in early.content.decode()
    assert not Appeal.objects.exists()
    assert (
        client_for("editor")
        .post(f"/staff/ysq/{application.pk}/appeals/", {"kind": "reconsideration", "filed_on": "2026-04-01"})
        .status_code
        == 404
    )
