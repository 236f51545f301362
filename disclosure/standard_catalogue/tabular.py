"""The catalogue as a spreadsheet: the XLSX an office head downloads, edits and uploads again (portal/tabular.py
reads it, and writes no cell a spreadsheet would run as a formula)."""

from __future__ import annotations

import io
from typing import Any

from portal.tabular import Problem, Report, read_rows, safe_row

from .models import UNSOURCED, Area, Audience, Channel, DeadlineUnit, Matter, Recurrence

COLUMNS = [
    ("area", "领域"), ("name", "公开事项"), ("content", "公开内容"), ("basis", "公开依据"),
    ("deadline_text", "公开时限"),
    ("deadline_days", "时限天数"), ("deadline_unit", "时限单位"), ("recurrence", "更新频次"),
    ("notice_working_days", "公示期（工作日）"), ("publisher", "公开主体"), ("channels", "公开渠道"),
    ("audience", "公开对象"), ("column", "对应栏目"), ("keywords", "标题关键词"), ("source", "来源"),
]  # fmt: skip
HEADERS = {label: name for name, label in COLUMNS}
REQUIRED = ["area", "name"]
MAX_ROWS = 5000


def workbook(organisation: Any) -> bytes:
    """The organisation's catalogue: one row per 事项, and the areas it does not touch with their explanation."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("公开事项")
    sheet.append([label for _, label in COLUMNS])
    matters = Matter.objects.filter(organisation=organisation).select_related("area", "column", "organisation")
    for m in matters.order_by("area__position", "area_id", "position", "id"):
        sheet.append(safe_row([
            m.area.name, m.name, m.content, m.basis, m.deadline_text, m.deadline_days, m.get_deadline_unit_display(),
            m.get_recurrence_display(), m.notice_working_days or "", m.published_by(), "、".join(m.channel_labels()),
            m.get_audience_display(), m.column.name if m.column else "", m.keywords, m.source,
        ]))  # fmt: skip
    areas = book.create_sheet("未涉及领域")
    areas.append(["领域", "未涉及领域说明"])
    for area in Area.objects.filter(organisation=organisation, involved=False):
        areas.append(safe_row([area.name, area.not_involved_note]))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _choice(value: str, choices: list[tuple[str, str]], default: str) -> str | None:
    if not value:
        return default
    for code, label in choices:
        if value in (code, label):
            return code
    return None


def check_rows(name: str, data: bytes) -> tuple[Report, list[dict[str, Any]]]:
    """The rows of an uploaded catalogue as 事项 fields, and every problem by line and column (nothing is
    imported while there is one)."""
    from disclosure.models import Column

    report = Report()
    try:
        rows = read_rows(name, data, HEADERS, REQUIRED)
    except ValueError as error:
        report.problems.append(Problem(1, "文件", str(error)))
        return report, []
    if len(rows) > MAX_ROWS:
        report.problems.append(Problem(1, "文件", f"一次最多导入 {MAX_ROWS} 个事项，请分批导入。"))
        return report, []
    columns = {c.name: c for c in Column.objects.all()} | {c.slug: c for c in Column.objects.all()}
    channel_codes = {label: code for code, label in Channel.choices} | {code: code for code in Channel.values}
    checked, seen = [], set()
    for line, row in enumerate(rows, start=2):
        report.rows += 1
        problems = len(report.problems)

        def problem(label: str, message: str, line: int = line) -> None:
            report.problems.append(Problem(line, label, message))

        area, matter = row.get("area", "")[:40], row.get("name", "")
        if not area:
            problem("领域", "请填写领域。")
        if not matter:
            problem("公开事项", "请填写公开事项名称。")
        elif len(matter) > 100:
            problem("公开事项", "公开事项名称不能超过100个字。")
        if (area, matter) in seen:
            problem("公开事项", "同一领域的公开事项重复。")
        seen.add((area, matter))
        days = row.get("deadline_days", "") or "20"
        if not days.isdigit() or not 0 < int(days) <= 365:
            problem("时限天数", "时限天数应为1至365的整数。")
        notice = row.get("notice_working_days", "")
        if notice and (not notice.isdigit() or int(notice) > 365):
            problem("公示期（工作日）", "公示期应为不超过365的整数，无公示期的留空。")
        unit = _choice(row.get("deadline_unit", ""), DeadlineUnit.choices, DeadlineUnit.WORKING_DAYS)
        if unit is None:
            problem("时限单位", "时限单位应为“工作日”或“日”。")
        recurrence = _choice(row.get("recurrence", ""), Recurrence.choices, Recurrence.EVENT)
        if recurrence is None:
            problem("更新频次", "更新频次应为：" + "、".join(label for _, label in Recurrence.choices) + "。")
        audience = _choice(row.get("audience", ""), Audience.choices, Audience.PUBLIC)
        if audience is None:
            problem("公开对象", "公开对象应为“全社会”或“特定群体”。")
        channels = [c.strip() for c in row.get("channels", "").replace("，", "、").split("、") if c.strip()]
        unknown = [c for c in channels if c not in channel_codes]
        if unknown:
            problem("公开渠道", f"无法识别的公开渠道：{'、'.join(unknown)}。可填："
                    + "、".join(label for _, label in Channel.choices) + "。")  # fmt: skip
        if len(row.get("publisher", "")) > 100:
            problem("公开主体", "公开主体不能超过100个字；由本机构公开的可留空。")
        column = row.get("column", "")
        if column and column not in columns:
            problem("对应栏目", f"没有名为“{column}”的栏目。")
        if len(report.problems) > problems:
            continue
        checked.append({
            "area": area, "name": matter, "content": row.get("content", ""), "basis": row.get("basis") or UNSOURCED,
            "deadline_text": row.get("deadline_text") or "信息形成或者变更之日起20个工作日内",
            "deadline_days": int(days), "deadline_unit": unit, "recurrence": recurrence,
            "notice_working_days": int(notice) if notice else None, "publisher": row.get("publisher", ""),
            "channels": [channel_codes[c] for c in channels], "audience": audience,
            "column": columns.get(column), "keywords": row.get("keywords", "")[:200],
            "source": row.get("source", "")[:200] or "导入",
        })  # fmt: skip
    return report, checked
