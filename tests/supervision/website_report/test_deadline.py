"""政府网站工作年度报表 is published by 31 January of the following year (《政府网站发展指引》, 国办发〔2017〕47号;
国办函〔2018〕12号: 每年1月31日前在本网站首页显著位置发布): the on-time rule at its boundary, the workbench
warning before and after it, the platform's list and the self-check's item."""

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from portal.workbench import blocks_for
from supervision.dashboard.self_check import website_report_check
from supervision.website_report import selectors
from supervision.website_report.models import WebsiteReport, WebsiteReportStatus

from .conftest import pin_today

TZ = ZoneInfo("Asia/Shanghai")


def report_of(town: Any, personas: Any, published: datetime | None = None, organisation: Any = None) -> WebsiteReport:
    return WebsiteReport.objects.create(
        organisation=organisation or town.town, year=2025, created_by=personas["office_head"],
        status=WebsiteReportStatus.PUBLISHED if published else WebsiteReportStatus.DRAFT, published_at=published,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("published", "today", "state"),
    [
        (date(2026, 1, 31), date(2026, 3, 1), "按时"),  # on the last day
        (date(2026, 2, 1), date(2026, 3, 1), "逾期"),  # a day late
        (None, date(2026, 1, 31), "未到期限"),
        (None, date(2026, 2, 1), "未公开"),
    ],
)
def test_on_time_means_by_31_january_of_the_following_year_guobanfa_2017_47(
    published: date | None, today: date, state: str
) -> None:
    """国办发〔2017〕47号 / 国办函〔2018〕12号: 每年1月31日前."""
    assert selectors.deadline_for(2025) == date(2026, 1, 31)
    assert selectors.timeliness(2025, published, today) == state


def test_published_late_in_the_evening_of_31_january_counts_in_beijing_time(town: Any, personas: Any) -> None:
    report = report_of(town, personas, datetime(2026, 1, 31, 23, 30, tzinfo=TZ))
    assert selectors.published_on(report) == date(2026, 1, 31)
    assert selectors.platform_rows(2025, date(2026, 3, 1))[1].state == "按时"


def lines_of(user: Any, today: date) -> list[Any]:
    return [line for block in blocks_for(user, today) if block.title == "政府网站工作年度报表" for line in block.lines]


def test_the_workbench_warns_from_1_january_and_says_overdue_after_31_january(town: Any, personas: Any) -> None:
    """国办发〔2017〕47号: the drafters are told from 1 January; after 31 January the line says it is overdue."""
    editor = personas["editor"]
    (line,) = lines_of(editor, date(2026, 1, 2))
    assert line.text == "示例镇2025年政府网站工作年度报表（尚未编制）：须于1月31日前公开" and line.warning == ""
    assert line.url == "/staff/website-reports/"
    report = report_of(town, personas)
    (line,) = lines_of(editor, date(2026, 2, 1))
    assert "（草稿）" in line.text and line.warning == "已逾期（应于2026年1月31日前公开）"
    WebsiteReport.objects.filter(pk=report.pk).update(status=WebsiteReportStatus.PUBLISHED,
                                                      published_at=datetime(2026, 2, 3, tzinfo=TZ))  # fmt: skip
    assert lines_of(editor, date(2026, 2, 4)) == []
    assert lines_of(personas["case_officer"], date(2026, 1, 2)) == []  # not a drafter


def test_the_platform_page_lists_every_site_with_its_date_and_whether_on_time(
    client_for: Any, town: Any, personas: Any, monkeypatch: Any
) -> None:
    pin_today(monkeypatch, date(2026, 2, 10))
    report_of(town, personas, datetime(2026, 1, 20, 10, tzinfo=TZ))
    report_of(town, personas, datetime(2026, 2, 3, 10, tzinfo=TZ), organisation=town.other_town)
    for name in ("inspector", "sysadmin"):
        page = client_for(name).get("/staff/website-reports/platform/?year=2025").content.decode()
        assert "2025年度政府网站工作年度报表公开情况" in page and "应于2026年1月31日前" in page
        rows = page.split("<tbody>")[1]
        town_row = rows.split("示例镇人民政府")[1].split("</tr>")[0]
        other_row = rows.split("邻镇人民政府")[1].split("</tr>")[0]
        county_row = rows.split("示例县人民政府")[1].split("</tr>")[0]
        assert "2026年1月20日" in town_row and "按时" in town_row
        assert "2026年2月3日" in other_row and "逾期" in other_row
        assert "尚未编制" in county_row and "未公开" in county_row
        assert "按时 1 个，逾期 1 个，未公开 1 个" in page
    assert client_for("editor").get("/staff/website-reports/platform/").status_code == 403


def test_the_self_check_item_passes_warns_and_fails(town: Any, personas: Any) -> None:
    check = website_report_check(town.town, date(2026, 1, 10))
    assert (check.name, check.verdict, check.veto) == ("政府网站工作年度报表", "warn", False)
    assert (
        check.summary == "2025年度报表须于2026年1月31日前公开（尚未编制）。"
        and check.evidence[0].url == "/staff/website-reports/"
    )
    assert website_report_check(town.town, date(2026, 2, 1)).verdict == "fail"
    report_of(town, personas, datetime(2026, 1, 30, 10, tzinfo=TZ))
    check = website_report_check(town.town, date(2026, 2, 1))
    assert check.verdict == "pass" and check.evidence[0].url == "/wzbb/town/2025/"
    assert check.summary == "2025年度报表已于2026年1月30日公开，在2026年1月31日前，按时。"


def test_the_self_check_item_fails_a_report_published_late(town: Any, personas: Any) -> None:
    report_of(town, personas, datetime(2026, 2, 1, 9, tzinfo=TZ))
    check = website_report_check(town.town, date(2026, 3, 1))
    assert check.verdict == "fail" and "2026年2月1日公开，应于2026年1月31日前" in check.summary


def test_the_self_check_page_shows_the_item(client_for: Any, town: Any) -> None:
    page = client_for("office_head").get("/staff/supervision/self-check/").content.decode()
    assert "政府网站工作年度报表" in page
