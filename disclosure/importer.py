"""Import a legacy catalogue (CSV or XLSX, with a ZIP of attachment files): check every row first,
report each problem by line and field, and import nothing until the whole file is clean."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePath
from typing import IO, Any
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.db import transaction

from portal.models import Organisation

from .extract import extract_text, html_to_text, sanitise_html
from .models import Attachment, Column, Genre, Item, ItemEvent, ItemStatus, Topic, Validity
from .selectors import channel_of, columns_for
from .states import Action

HEADERS = {
    "索引号": "index_number", "名称": "title", "内容概述": "summary", "生成日期": "written_date",
    "发布日期": "publication_date", "文号": "document_number", "栏目": "column", "主题分类": "topic",
    "体裁": "genre", "有效性": "validity", "失效或废止日期": "validity_changed_on", "正文": "body",
    "附件": "attachments",
}  # fmt: skip
REQUIRED = ["index_number", "title", "summary", "written_date", "publication_date", "column", "genre"]
TZ = ZoneInfo("Asia/Shanghai")


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


def read_rows(
    name: str, data: bytes, headers: dict[str, str] = HEADERS, required: list[str] = REQUIRED
) -> list[dict[str, str]]:
    """Rows keyed by the code's field names; the header row is line 1, so data starts at line 2."""
    if name.lower().endswith(".xlsx"):
        import openpyxl

        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        raw = [["" if v is None else v for v in row] for row in workbook.active.iter_rows(values_only=True)]
        workbook.close()
    else:
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ValueError("文件编码无法识别，请另存为 UTF-8 编码的 CSV 或 Excel 文件。")
        raw = list(csv.reader(io.StringIO(text)))
    if not raw:
        raise ValueError("文件是空的。")
    header = [headers.get(str(h).strip(), "") for h in raw[0]]
    missing = [label for label, name in headers.items() if name in required and name not in header]
    if missing:
        raise ValueError(f"缺少必填列：{'、'.join(missing)}。第一行应为列名。")
    rows = []
    for values in raw[1:]:
        row = {}
        for name, value in zip(header, values, strict=False):
            if name:
                row[name] = value.isoformat()[:10] if isinstance(value, (date, datetime)) else str(value).strip()
        rows.append(row)
    return rows


def parse_date(value: str) -> date | None:
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日", "%Y.%m.%d"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def check(
    organisation: Organisation, rows: list[dict[str, str]], archive: zipfile.ZipFile | None
) -> tuple[Report, list[dict[str, Any]]]:
    report = Report(rows=len(rows))
    columns = {c.name: c for c in columns_for(organisation)} | {c.slug: c for c in columns_for(organisation)}
    topics = {t.name: t for t in Topic.objects.all()}
    genres = {str(label): value for value, label in Genre.choices}
    validities = {str(label): value for value, label in Validity.choices}
    files = set(archive.namelist()) if archive else set()
    numbers = [r.get("index_number", "") for r in rows]
    taken = set(Item.objects.filter(index_number__in=numbers).values_list("index_number", flat=True))
    seen: set[str] = set()
    clean_rows = []
    for line, row in enumerate(rows, start=2):
        problems: list[Problem] = []

        def bad(name: str, message: str, line: int = line, problems: list[Problem] = problems) -> None:
            label = next(k for k, v in HEADERS.items() if v == name)
            problems.append(Problem(line, label, message))

        for name in REQUIRED:
            if not row.get(name):
                bad(name, "不能为空。")
        number = row.get("index_number", "")
        if number and (number in taken or number in seen):
            bad("index_number", "索引号重复：已有信息使用该索引号，或文件中出现多次。")
        seen.add(number)
        dates = {}
        for name in ("written_date", "publication_date", "validity_changed_on"):
            if row.get(name):
                dates[name] = parse_date(row[name])
                if dates[name] is None:
                    bad(name, f"日期“{row[name]}”无法识别，请写作 2026-11-20。")
        written, published = dates.get("written_date"), dates.get("publication_date")
        if written and published and published < written:
            bad("publication_date", "发布日期早于生成日期。")
        column = columns.get(row.get("column", ""))
        if row.get("column") and column is None:
            bad("column", f"没有名为“{row['column']}”的栏目。")
        genre = genres.get(row.get("genre", ""))
        if row.get("genre") and genre is None:
            bad("genre", f"体裁“{row['genre']}”不在体裁表中。")
        topic = topics.get(row.get("topic", "")) if row.get("topic") else None
        if row.get("topic") and topic is None:
            bad("topic", f"没有名为“{row['topic']}”的主题分类。")
        validity = validities.get(row.get("validity", ""), "") if row.get("validity") else ""
        if row.get("validity") and not validity:
            bad("validity", "有效性只能是“有效”“失效”或“废止”。")
        attachments = [a.strip() for a in row.get("attachments", "").replace("；", ";").split(";") if a.strip()]
        for name in attachments:
            if name not in files:
                bad("attachments", f"附件压缩包中没有文件“{name}”。")
        if len(row.get("title", "")) > 200:
            bad("title", "名称不能超过200字。")
        report.problems += problems
        if not problems:
            body = (
                sanitise_html(row.get("body", ""))
                if "<" in row.get("body", "")
                else "".join(f"<p>{line_}</p>" for line_ in row.get("body", "").splitlines() if line_.strip())
            )
            clean_rows.append({
                "index_number": number, "title": row["title"], "summary": row["summary"], "body": body,
                "written_date": dates["written_date"], "publication_date": dates["publication_date"],
                "validity_changed_on": dates.get("validity_changed_on"),
                "document_number": row.get("document_number", ""),
                "column": column, "genre": genre, "topic": topic, "validity": validity, "attachments": attachments,
            })  # fmt: skip
    return report, clean_rows


def import_catalogue(
    *, organisation: Organisation, actor: Any, name: str, data: bytes, archive_data: bytes | None, dry_run: bool
) -> Report:
    """Check the file; unless this is a dry run and only when every row is clean, import all of it at once."""
    archive = zipfile.ZipFile(io.BytesIO(archive_data)) if archive_data else None
    try:
        rows = read_rows(name, data)
    except ValueError as exc:
        return Report(problems=[Problem(1, "文件", str(exc))])
    report, clean_rows = check(organisation, rows, archive)
    if dry_run or not report.clean:
        return report
    with transaction.atomic():
        for row in clean_rows:
            _create(organisation, actor, row, archive)
    report.imported = len(clean_rows)
    from . import search

    transaction.on_commit(search.rebuild)
    return report


def _create(organisation: Organisation, actor: Any, row: dict[str, Any], archive: zipfile.ZipFile | None) -> None:
    published: date = row["publication_date"]
    column: Column = row["column"]
    item = Item.objects.create(
        organisation=organisation, channel=channel_of(organisation), column=column, column_kind=column.kind,
        topic=row["topic"], genre=row["genre"], title=row["title"], summary=row["summary"], body=row["body"],
        body_text=html_to_text(row["body"]), document_number=row["document_number"], written_date=row["written_date"],
        validity=row["validity"], validity_changed_on=row["validity_changed_on"], status=ItemStatus.PUBLISHED,
        index_number=row["index_number"], publication_date=published, updated_on=published,
        published_at=datetime(published.year, published.month, published.day, tzinfo=TZ), created_by=actor,
    )  # fmt: skip
    for position, filename in enumerate(row["attachments"]):
        assert archive is not None
        content = archive.read(filename)
        stream: IO[bytes] = io.BytesIO(content)
        attachment = Attachment(
            item=item, name=PurePath(filename).name, size=len(content),
            text=extract_text(filename, stream), position=position,
        )  # fmt: skip
        attachment.file.save(PurePath(filename).name, ContentFile(content), save=False)
        attachment.save()
    ItemEvent.objects.create(
        item=item, action=Action.IMPORT, actor=actor, note="从原目录导入（保留原索引号和发布日期）"
    )
