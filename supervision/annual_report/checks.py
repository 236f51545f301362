"""The cross-checks of annual-report.md, run on every draft: a report that fails one cannot be submitted. Each
failure names the cells and the applications behind them. The fourth check, 二 (this year) = 四 (last year's
published report), holds by construction: 二 is read from that report's snapshot, so a disagreement with the
records shows as a failure of 一 + 二 = 三(七) + 四 in the columns concerned."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from . import layout
from .tables import Grid


@dataclass
class Failure:
    check: str
    cells: str
    detail: str
    applications: list[int] = field(default_factory=list)


Behind = Callable[[str, str], list[int]]  # (which check, column) -> the applications it concerns


def run(
    three: Grid, four: Grid, last_year_carried_out: dict[str, int] | None, behind: Behind = lambda check, c: []
) -> list[Failure]:
    failures: list[Failure] = []
    results = layout.result_rows()
    for column in layout.THREE_COLUMNS:
        new, carried_in = three[layout.NEW][column], three[layout.CARRIED_IN][column]
        total, carried_out = three[layout.TOTAL][column], three[layout.CARRIED_OUT][column]
        if new.value + carried_in.value != total.value + carried_out.value:
            failures.append(Failure(
                "一 + 二 = 三(七) + 四", f"{column}列",
                f"一（{new.value}）+ 二（{carried_in.value}）= {new.value + carried_in.value}，"
                f"三(七)（{total.value}）+ 四（{carried_out.value}）= {total.value + carried_out.value}"
                + ("；“二”取自上年已发布报告，按本平台办理记录年初尚未办结的申请见下"
                   if last_year_carried_out is not None else ""),
                behind("carried", column) if last_year_carried_out is not None else [],
            ))  # fmt: skip
        summed = sum(three[row][column].value for row in results)
        if summed != total.value:
            failures.append(Failure(
                "三(七) = 三(一)至三(六)之和", f"{column}列",
                f"三(七) 为 {total.value}，各项办理结果之和为 {summed}（已办结而未登记办理结果的申请不计入任何一项）",
                behind("results", column),
            ))  # fmt: skip
    for row, cells in three.items():
        parts = sum(cells[c].value for c in layout.THREE_COLUMNS[:-1])
        if parts != cells["总计"].value:
            failures.append(
                Failure("总计 = 六类申请人之和", f"“{row}”行", f"总计 {cells['总计'].value}，各列之和 {parts}")
            )
    for group, cells in four.items():
        parts = sum(cells[c].value for c in layout.FOUR_COLUMNS[:-1])
        if parts != cells["总计"].value:
            failures.append(
                Failure("表四各组总计 = 其余四项之和", group, f"总计 {cells['总计'].value}，四项之和 {parts}")
            )
    return failures
