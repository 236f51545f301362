"""The supervision dashboard (seed §五; regulation.md §2, §5): figures per organisation and period against
hand-computed data, the records behind each number, the Excel copy, who sees which organisations, and a query
count that does not grow with the number of organisations."""

import io
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from disclosure.models import ColumnKind, Item
from disclosure.selectors import columns_for
from portal.models import OrganisationKind
from requests_app.models import Application
from requests_app.outcomes import Outcome
from supervision.dashboard import selectors as dashboard
from supervision.dashboard.selectors import Period
from tests.conftest import make_organisation
from tests.supervision.annual_report.test_worked_example import case

YEAR = Period.year(2025)


@pytest.fixture
def year(town: Any, personas: Any, published: Any, calendar: None) -> dict[str, Any]:
    today = timezone.localdate()
    on_time = case(town, received=date(2025, 3, 3), closed=date(2025, 3, 10), outcome=Outcome.DISCLOSED,
                   deadline=date(2025, 3, 31))  # fmt: skip
    # across National Day 2025 (1–8 October off, 11 October worked): 30 Sept, 9 and 10 Oct = 3 working days
    late_reply = case(town, received=date(2025, 9, 29), closed=date(2025, 10, 10), outcome=Outcome.UNAVAILABLE_NOT_HELD,
                      deadline=date(2025, 10, 9))  # fmt: skip
    overdue = case(town, received=date(2025, 12, 1), closed=None, deadline=today - timedelta(days=1))
    elsewhere = case(town, received=date(2025, 5, 5), closed=None, deadline=today + timedelta(days=10))
    Application.objects.filter(pk=elsewhere.pk).update(organisation=town.other_town)
    timely = published(when=date(2025, 3, 5), written_date=date(2025, 3, 3))
    late = published(when=date(2025, 3, 5), written_date=date(2025, 1, 2), title="关于2025年春耕生产的通知")
    news = published(when=date(2025, 6, 10), written_date=date(2025, 6, 9), column="gzdt", genre="news",
                     title="镇召开安全生产会议")  # fmt: skip
    Item.objects.filter(pk=news.pk).update(summary="")  # an old catalogue's item without a summary
    return {"on_time": on_time, "late_reply": late_reply, "overdue": overdue, "timely": timely, "late": late,
            "news": news}  # fmt: skip


def row_of(town: Any) -> dashboard.Row:
    rows = dashboard.rows([town.town, town.other_town], YEAR, timezone.localdate())
    return next(r for r in rows if r.organisation == town.town)


def test_the_figures_of_a_year_are_the_hand_computed_ones(year: dict[str, Any], town: Any) -> None:
    from review.models import Submission

    Submission.objects.update(submitted_at=F("closed_at") - timedelta(hours=5))  # each review took five hours
    row = row_of(town)
    assert (row.received, row.closed, row.on_time, row.overdue_now) == (3, 2, 1, 1)
    assert row.average_reply_days == 4.0  # (5 + 3) / 2: 3–10 March is 5 working days, the October case 3
    assert dict(row.outcomes) == {Outcome.DISCLOSED: 1, Outcome.UNAVAILABLE_NOT_HELD: 1}
    assert (row.published, row.late, row.summary_missing) == (3, 1, 1)  # 条例 第二十六条: one after 20 working days
    assert row.per_month == {3: 2, 6: 1}
    applicable = {
        c.pk for c in columns_for(town.town) if not c.children.exists() and c.kind != ColumnKind.ANNUAL_REPORT
    }
    assert len(row.blank_columns) == len(applicable) - 2 and row.fails_blank  # all but 法规文件 and 工作动态
    # 工作动态 last updated on 10 June 2025: more than 14 days ago; 法规文件 (180 days) too
    assert {c.slug for c, _ in row.stale_columns} == {"gzdt", "fgwj"}
    assert (row.reviewed, row.average_review_hours, row.overrides) == (3, 5.0, 0)
    other = dashboard.rows([town.other_town], YEAR, timezone.localdate())[0]
    assert (other.received, other.overdue_now, other.published) == (1, 0, 0)


def test_a_shorter_period_counts_only_its_days(year: dict[str, Any], town: Any) -> None:
    march = Period(date(2025, 3, 1), date(2025, 3, 31))
    row = dashboard.rows([town.town], march, timezone.localdate())[0]
    assert (row.received, row.closed, row.published, row.late) == (1, 1, 2, 1)
    assert march.label == "2025年3月1日至2025年3月31日" and YEAR.label == "2025年"


def test_a_period_that_cuts_months_counts_their_days_from_the_items(year: dict[str, Any], town: Any) -> None:
    # whole months (April, May) from the tally, 5 March – 31 March and 1–9 June from the items themselves
    def published(start: date, end: date) -> int:
        return dashboard.rows([town.town], Period(start, end), timezone.localdate())[0].published

    assert published(date(2025, 3, 5), date(2025, 6, 9)) == 2  # the two of 5 March, not the news of 10 June
    assert published(date(2025, 3, 6), date(2025, 6, 10)) == 1
    assert published(date(2025, 3, 5), date(2025, 3, 5)) == 2  # one day, inside one month
    assert published(date(2025, 2, 1), date(2025, 6, 30)) == 3  # whole months only


def test_an_inspector_sees_every_organisation_and_follows_a_number(
    year: dict[str, Any], town: Any, client_for: Any
) -> None:
    inspector = client_for("inspector")
    page = inspector.get("/staff/supervision/?year=2025").content.decode()
    assert "示例镇人民政府" in page and "邻镇人民政府" in page and "督查看板" in page
    assert '<svg class="chart"' in page and "<caption" in page and "每月主动公开信息" in page
    behind = inspector.get(f"/staff/supervision/{town.town.pk}/late/?year=2025").content.decode()
    assert "关于2025年春耕生产的通知" in behind and "关于做好秋季森林防火工作的通知" not in behind
    overdue = inspector.get(f"/staff/supervision/{town.town.pk}/overdue/?year=2025").content.decode()
    assert year["overdue"].number in overdue and year["on_time"].number not in overdue
    late_replies = inspector.get(f"/staff/supervision/{town.town.pk}/late_replies/?year=2025").content.decode()
    assert year["late_reply"].number in late_replies and year["on_time"].number not in late_replies
    columns = inspector.get(f"/staff/supervision/{town.town.pk}/columns/?year=2025").content.decode()
    assert "工作动态" in columns and "最后更新于2025年6月10日" in columns and "从未发布信息" in columns


def test_an_office_head_sees_their_own_organisation_only(year: dict[str, Any], town: Any, client_for: Any) -> None:
    head = client_for("office_head")
    page = head.get("/staff/supervision/?year=2025").content.decode()
    assert "示例镇人民政府" in page and "邻镇人民政府" not in page
    assert head.get(f"/staff/supervision/{town.other_town.pk}/received/?year=2025").status_code == 404
    assert client_for("editor").get("/staff/supervision/").status_code == 403
    assert client_for("case_officer").get("/staff/supervision/").status_code == 403


def test_every_figure_is_in_the_excel_copy(year: dict[str, Any], town: Any, client_for: Any) -> None:
    import openpyxl

    response = client_for("inspector").get("/staff/supervision/?year=2025&format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(book["督查看板"].values)
    assert rows[0][0] == "督查看板（2025年）"
    header, town_row = rows[1], next(r for r in rows[2:] if r[0] == "示例镇人民政府")
    figures = dict(zip(header, town_row, strict=True))
    assert (figures["收到申请"], figures["办结"], figures["按期办结"], figures["当前超期"]) == (3, 2, 1, 1)
    assert (figures["平均答复工作日"], figures["超过20个工作日公开"], figures["待补内容概述"]) == (4.0, 1, 1)
    assert next(r for r in book["每月主动公开"].values if r[0] == "示例镇人民政府")[1:4] == (0, 0, 2)
    assert ("示例镇人民政府", "工作动态", "不更新", "2025-06-10") in list(book["空白和不更新栏目"].values)


def test_a_bad_period_is_explained_and_the_year_shown(town: Any, client_for: Any, calendar: None) -> None:
    page = client_for("inspector").get("/staff/supervision/?start=2025-05-01&end=2025-04-01").content.decode()
    assert "截止日期不能早于开始日期" in page and f"{timezone.localdate().year}年" in page


def test_the_query_count_does_not_grow_with_the_organisations(year: dict[str, Any], town: Any, client_for: Any) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client_for("inspector").get("/staff/supervision/?year=2025").status_code == 200
        return len(captured)

    few = queries()
    for n in range(8):
        make_organisation(f"town{n}", f"第{n}镇人民政府", OrganisationKind.TOWN_GOVERNMENT, town.county,
                          runs_own_column=True)  # fmt: skip
    assert queries() == few


def test_the_figures_are_kept_for_a_few_minutes(year: dict[str, Any], client_for: Any, settings: Any) -> None:
    settings.DASHBOARD_CACHE_SECONDS = 300
    inspector = client_for("inspector")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            page = inspector.get("/staff/supervision/?year=2025").content.decode()
        assert "数据计算于" in page and "每5分钟更新" in page
        return len(captured)

    first, second = queries(), queries()
    assert second < first - 10  # the second reads the kept figures
