"""Tables 二, 三 and 四 computed from the records, exactly as annual-report.md defines them, with grouped counts
(the cost does not grow with a Python loop over the year's applications); a failing check asks `behind` for the
applications it concerns."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum

from disclosure.models import Genre, Item, ItemStatus, Validity
from requests_app.models import Appeal, AppealKind, Application, ApplicationQuerySet, Kind
from requests_app.outcomes import REPORT_ROW

from . import layout
from .models import AnnualFigures


@dataclass
class Cell:
    value: int = 0


Grid = dict[str, dict[str, Cell]]  # row label -> column label -> cell


def empty_grid(rows: list[str], columns: list[str]) -> Grid:
    return {row: {column: Cell() for column in columns} for row in rows}


def result_row(outcome: str) -> str:
    """The row key of 三 (layout.result_rows) for an outcome: REPORT_ROW's "（三）1" becomes
    "（三）不予公开 1.属于国家秘密"."""
    code = REPORT_ROW[outcome]
    group, _, number = code.partition("）")
    group += "）"
    for label, subs in layout.RESULT_GROUPS:
        if label.startswith(group):
            return label if not subs else f"{label} {subs[int(number[0]) - 1]}"
    raise KeyError(outcome)


def applications(organisation_ids: list[int]) -> ApplicationQuerySet:
    """What table 三 counts: applications for information (record corrections are not, 条例 第四十一条) that
    were received (an online application withdrawn before confirmation never was)."""
    return Application.objects.filter(
        organisation_id__in=organisation_ids, kind=Kind.DISCLOSURE, received_on__isnull=False
    )


def open_at(day: date) -> Q:
    """Received by the end of `day` and not closed by then."""
    return Q(received_on__lte=day) & (Q(closed_on__isnull=True) | Q(closed_on__gt=day))


def _add(grid: Grid, row: str, rows: Any) -> None:
    for applicant, count in rows:
        grid[row][layout.APPLICANT_COLUMN[applicant]].value += count or 0


def table_three(organisation_ids: list[int], year: int, carried_in: dict[str, int] | None = None) -> Grid:
    """Table 三, from five grouped counts whatever the number of applications. `carried_in` is row 二 from
    last year's published report (row 四 as it stood), when there is one: then 二 is read from it."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    base = applications(organisation_ids)
    grid = empty_grid(layout.three_rows(), layout.THREE_COLUMNS)

    def by_applicant(rows: QuerySet[Application]) -> Any:
        return rows.values_list("applicant_type").annotate(n=Sum("counted_as")).values_list("applicant_type", "n")

    _add(grid, layout.NEW, by_applicant(base.filter(received_on__range=(start, end))))
    if carried_in is None:
        _add(grid, layout.CARRIED_IN, by_applicant(base.filter(open_at(start - timedelta(days=1)))))
    else:
        for column in layout.THREE_COLUMNS[:-1]:
            grid[layout.CARRIED_IN][column].value = carried_in.get(column, 0)
    closed = base.filter(closed_on__range=(start, end), received_on__lte=end)
    _add(grid, layout.TOTAL, by_applicant(closed))
    results = closed.values_list("applicant_type", "outcome").annotate(n=Sum("counted_as"))
    for applicant, outcome, count in results.values_list("applicant_type", "outcome", "n"):
        if outcome in REPORT_ROW:  # a closed case without a known outcome is in no row: the sum check names it
            grid[result_row(outcome)][layout.APPLICANT_COLUMN[applicant]].value += count or 0
    _add(grid, layout.CARRIED_OUT, by_applicant(base.filter(open_at(end))))
    for cells in grid.values():  # 总计: the six applicant columns
        cells["总计"].value = sum(cells[c].value for c in layout.THREE_COLUMNS[:-1])
    return grid


def behind(organisation_ids: list[int], year: int, check: str, column: str) -> list[int]:
    """The applications a failing check points at, in one column: for the carry-over, those the records count
    as open on 1 January; for the sum of results, those closed in the year without a row."""
    start = date(year, 1, 1)
    rows = applications(organisation_ids)
    if column != "总计":
        types = [code for code, label in layout.APPLICANT_COLUMN.items() if label == column]
        rows = rows.filter(applicant_type__in=types)
    if check == "carried":
        rows = rows.filter(open_at(start - timedelta(days=1)))
    else:
        rows = rows.filter(closed_on__year=year).exclude(outcome__in=list(REPORT_ROW))
    return list(rows.order_by("id").values_list("id", flat=True)[:200])


def table_four(organisation_ids: list[int], year: int) -> Grid:
    """Table 四: appeals and lawsuits filed in the year, by their result at its end."""
    end = date(year, 12, 31)
    grid = empty_grid(layout.FOUR_GROUPS, layout.FOUR_COLUMNS)
    group_of = dict(zip(AppealKind.values, layout.FOUR_GROUPS, strict=True))
    column_of = {"upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果", "": "尚未审结"}
    filed = Appeal.objects.filter(application__organisation_id__in=organisation_ids, filed_on__year=year)
    for appeal in filed.only("pk", "kind", "result", "decided_on", "application_id"):
        cells = grid[group_of[appeal.kind]]
        cells[column_of[appeal.result_on(end)]].value += 1
        cells["总计"].value += 1
    return grid


def table_two(organisation_ids: list[int], year: int) -> dict[str, dict[str, Any]]:
    """Table 二: 规章 and 行政规范性文件 from the published catalogue and its validity dates; the other counts as
    staff entered them for the year (organisations in scope added up)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    ended = [Validity.REPEALED, Validity.EXPIRED]
    documents: dict[str, Any] = {}
    for genre, label in ((Genre.REGULATION, "规章"), (Genre.NORMATIVE, "行政规范性文件")):
        items = Item.objects.filter(organisation_id__in=organisation_ids, genre=genre, status=ItemStatus.PUBLISHED)
        documents[label] = {
            "本年制发件数": items.filter(written_date__range=(start, end)).count(),
            "本年废止件数": items.filter(validity=Validity.REPEALED, validity_changed_on__range=(start, end)).count(),
            "现行有效件数": items.filter(written_date__lte=end)
            .exclude(validity__in=ended, validity_changed_on__lte=end)
            .count(),
        }
    totals: dict[str, Any] = defaultdict(int)
    fees = Decimal(0)
    for figures in AnnualFigures.objects.filter(organisation_id__in=organisation_ids, year=year):
        totals["行政许可"] += figures.permits
        totals["行政处罚"] += figures.penalties
        totals["行政强制"] += figures.enforcement
        fees += figures.fees
    return {
        "第二十条第（一）项": documents,
        "第二十条第（五）项": {"行政许可": {"本年处理决定数量": totals["行政许可"]}},
        "第二十条第（六）项": {
            "行政处罚": {"本年处理决定数量": totals["行政处罚"]},
            "行政强制": {"本年处理决定数量": totals["行政强制"]},
        },
        "第二十条第（八）项": {"行政事业性收费": {"本年收费金额（单位：万元）": f"{fees.normalize():f}"}},
    }


def values(grid: Grid) -> dict[str, dict[str, int]]:
    return {row: {column: cell.value for column, cell in cells.items()} for row, cells in grid.items()}
