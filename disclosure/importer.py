"""Import a legacy catalogue (CSV or XLSX, with a ZIP of attachment files) exported from an old site.

Every row is checked first and each problem reported by line and column; nothing is written until the whole
file is clean, and then all of it at once. The dry run also lists what the personal-data scanner finds in
each row. Imported items are not public: they wait in the review queue as one batch, keeping the index
numbers and publication dates the old site gave them, and reviewers approve, mask or return them item by item
(条例 第十七条 先审后发; regulation.md §3)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.functions import Upper
from django.utils import timezone

from portal.models import Organisation
from portal.tabular import Problem, Report, parse_date, read_rows
from portal.uploads import check_archive
from review.scanner import PERSONAL_KINDS, HitKind, Text, scan

from .extract import extract_text, html_to_text, looks_like_html, sanitise_html, text_to_html
from .models import Attachment, Column, Genre, Item, ItemEvent, ItemStatus, Topic, Validity
from .selectors import channel_of, columns_for, publishers
from .states import Action

HEADERS = {
    "索引号": "index_number", "名称": "title", "内容概述": "summary", "生成日期": "written_date",
    "发布日期": "publication_date", "发布机构": "publisher", "文号": "document_number", "栏目": "column",
    "主题分类": "topic", "组配分类": "local_topic", "体裁": "genre", "有效性": "validity",
    "失效或废止日期": "validity_changed_on", "正文": "body", "附件": "attachments",
}  # fmt: skip
# other names that old sites' exports give the same columns
SYNONYMS = {
    "标题": "title", "信息名称": "title", "内容概要": "summary", "摘要": "summary", "成文日期": "written_date",
    "发文日期": "written_date", "发布时间": "publication_date", "公开日期": "publication_date",
    "发布单位": "publisher", "发文机关": "publisher", "发文字号": "document_number", "所属栏目": "column",
    "信息分类": "column", "主题": "topic",
}  # fmt: skip
REQUIRED = ["index_number", "title", "written_date", "publication_date", "column", "genre"]
LABELS = {name: label for label, name in HEADERS.items()}


@dataclass(frozen=True)
class RowHit:
    """What the scanner finds in a row, shown masked: the dry run is no place to repeat an ID number."""

    line: int
    where: str
    kind: str
    masked: str


@dataclass
class CatalogueReport(Report):
    hits: list[RowHit] = field(default_factory=list)
    summaries_missing: int = 0
    batch_id: int | None = None


def _choices(names: list[str]) -> str:
    return "、".join(names[:40]) + ("等" if len(names) > 40 else "")


class Lookups:
    """The organisation's columns, publishers, topics and the platform's genres, by the names files use."""

    def __init__(self, organisation: Organisation) -> None:
        columns = list(columns_for(organisation))
        self.columns = {c.name: c for c in columns} | {c.slug: c for c in columns}
        self.column_names = [c.name for c in columns]
        offices = list(Organisation.objects.filter(pk__in=publishers(organisation), is_active=True))
        self.publishers = {o.name: o for o in offices} | {o.short_name: o for o in offices if o.short_name}
        self.publisher_names = [o.name for o in offices]
        topics = list(Topic.objects.select_related("parent"))
        self.topics = {t.name: t for t in topics} | {str(t): t for t in topics}
        self.topic_names = [t.name for t in topics]
        self.local_topics = {alias: t for t in topics for alias in t.alias_list()}
        self.genres = {str(label): value for value, label in Genre.choices}
        self.validities = {str(label): value for value, label in Validity.choices}


def check(
    organisation: Organisation, rows: list[dict[str, str]], archive: zipfile.ZipFile | None, today: date
) -> tuple[CatalogueReport, list[dict[str, Any]]]:
    report = CatalogueReport(rows=len(rows))
    known = Lookups(organisation)
    files = set(archive.namelist()) if archive else set()
    numbers = {r["index_number"].upper() for r in rows if r.get("index_number")}
    existing = Item.objects.alias(index_upper=Upper("index_number")).filter(index_upper__in=numbers)
    taken = {(n or "").upper() for n in existing.values_list("index_number", flat=True)}
    seen: set[str] = set()
    clean_rows = []
    for line, row in enumerate(rows, start=2):
        problems: list[Problem] = []

        def bad(name: str, message: str, line: int = line, problems: list[Problem] = problems) -> None:
            problems.append(Problem(line, LABELS[name], message))

        for name in REQUIRED:
            if not row.get(name):
                bad(name, "不能为空。")
        number = row.get("index_number", "")
        if number and (number.upper() in taken or number.upper() in seen):
            bad("index_number", "索引号重复：已有信息使用该索引号（不区分大小写），或文件中出现多次。")
        seen.add(number.upper())
        dates: dict[str, date | None] = {}
        for name in ("written_date", "publication_date", "validity_changed_on"):
            if row.get(name):
                dates[name] = parse_date(row[name])
                if dates[name] is None:
                    bad(name, f"日期“{row[name]}”无法识别，请写作 2026-11-20 或 2026年11月20日。")
                elif dates[name] > today:  # type: ignore[operator]
                    bad(name, f"日期“{row[name]}”晚于今天，原网站已发布的信息不会有将来的日期。")
        written, published = dates.get("written_date"), dates.get("publication_date")
        if written and published and published < written:
            bad("publication_date", "发布日期早于生成日期。")
        publisher = organisation
        if row.get("publisher"):
            found = known.publishers.get(row["publisher"])
            if found is None:
                bad("publisher", f"没有名为“{row['publisher']}”的发布机构。可填：{_choices(known.publisher_names)}。")
            publisher = found or organisation
        column = known.columns.get(row.get("column", ""))
        if row.get("column") and column is None:
            bad("column", f"没有名为“{row['column']}”的栏目。可填：{_choices(known.column_names)}。")
        genre = known.genres.get(row.get("genre", ""))
        if row.get("genre") and genre is None:
            bad("genre", f"体裁“{row['genre']}”不在体裁表中。可填：{_choices(list(known.genres))}。")
        topic = _topic(row, known, bad)
        validity = known.validities.get(row.get("validity", ""), "") if row.get("validity") else ""
        if row.get("validity") and not validity:
            bad("validity", "有效性只能是“有效”“失效”或“废止”。")
        attachments = [a.strip() for a in row.get("attachments", "").replace("；", ";").split(";") if a.strip()]
        for name in attachments:
            if name not in files:
                bad("attachments", f"附件压缩包中没有文件“{name}”。")
        if len(row.get("title", "")) > 200:
            bad("title", "名称不能超过200字。")
        if len(row.get("summary", "")) > 1000:
            bad("summary", "内容概述不能超过1000字。")
        raw_body = row.get("body", "")
        body = sanitise_html(raw_body) if looks_like_html(raw_body) else text_to_html(raw_body)
        if not html_to_text(body) and not attachments:
            bad("body", "正文和附件不能都为空。")
        report.problems += problems
        if not problems:
            clean_rows.append({
                "line": line, "index_number": number, "title": row["title"], "summary": row.get("summary", ""),
                "body": body, "written_date": written, "publication_date": published,
                "validity_changed_on": dates.get("validity_changed_on"),
                "document_number": row.get("document_number", ""), "publisher": publisher,
                "column": column, "genre": genre, "topic": topic, "validity": validity, "attachments": attachments,
            })  # fmt: skip
    return report, clean_rows


def _topic(row: dict[str, str], known: Lookups, bad: Any) -> Topic | None:
    if row.get("topic"):
        topic = known.topics.get(row["topic"])
        if topic is None:
            bad("topic", f"没有名为“{row['topic']}”的主题分类。可填：{_choices(known.topic_names)}。")
        return topic
    if row.get("local_topic"):
        topic = known.local_topics.get(row["local_topic"]) or known.topics.get(row["local_topic"])
        if topic is None:
            bad(
                "local_topic",
                f"组配分类“{row['local_topic']}”没有对应的主题分类。请在 数据维护 › 主题分类 的“本地组配分类”中"
                f"登记它对应的主题，或改填“主题分类”列。",
            )
        return topic
    return None


def _row_hits(row: dict[str, Any], archive: zipfile.ZipFile | None) -> list[RowHit]:
    texts = [Text("名称", row["title"]), Text("内容概述", row["summary"]), Text("正文", html_to_text(row["body"]))]
    texts.append(Text("文号", row["document_number"]))
    for name in row["attachments"]:
        assert archive is not None
        texts.append(Text(f"附件 {name}", extract_text(name, io.BytesIO(archive.read(name)))))
    return [
        RowHit(row["line"], hit.source, HitKind(hit.kind).label, hit.masked)
        for hit in scan(texts)
        if hit.kind in PERSONAL_KINDS
    ]


def _open_archive(data: bytes | None) -> zipfile.ZipFile | None:
    if not data:
        return None
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ValueError("附件压缩包无法打开：请上传 .zip 格式的压缩包。") from exc
    try:
        check_archive("附件压缩包", data)
    except ValidationError as exc:
        raise ValueError(exc.messages[0]) from exc
    return archive


def import_catalogue(
    *, organisation: Organisation, actor: Any, name: str, data: bytes, archive_data: bytes | None, dry_run: bool
) -> CatalogueReport:
    """Check the file; unless this is a dry run and only when every row is clean, import all of it at once, as
    one batch waiting for review."""
    try:
        archive = _open_archive(archive_data)
        rows = read_rows(name, data, HEADERS | SYNONYMS, REQUIRED)
    except ValueError as exc:
        return CatalogueReport(problems=[Problem(1, "文件", str(exc))])
    report, clean_rows = check(organisation, rows, archive, timezone.localdate())
    if not report.clean:
        return report
    for row in clean_rows:
        report.hits += _row_hits(row, archive)
    report.summaries_missing = sum(1 for row in clean_rows if not row["summary"].strip())
    if dry_run:
        return report
    from review import services as review

    with transaction.atomic():
        batch = review.start_batch(
            organisation=organisation, title=f"原目录导入：{PurePath(name).name}（{len(clean_rows)} 条）", actor=actor
        )
        for row in clean_rows:
            item = _create(organisation, actor, row, archive)
            review.submit(content=item, actor=actor, batch=batch)
    report.imported, report.batch_id = len(clean_rows), batch.pk
    return report


def _create(organisation: Organisation, actor: Any, row: dict[str, Any], archive: zipfile.ZipFile | None) -> Item:
    publisher: Organisation = row["publisher"]
    column: Column = row["column"]
    item = Item.objects.create(
        organisation=publisher, channel=channel_of(publisher), column=column, column_kind=column.kind,
        topic=row["topic"], genre=row["genre"], title=row["title"], summary=row["summary"].strip(), body=row["body"],
        body_text=html_to_text(row["body"]), document_number=row["document_number"], written_date=row["written_date"],
        validity=row["validity"], validity_changed_on=row["validity_changed_on"], status=ItemStatus.SUBMITTED,
        index_number=row["index_number"], publication_date=row["publication_date"], legacy_import=True,
        created_by=actor,
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
        item=item,
        action=Action.IMPORT,
        actor=actor,
        note=f"从原目录导入（第 {row['line']} 行；原索引号和发布日期审核通过后保留），送审",
        detail={"line": row["line"], "importing_organisation": organisation.pk},
    )
    return item
