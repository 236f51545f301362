"""The report as a person reads it: the table's cells with their display values, the page's context, the XLSX
(openpyxl, as the dashboard's workbook) and the PDF (portal/pdf.py)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string

from portal.templatetags.portal_tags import cn_date

from . import layout, services
from .models import WebsiteReport

SHOWN = {"yes": "是", "no": "否"}
UNKNOWN = "—"


@dataclass
class Cell:
    label: str
    key: str
    shown: str


def shown(report: WebsiteReport, key: str) -> str:
    found = services.value(report, key)
    if found is None or found == "":
        return UNKNOWN
    if isinstance(found, float):
        return f"{found:.1f}"
    return SHOWN.get(str(found), str(found))


def figure(report: WebsiteReport, key: str) -> int | float | str:
    """The cell as a spreadsheet holds it: a count or an average as a number (the one shown, so Excel adds them
    up), a yes/no, a name or a code as text."""
    found = services.value(report, key)
    if layout.BY_KEY[key].kind in ("int", "decimal") and isinstance(found, int | float) and not isinstance(found, bool):
        return float(f"{found:.1f}") if isinstance(found, float) else found
    return shown(report, key)


def table(report: WebsiteReport) -> list[tuple[str, list[Cell]]]:
    """The rows in the table's groups (merged group cells on the page)."""
    return [(group, [Cell(row.label, row.key, shown(report, row.key)) for row in rows])
            for group, rows in layout.groups()]  # fmt: skip


def people(report: WebsiteReport) -> list[tuple[str, str]]:
    from datetime import date

    found = []
    for name, label in layout.PEOPLE:
        text = report.entered.get(name) or ""
        if name == "filled_on" and text:
            text = cn_date(date.fromisoformat(text))
        found.append((label, text or UNKNOWN))
    return found


def notes(report: WebsiteReport) -> list[str]:
    """What the figures mean where the national form leaves it open (the readers are told, not left to guess)."""
    counted = report.figures
    found = [counted["visits_note"]] if counted.get("visits_note") else []
    found.append("信息发布按本网站（政府信息公开专栏）当年首次发布的信息统计：概况类为“机构职能”栏目，"
                 "政务动态为“工作动态”栏目，其余公开目录栏目计入信息公开目录信息。")  # fmt: skip
    if "backups" in counted:
        found.append(
            f"平台审计日志记录：本年数据备份{counted['backups']}次，备份恢复演练{counted['restore_drills']}次。"
        )
    return found


def context(report: WebsiteReport) -> dict[str, Any]:
    return {"report": report, "table": table(report), "people": people(report), "notes": notes(report)}


def html(report: WebsiteReport, template: str = "supervision/website_report/report_pdf.html") -> str:
    return render_to_string(template, context(report))


def pdf(report: WebsiteReport) -> bytes:
    from portal.pdf import render_pdf

    return render_pdf(html(report))


def xlsx(report: WebsiteReport) -> bytes:
    import openpyxl
    from openpyxl.styles import Alignment, Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "政府网站工作年度报表"
    sheet.append([report.title])
    sheet.merge_cells("A1:C1")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([f"（{report.year}年度）"])
    start = 3
    for group, cells in table(report):
        for cell in cells:
            sheet.append([group, cell.label, figure(report, cell.key)])
        if group and len(cells) > 1:
            sheet.merge_cells(start_row=start, start_column=1, end_row=start + len(cells) - 1, end_column=1)
        if not group:
            sheet.merge_cells(start_row=start, start_column=1, end_row=start, end_column=2)
            sheet.cell(row=start, column=1, value=cells[0].label)
        start += len(cells)
    sheet.append([])
    sheet.append(["　".join(f"{label}：{text}" for label, text in people(report))])
    for note in notes(report):
        sheet.append([note])
    for column, width in (("A", 22), ("B", 44), ("C", 40)):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = Alignment(vertical="center", wrap_text=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
