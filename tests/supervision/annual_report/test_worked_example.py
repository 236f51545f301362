"""A worked example of tables 三 and 四 (annual-report.md), expected values written out by hand: one closed case
for every outcome, spread over the six applicant columns; cases carried in from 2024 and out to 2026; a
withdrawal before receipt and a record correction (counted nowhere); every group of table 四; an organisation
with no applications (a valid report of zeros). The PDF and DOCX carry every label and the same cells."""

import io
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from requests_app.models import Appeal, Application, Kind, Status
from requests_app.outcomes import Outcome
from supervision.annual_report import documents, layout
from supervision.annual_report.services import compute
from supervision.annual_report.tables import table_four, table_three, values
from supervision.models import AnnualReport

TZ = ZoneInfo("Asia/Shanghai")
COLUMNS = ["person", "business", "research", "nonprofit", "legal_service", "other_organisation"]
serial = iter(range(1, 1000))


def case(town: Any, *, received: date | None, closed: date | None, outcome: str = "", applicant: str = "person",
         **extra: Any) -> Application:  # fmt: skip
    arrived = received or extra.pop("arrived")
    fields = {"status": Status.ARCHIVED if closed else Status.RECEIVED, "replied_on": closed} | extra
    return Application.objects.create(
        organisation=town.town, number=f"T-{next(serial):04d}", channel="in_person",
        submitted_at=datetime.combine(arrived, datetime.min.time(), tzinfo=TZ), arrived_on=arrived,
        received_on=received, applicant_type=applicant, name="申请人", description="所需信息", form="paper",
        way="pick_up", outcome=outcome, closed_on=closed, **fields,
    )  # fmt: skip


@pytest.fixture
def worked(town: Any, personas: Any) -> dict[str, Any]:
    for index, outcome in enumerate(Outcome):  # 21 outcomes, columns person, business, … in turn
        received = date(2025, 2, 3) + timedelta(days=index * 7)
        case(town, received=received, closed=received + timedelta(days=10), outcome=outcome,
             applicant=COLUMNS[index % 6])  # fmt: skip
    carried_in = case(town, received=date(2024, 12, 20), closed=date(2025, 1, 15), outcome=Outcome.DISCLOSED)
    carried_in_open = case(town, received=date(2024, 12, 27), closed=None, applicant="research")
    carried_out = case(town, received=date(2025, 12, 22), closed=date(2026, 1, 9), outcome=Outcome.DISCLOSED,
                       applicant="business")  # fmt: skip
    case(town, received=None, closed=date(2025, 5, 6), outcome=Outcome.OTHER, withdrawn=True, arrived=date(2025, 5, 5),
         status=Status.CLOSED, replied_on=None)  # fmt: skip
    case(town, received=date(2025, 6, 2), closed=date(2025, 6, 20), kind=Kind.RECORD_CORRECTION,
         record_outcome="corrected")  # fmt: skip
    officer = personas["case_officer"]
    for kind, filed, result, decided in [
        ("reconsideration", date(2025, 3, 1), "upheld", date(2025, 4, 1)),
        ("reconsideration", date(2025, 5, 1), "corrected", date(2025, 6, 1)),
        ("reconsideration", date(2025, 11, 1), "", None),
        ("lawsuit_direct", date(2025, 7, 1), "other", date(2025, 9, 1)),
        ("lawsuit_direct", date(2025, 12, 1), "upheld", date(2026, 2, 1)),  # decided after the year: 尚未审结
        ("lawsuit_after", date(2025, 8, 1), "corrected", date(2025, 10, 1)),
        ("lawsuit_after", date(2024, 8, 1), "upheld", date(2024, 10, 1)),  # filed in 2024: not in 2025's table
    ]:
        Appeal.objects.create(application=carried_in, kind=kind, filed_on=filed, result=result, decided_on=decided,
                              recorded_by=officer)  # fmt: skip
    return {"carried_in": carried_in, "carried_in_open": carried_in_open, "carried_out": carried_out}


ROWS = layout.result_rows()  # in the order of the outcomes: outcome i is row i, in column i % 6


def one_in(column: int) -> list[int]:
    return [1 if c == column else 0 for c in range(6)] + [1]


# The hand-worked table 三 of 2025: row -> [自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计]
EXPECTED_THREE = {
    # the 21 outcome cases (4, 4, 4, 3, 3, 3) and the business's case of 22 December; not the record correction
    # nor the withdrawal before receipt
    layout.NEW: [4, 5, 4, 3, 3, 3, 22],
    layout.CARRIED_IN: [1, 0, 1, 0, 0, 0, 2],  # open on 1 January: the cases of 20 and 27 December 2024
    ROWS[0]: [2, 0, 0, 0, 0, 0, 2],  # 予以公开: outcome 0 and the case carried in, answered in January
    **{ROWS[i]: one_in(i % 6) for i in range(1, 21)},
    layout.TOTAL: [5, 4, 4, 3, 3, 3, 22],
    layout.CARRIED_OUT: [0, 1, 1, 0, 0, 0, 2],  # the research case still open, the business case answered in 2026
}
EXPECTED_FOUR = {
    "行政复议": {"结果维持": 1, "结果纠正": 1, "其他结果": 0, "尚未审结": 1, "总计": 3},
    "行政诉讼（未经复议直接起诉）": {"结果维持": 0, "结果纠正": 0, "其他结果": 1, "尚未审结": 1, "总计": 2},
    "行政诉讼（复议后起诉）": {"结果维持": 0, "结果纠正": 1, "其他结果": 0, "尚未审结": 0, "总计": 1},
}


def test_every_row_and_column_of_table_three_matches_the_hand_worked_figures(worked: Any, town: Any) -> None:
    grid = values(table_three([town.town.pk], 2025))
    for row, expected in EXPECTED_THREE.items():
        assert [grid[row][c] for c in layout.THREE_COLUMNS] == expected, row
    assert set(EXPECTED_THREE) == set(layout.three_rows())


def test_every_group_of_table_four_matches(worked: Any, town: Any) -> None:
    assert values(table_four([town.town.pk], 2025)) == EXPECTED_FOUR


def test_the_worked_year_passes_every_check_and_the_outputs_carry_every_cell(
    worked: Any, town: Any, personas: Any, pdf_support: None
) -> None:
    from docx import Document
    from pypdf import PdfReader

    report = AnnualReport(organisation=town.town, year=2025, created_by=personas["office_head"])
    assert compute(report).failures == []
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(documents.pdf(report))).pages)
    flat = "".join(text.split())
    subs = [sub for _, group in layout.RESULT_GROUPS for sub in group]
    two = [label for _, _, rows in layout.TABLE_TWO for label in rows]
    labels = [*layout.SECTIONS, *layout.three_rows(), *subs, *two, *layout.FOUR_COLUMNS, "申请人情况"]
    missing = [label for label in labels if "".join(label.split(" ")[-1].split()) not in flat]
    assert not missing, missing
    document = Document(io.BytesIO(documents.docx(report)))
    three = document.tables[4]
    cells = {three.cell(r, 0).text + three.cell(r, 1).text + three.cell(r, 2).text: [three.cell(r, c).text
             for c in range(3, 10)] for r in range(3, len(three.rows))}  # fmt: skip
    assert cells[layout.NEW * 3] == [str(n) for n in EXPECTED_THREE[layout.NEW]]
    four = document.tables[5]
    assert [four.cell(3, c).text for c in range(15)] == [str(EXPECTED_FOUR[g][c]) for g in layout.FOUR_GROUPS
                                                        for c in layout.FOUR_COLUMNS]  # fmt: skip


def test_an_organisation_without_applications_has_a_valid_report_of_zeros(town: Any, personas: Any) -> None:
    report = AnnualReport(organisation=town.social_office, year=2025, created_by=personas["office_head"])
    content = compute(report)
    assert content.failures == []
    assert all(v == 0 for cells in values(content.three).values() for v in cells.values())
    assert all(v == 0 for cells in values(content.four).values() for v in cells.values())
