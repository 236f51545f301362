"""Reading a table that staff upload (CSV or XLSX, header in the first row) for an import, and the report of
its problems by line and column. The catalogue import and the application-register import share it."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

EXCEL_EPOCH = date(1899, 12, 30)  # an Excel date cell that reached us as a number of days
DATE_TEXT = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"  # 2024-04-06, 2024/4/6, 2024年04月06日
    r"(?:[\sT]+\d{1,2}[:：]\d{2}(?:[:：]\d{2}(?:\.\d+)?)?)?$"  # and an optional time: 16:40, 16:40:00
)


@dataclass
class Problem:
    line: int
    field: str
    message: str


@dataclass
class Report:
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    imported: int = 0

    @property
    def clean(self) -> bool:
        return not self.problems

    def banner(self, unit: str) -> dict[str, str]:
        """The import screen's message after a clean run: what was imported, or that the check passed."""
        if self.imported:
            return {"outcome_title": "导入完成", "outcome": f"已导入 {self.imported} {unit}。"}
        if self.clean:
            return {
                "outcome_title": "检查通过",
                "outcome": f"文件共 {self.rows} 行，没有发现问题。取消勾选“只检查，不导入”后再次提交即可导入。",
            }
        return {}


def _cell(value: object) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _xlsx_rows(data: bytes) -> list[list[object]]:
    import openpyxl
    from django.core.exceptions import ValidationError

    from portal.uploads import check_archive

    unreadable = "无法读取该 Excel 文件：文件已损坏或不是 .xlsx 格式。请用 Excel 另存为 .xlsx 后再上传。"
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ValueError(unreadable)
    try:
        check_archive("该 Excel 文件", data)  # before openpyxl unpacks anything
    except ValidationError as exc:
        raise ValueError(exc.messages[0]) from exc
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ValueError(
            "无法读取该 Excel 文件：文件已损坏或不是 .xlsx 格式。请用 Excel 另存为 .xlsx 后再上传。"
        ) from exc
    try:
        return [["" if v is None else v for v in row] for row in workbook.active.iter_rows(values_only=True)]
    finally:
        workbook.close()


def read_rows(name: str, data: bytes, headers: dict[str, str], required: list[str]) -> list[dict[str, str]]:
    """Rows keyed by the code's field names; the header row is line 1, so data starts at line 2. `headers` maps
    each column name a file may use to a field name (the first name of a field is the one messages use)."""
    raw: list[list[object]]
    if name.lower().endswith(".xlsx"):
        raw = _xlsx_rows(data)
    else:
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ValueError("文件编码无法识别，请另存为 UTF-8 编码的 CSV 或 Excel 文件。")
        raw = [list(row) for row in csv.reader(io.StringIO(text))]
    raw = [row for row in raw if any(_cell(v) for v in row)]
    if not raw:
        raise ValueError("文件是空的。")
    header = [headers.get(_cell(h), "") for h in raw[0]]
    first_label = {name: label for label, name in reversed(headers.items())}
    missing = [first_label[name] for name in required if name not in header]
    if missing:
        raise ValueError(f"缺少必填列：{'、'.join(missing)}。第一行应为列名。")
    return [{n: _cell(v) for n, v in zip(header, values, strict=False) if n} for values in raw[1:]]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """A value for an exported CSV or XLSX cell that a spreadsheet will not run as a formula: text a citizen
    typed that begins with = + - @ (or a tab or carriage return) is written with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: list[object]) -> list[object]:
    return [safe_cell(v) for v in values]


def parse_date(value: str) -> date | None:
    """A date as old systems and spreadsheets write it, with or without a time of day; None if it is none."""
    value = value.strip()
    if value.isdigit() and 20000 <= int(value) <= 80000:  # an Excel date serial (1954–2119)
        return EXCEL_EPOCH + timedelta(days=int(value))
    if value.isdigit() and len(value) == 8:  # 20240406
        value = f"{value[:4]}-{value[4:6]}-{value[6:]}"
    match = DATE_TEXT.match(value)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
