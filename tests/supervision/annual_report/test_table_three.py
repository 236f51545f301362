"""Table 三 of the annual report (条例 第五十条; annual-report.md): computed from the applications, with the
definitions of rows 一 to 四 and the cross-checks that stop a wrong report."""

from datetime import date
from typing import Any

import pytest

from requests_app import services
from requests_app.models import Application, Outcome
from supervision.annual_report import checks, layout
from supervision.annual_report.services import compute
from supervision.annual_report.tables import table_four, table_three, values
from supervision.models import AnnualReport, ReportStatus

YEAR = 2026
WITHHELD_THIRD_PARTY = "（三）不予公开 4.保护第三方合法权益"


def reply(application: Application, personas: Any, outcome: str, on: date, **extra: Any) -> Application:
    return services.reply(application=application, actor=personas["case_officer"], outcome=outcome, today=on, **extra)


@pytest.fixture
def year_of_cases(received: Any, personas: Any, town: Any) -> dict[str, Application]:
    carried = received(on=date(2025, 12, 22))  # open at the end of 2025: row 四 of 2025, row 二 of 2026
    closed_last_year = received(on=date(2025, 11, 3))
    reply(closed_last_year, personas, Outcome.DISCLOSED, date(2025, 11, 20))
    disclosed = received(on=date(2026, 3, 2))
    reply(disclosed, personas, Outcome.DISCLOSED, date(2026, 3, 20))
    company = received(on=date(2026, 5, 6), applicant_type="business", name="示例建材有限公司", id_type="",
                       id_number="", credit_code="91430599MA4L000000")  # fmt: skip
    reply(company, personas, Outcome.WITHHELD_THIRD_PARTY, date(2026, 5, 25), ground="条例第十五条",
          reason="涉及第三方商业秘密，第三方不同意公开")  # fmt: skip
    reply(carried, personas, Outcome.DISCLOSED, date(2026, 1, 9))
    still_open = received(on=date(2026, 11, 25))  # open at the end of 2026: row 四
    correction = received(on=date(2026, 4, 1), kind="record_correction")
    return {"carried": carried, "disclosed": disclosed, "company": company, "open": still_open,
            "correction": correction, "closed_last_year": closed_last_year}  # fmt: skip


def test_rows_one_to_four_follow_the_definitions(year_of_cases: dict[str, Application], town: Any) -> None:
    grid = values(table_three([town.town.pk], YEAR))
    person = {row: cells[layout.PERSON] for row, cells in grid.items()}
    assert person[layout.NEW] == 2  # received in 2026: disclosed and still open; the record correction is not
    assert person[layout.CARRIED_IN] == 1  # received in 2025, open on 1 January
    assert person["（一）予以公开"] == 2 and person[layout.TOTAL] == 2
    assert person[layout.CARRIED_OUT] == 1
    assert grid[WITHHELD_THIRD_PARTY]["商业企业"] == 1 and grid[WITHHELD_THIRD_PARTY]["总计"] == 1
    assert grid[layout.NEW]["总计"] == 3 and grid[layout.TOTAL]["总计"] == 3


def test_article_41_record_corrections_and_unconfirmed_withdrawals_are_in_no_row(
    year_of_cases: dict[str, Application], town: Any
) -> None:
    before = values(table_three([town.town.pk], YEAR))
    Application.objects.create(
        organisation=town.town, number="2026-001-99999", channel="online", submitted_at="2026-06-01T10:00+08:00",
        arrived_on=date(2026, 6, 1), applicant_type="person", name="王五", description="撤回的申请", form="electronic",
        way="email", status="closed", outcome=Outcome.OTHER, closed_on=date(2026, 6, 2), withdrawn=True,
    )  # fmt: skip
    assert values(table_three([town.town.pk], YEAR)) == before  # never received: counted nowhere
    assert before[layout.NEW]["总计"] == 3  # the record correction received in April is not counted either


def test_one_application_split_into_several_counts_as_several(received: Any, personas: Any, town: Any) -> None:
    """国办函〔2020〕109号: an application split 一事一申请 is counted as the number of matters."""
    application = received(on=date(2026, 6, 1))
    Application.objects.filter(pk=application.pk).update(counted_as=3)
    grid = values(table_three([town.town.pk], YEAR))
    assert grid[layout.NEW][layout.PERSON] == 3 and grid[layout.CARRIED_OUT]["总计"] == 3


def test_a_clean_year_passes_every_check(year_of_cases: dict[str, Application], town: Any, personas: Any) -> None:
    report = AnnualReport(organisation=town.town, year=YEAR, created_by=personas["office_head"])
    assert compute(report).failures == []


def test_a_result_counted_in_no_row_fails_the_sum_check_and_names_the_column(
    year_of_cases: dict[str, Application], town: Any
) -> None:
    """The database keeps one outcome per closed case; the check still guards the sum (a new outcome code
    without a row, a hand-edited snapshot) and asks for the applications of the failing column."""
    three = table_three([town.town.pk], YEAR)
    three["（一）予以公开"][layout.PERSON].value -= 1
    three["（一）予以公开"]["总计"].value -= 1
    asked = []

    def behind(check: str, column: str) -> list[int]:
        asked.append((check, column))
        return [7]

    failures = checks.run(three, table_four([town.town.pk], YEAR), None, behind)
    assert [(f.check, f.cells) for f in failures] == [("三(七) = 三(一)至三(六)之和", "自然人列"),
                                                      ("三(七) = 三(一)至三(六)之和", "总计列")]  # fmt: skip
    assert asked == [("results", layout.PERSON), ("results", "总计")] and failures[0].applications == [7]


def test_row_two_is_read_from_last_years_published_report(
    year_of_cases: dict[str, Application], town: Any, personas: Any
) -> None:
    """二 of a year equals 四 of the year before as published: a published report fixes the carry-over."""
    carried_out = {column: 0 for column in layout.THREE_COLUMNS} | {layout.PERSON: 2, "总计": 2}
    AnnualReport.objects.create(organisation=town.town, year=YEAR - 1, status=ReportStatus.PUBLISHED,
                                created_by=personas["office_head"],
                                cells={"三": {layout.CARRIED_OUT: carried_out}})  # fmt: skip
    report = AnnualReport(organisation=town.town, year=YEAR, created_by=personas["office_head"])
    content = compute(report)
    assert values(content.three)[layout.CARRIED_IN][layout.PERSON] == 2
    failed = {f.check: f for f in content.failures if f.cells == "自然人列"}
    assert "一 + 二 = 三(七) + 四" in failed  # the records hold one carried case, the report said two
    named = failed["一 + 二 = 三(七) + 四"].applications
    assert named == [year_of_cases["carried"].pk]  # the case the records carry over, to compare with the report
    assert "上年已发布报告" in content.carried_in_from
