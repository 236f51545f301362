"""The report as data (every cell keyed by its labels), as the page and PDF (one HTML template) and as DOCX
(python-docx, with the national format's merged header cells)."""

from __future__ import annotations

import io
from typing import Any

from django.template.loader import render_to_string

from portal import gongwen

from . import layout, services
from .models import AnnualReport, ReportStatus

NOTES = [
    "“一、本年新收”按收到申请之日计；“二、上年结转”为上年末尚未办结的申请，已发布上年报告的，取其“四”。",
    "“三、本年度办理结果”按本年作出答复（办结）计，一件申请只计一种结果；按“一事一申请”拆分的按拆分后件数计。",
    "更正政府信息记录的申请（条例第四十一条）、网上提交后未经确认即撤回的申请不计入。",
    "表四按本年提起的行政复议、行政诉讼计，结果以年末状态为准，尚未审结的计入“尚未审结”。",
]


def tables_of(report: AnnualReport) -> dict[str, Any]:
    """The published snapshot, or the draft computed from the records now."""
    if report.status in (ReportStatus.PUBLISHED, ReportStatus.SUPERSEDED) and report.cells:
        return report.cells
    return services.cells(services.compute(report))


def report_data(report: AnnualReport) -> dict[str, Any]:
    tables = tables_of(report)
    known = services.facts(report.organisation, report.scope, report.year) if not report.pk else None
    return {
        "标题": report.title,
        "机构": report.organisation.name,
        "统一社会信用代码": report.organisation.credit_code,
        "年度": report.year,
        "版本": report.version,
        "状态": report.get_status_display(),
        "统计范围": report.get_scope_display(),
        "更正理由": report.correction_reason,
        layout.SECTIONS[0]: report.overview or (services.overview_text(report.organisation, report.year, known)
                                                if known else ""),
        layout.SECTIONS[1]: tables["二"],
        layout.SECTIONS[2]: tables["三"],
        layout.SECTIONS[3]: tables["四"],
        layout.SECTIONS[4]: report.problems,
        layout.SECTIONS[5]: report.other_matters or (services.other_matters_text(known) if known else ""),
        "说明": NOTES,
        "二的来源": tables.get("二的来源", ""),
        "校验": tables.get("校验", []),
    }  # fmt: skip


def rows_of_three(three: dict[str, dict[str, int]]) -> list[dict[str, Any]]:
    """Table 三's rows as the format prints them: the group label merged over its sub-rows."""
    rows: list[dict[str, Any]] = [{"labels": [layout.NEW], "cells": three[layout.NEW]},
                                  {"labels": [layout.CARRIED_IN], "cells": three[layout.CARRIED_IN]}]  # fmt: skip
    first = True
    span = len(layout.result_rows()) + 1
    for group, subs in layout.RESULT_GROUPS:
        for index, sub in enumerate(subs or [""]):
            key = f"{group} {sub}" if sub else group
            row: dict[str, Any] = {"cells": three[key], "group": group, "sub": sub, "group_span": len(subs) or 1,
                                   "first_of_group": index == 0}  # fmt: skip
            if first:
                row["results_span"] = span
                first = False
            rows.append(row)
    rows.append({"group": layout.TOTAL, "sub": "", "group_span": 1, "first_of_group": True,
                 "cells": three[layout.TOTAL]})  # fmt: skip
    rows.append({"labels": [layout.CARRIED_OUT], "cells": three[layout.CARRIED_OUT]})
    return rows


def context(report: AnnualReport) -> dict[str, Any]:
    data = report_data(report)
    return {
        "report": report,
        "data": data,
        "sections": layout.SECTIONS,
        "two": data[layout.SECTIONS[1]],
        "two_blocks": layout.TABLE_TWO,
        "three_rows": rows_of_three(data[layout.SECTIONS[2]]),
        "three_columns": layout.THREE_COLUMNS,
        "organisation_columns": layout.ORGANISATION_COLUMNS,
        "corner": layout.THREE_CORNER,
        "four": data[layout.SECTIONS[3]],
        "four_groups": layout.FOUR_GROUPS,
        "four_columns": layout.FOUR_COLUMNS,
        "notes": NOTES,
    }


def html(report: AnnualReport, template: str = "supervision/annual_report/report_pdf.html") -> str:
    return render_to_string(template, context(report))


def pdf(report: AnnualReport) -> bytes:
    from portal.pdf import render_pdf

    return render_pdf(html(report))


def docx(report: AnnualReport) -> bytes:
    data = report_data(report)
    document = gongwen.document()
    gongwen.title(document, report.title)
    if report.version > 1:
        document.add_paragraph(f"第{report.version}版（更正）：{report.correction_reason}")
    for index, section in enumerate(layout.SECTIONS):
        document.add_heading(section, level=1)
        if index in (0, 4, 5):
            for paragraph in (data[section] or "无。").splitlines():
                if paragraph.strip():
                    document.add_paragraph(paragraph.strip())
        elif index == 1:
            _two(document, data[section])
        elif index == 2:
            _three(document, data[section])
        else:
            _four(document, data[section])
    document.add_heading("说明", level=2)
    source = [f"本年“二、上年结转”取自{data['二的来源']}。"] if data["二的来源"] else []
    for number, note in enumerate([*NOTES, *source], start=1):
        document.add_paragraph(f"{number}．{note}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _grid(document: Any, rows: int, columns: int, labels: tuple[float, ...] = ()) -> tuple[Any, Any]:
    """A ruled table across the 版心, the label columns this wide (mm) and the figures sharing the rest, and its
    cell (row, column) as first laid out: python-docx's table.cell() reads the whole table on every call (1.3 s
    of table 三), so the cells are listed once, before any merge."""
    from docx.shared import Mm

    table = document.add_table(rows=rows, cols=columns)
    table.style = "Table Grid"
    table.autofit = False
    figure = (gongwen.WIDTH - sum(labels)) / (columns - len(labels))
    widths = [Mm(width) for width in (*labels, *[figure] * (columns - len(labels)))]
    cells = table._cells
    for index, cell in enumerate(cells):
        cell.width = widths[index % columns]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    return table, lambda row, column: cells[row * columns + column]


def _two(document: Any, two: dict[str, Any]) -> None:
    for heading, columns, labels in layout.TABLE_TWO:
        table, cell = _grid(document, 2 + len(labels), len(columns), labels=(40,))
        cell(0, 0).merge(cell(0, len(columns) - 1)).text = heading
        for c, label in enumerate(columns):
            cell(1, c).text = label
        for r, label in enumerate(labels, start=2):
            cell(r, 0).text = label
            for c, column in enumerate(columns[1:], start=1):
                cell(r, c).text = str(two[heading][label][column])
        gongwen.as_table_text(table)
        document.add_paragraph()


def _three(document: Any, three: dict[str, dict[str, int]]) -> None:
    rows = rows_of_three(three)
    table, cell = _grid(document, 3 + len(rows), 3 + len(layout.THREE_COLUMNS), labels=(12, 17, 50))
    # header: the corner (3 label columns × 3 rows), 申请人情况 over all seven; 自然人, 法人或其他组织 over five, 总计
    cell(0, 0).merge(cell(2, 2)).text = layout.THREE_CORNER
    cell(0, 3).merge(cell(0, 9)).text = layout.APPLICANTS
    cell(1, 3).merge(cell(2, 3)).text = layout.PERSON
    cell(1, 4).merge(cell(1, 8)).text = layout.ORGANISATIONS
    for c, label in enumerate(layout.ORGANISATION_COLUMNS, start=4):
        cell(2, c).text = label
    cell(1, 9).merge(cell(2, 9)).text = "总计"
    results_first = None
    for r, row in enumerate(rows, start=3):
        if "labels" in row:
            cell(r, 0).merge(cell(r, 2)).text = row["labels"][0]
        else:
            if "results_span" in row:
                results_first = r
            if row["first_of_group"]:
                if row["sub"]:
                    cell(r, 1).merge(cell(r + row["group_span"] - 1, 1)).text = row["group"]
                else:
                    cell(r, 1).merge(cell(r, 2)).text = row["group"]
            if row["sub"]:
                cell(r, 2).text = row["sub"]
        for c, column in enumerate(layout.THREE_COLUMNS, start=3):
            cell(r, c).text = str(row["cells"][column])
    if results_first is not None:
        span = len(layout.result_rows()) + 1
        cell(results_first, 0).merge(cell(results_first + span - 1, 0)).text = layout.RESULTS
    gongwen.as_table_text(table, size=9)
    gongwen.repeat_heading_rows(table, 3)
    document.add_paragraph()


def _four(document: Any, four: dict[str, dict[str, int]]) -> None:
    table, cell = _grid(document, 4, 15)
    cell(0, 0).merge(cell(0, 4)).text = layout.FOUR_GROUPS[0]
    cell(0, 5).merge(cell(0, 14)).text = "行政诉讼"
    for c, column in enumerate(layout.FOUR_COLUMNS):
        cell(1, c).merge(cell(2, c)).text = column
    cell(1, 5).merge(cell(1, 9)).text = "未经复议直接起诉"
    cell(1, 10).merge(cell(1, 14)).text = "复议后起诉"
    for g, group in enumerate(layout.FOUR_GROUPS):
        for c, column in enumerate(layout.FOUR_COLUMNS):
            if g:
                cell(2, g * 5 + c).text = column
            cell(3, g * 5 + c).text = str(four[group][column])
    gongwen.as_table_text(table, size=9)
    document.add_paragraph()
