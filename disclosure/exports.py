"""The whole catalogue of an organisation as CSV and Excel files, built by a background task (`build_exports`)
one at a time across every node, written locally and then stored under a new name in the `exports` storage (a
folder, or the object store every node shares); the record then names it, so the public link always serves the
last complete file from any node, whatever its size; no request builds one. A change to what is public asks for
a rebuild (`tasks.request_build`), and changes during a build ask for one more, never for one per publication."""

from __future__ import annotations

import csv
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File
from django.utils import timezone

from portal.locks import exclusive
from portal.models import Organisation
from portal.storage import exports as export_storage
from portal.storage import walk
from portal.tabular import safe_row

from .models import CatalogueExport

# the columns of the files, and the fields of the JSON API's results (the open-data page lists them)
FIELDS = [
    ("index_number", "索引号"), ("title", "名称"), ("summary", "内容概述"), ("written_date", "生成日期"),
    ("organisation", "发布机构"), ("document_number", "文号"), ("publication_date", "发布日期"),
    ("column", "栏目"), ("topic", "主题分类"), ("genre", "体裁"), ("validity", "有效性"), ("url", "网址"),
]  # fmt: skip
HEADINGS = [label for _, label in FIELDS]
CHUNK = 5000


def rows(organisation: Organisation) -> Iterator[list[Any]]:
    """The catalogue's rows as text, from plain values in chunks (no model instances: a million rows in seconds)."""
    from django.urls import reverse

    from .models import Genre, Validity
    from .selectors import column_items

    genres, validities = dict(Genre.choices), dict(Validity.choices)
    items = column_items(organisation).order_by("-publication_date", "-id")
    values = items.values_list(
        "pk", "index_number", "title", "summary", "written_date", "organisation__name",
        "document_number", "publication_date", "column__name", "topic__name", "genre", "validity",
    )  # fmt: skip
    address = settings.SITE_URL + reverse("disclosure:item", args=["SLUG", 987654321])
    address = address.replace("SLUG", organisation.slug).replace("987654321", "{}")  # every row is in its column
    for (
        pk,
        index,
        title,
        summary,
        written,
        publisher,
        number,
        published,
        column,
        topic,
        genre,
        validity,
    ) in values.iterator(chunk_size=CHUNK):
        url = address.format(pk)
        yield safe_row([
            index or "", title, summary, written.isoformat(), publisher, number,
            published.isoformat() if published else "", column, topic or "", genres.get(genre, genre),
            validities.get(validity, ""), url,
        ])  # fmt: skip


def _write_csv(organisation: Organisation, path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("\ufeff")  # Excel opens UTF-8 CSV correctly with a BOM
        writer = csv.writer(out)
        writer.writerow(HEADINGS)
        for row in rows(organisation):
            writer.writerow(row)
            count += 1
    return count


def _write_xlsx(organisation: Organisation, path: Path) -> int:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)  # rows go to a temporary file, not memory
    sheet = workbook.create_sheet("政府信息公开目录")
    sheet.append(HEADINGS)
    count = 0
    for row in rows(organisation):
        sheet.append(row)
        count += 1
    workbook.save(path)
    return count


WRITERS = {CatalogueExport.Format.CSV: _write_csv, CatalogueExport.Format.XLSX: _write_xlsx}


def file_name(organisation: Organisation, fmt: str) -> str:
    return f"{organisation.slug}-catalogue.{fmt}"


def build(organisation: Organisation, fmt: str) -> CatalogueExport:
    """Write the file in a local scratch folder, store it under a new name and point the record at it; the file
    before stays for a download already under way, older ones are deleted."""
    with exclusive(f"catalogue-export:{organisation.pk}:{fmt}"):
        record, _ = CatalogueExport.objects.get_or_create(organisation=organisation, format=fmt)
        CatalogueExport.objects.filter(pk=record.pk).update(queued=False)  # changes from now on ask for another
        started = time.perf_counter()
        storage = export_storage()
        with tempfile.TemporaryDirectory(prefix="catalogue-") as scratch:
            local = Path(scratch) / file_name(organisation, fmt)
            count = WRITERS[CatalogueExport.Format(fmt)](organisation, local)
            size = local.stat().st_size
            with local.open("rb") as handle:
                stamp = f"{timezone.now():%Y%m%d-%H%M%S}"
                name = storage.save(f"{organisation.slug}/{stamp}/{file_name(organisation, fmt)}", File(handle))
        previous = record.file_name
        CatalogueExport.objects.filter(pk=record.pk).update(
            file_name=name, size=size, rows=count, built_at=timezone.now(), build_seconds=time.perf_counter() - started
        )
        earlier = [*walk(storage, organisation.slug), file_name(organisation, fmt)]  # and the layout before 2026-12
        for old in earlier:
            if old not in (name, previous) and old.endswith(f".{fmt}") and storage.exists(old):
                storage.delete(old)
        record.refresh_from_db()
        return record


def open_file(record: CatalogueExport) -> File | None:
    """The stored file of a record, or None when it is missing (never built, or lost from the storage)."""
    storage = export_storage()
    if not record.file_name or not storage.exists(record.file_name):
        return None
    return File(storage.open(record.file_name, "rb"))


def latest_of(organisation_ids: list[int]) -> dict[int, dict[str, CatalogueExport]]:
    """The built files of these organisations by organisation and format (one query)."""
    found: dict[int, dict[str, CatalogueExport]] = {}
    for record in CatalogueExport.objects.filter(organisation_id__in=organisation_ids).exclude(file_name=""):
        found.setdefault(record.organisation_id, {})[record.format] = record
    return found


def latest(organisation: Organisation) -> dict[str, CatalogueExport]:
    return latest_of([organisation.pk]).get(organisation.pk, {})


def downloads(
    organisation: Organisation, built: dict[str, CatalogueExport] | None = None
) -> list[tuple[str, str, CatalogueExport | None]]:
    """The download links of a catalogue list: address, format and the last built file (its size and time)."""
    from django.urls import reverse

    built = latest(organisation) if built is None else built
    return [
        (reverse(f"disclosure:export-{fmt}", args=[organisation.slug]), label, built.get(fmt))
        for fmt, label in CatalogueExport.Format.choices
    ]
