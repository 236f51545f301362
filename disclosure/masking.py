"""Masking personal data where it is stored: in the body's HTML (a value may be split by <strong> or &nbsp;),
and inside DOCX and XLSX attachments, which are rewritten in place. PDFs and images cannot be masked here:
the reviewer asks the editor for a redacted replacement (regulation.md §3).

Each function masks the hits of the scanner whose (kind, text) is wanted, and leaves every other hit alone
(a passage two reviewers decided to keep stays as it is)."""

from __future__ import annotations

import html as html_module
import io
from collections.abc import Collection
from pathlib import PurePath

from review.scanner import PERSONAL_KINDS, Hit, Text, mask, scan

from .extract import docx_paragraphs, flatten_html

Wanted = Collection[tuple[str, str]]  # (hit kind, hit text)
MASKABLE_SUFFIXES = {".docx", ".xlsx"}


def _chosen(value: str, wanted: Wanted) -> list[Hit]:
    return [h for h in scan([Text("", value)]) if h.kind in PERSONAL_KINDS and (str(h.kind), h.text) in wanted]


def can_mask_file(name: str | None) -> bool:
    return PurePath(name or "").suffix.lower() in MASKABLE_SUFFIXES


def mask_text(value: str, wanted: Wanted) -> str:
    return mask(value, _chosen(value, wanted)) if wanted else value


def mask_html(html: str, wanted: Wanted) -> str:
    """The HTML with each wanted hit of its text replaced by the masked form, the markup around it kept."""
    if not wanted:
        return html
    flat = flatten_html(html)
    edits: dict[tuple[int, int], str] = {}
    for hit in _chosen(flat.text, wanted):
        sources = [span for span in dict.fromkeys(flat.spans[hit.start : hit.end]) if span[0] != span[1]]
        for n, span in enumerate(sources):
            edits[span] = html_module.escape(hit.masked) if n == 0 else ""
    for (start, end), replacement in sorted(edits.items(), reverse=True):
        html = html[:start] + replacement + html[end:]
    return html


def mask_docx(data: bytes, wanted: Wanted) -> bytes:
    """The document with the wanted hits masked in every paragraph, table cell, header and footer."""
    import docx

    document = docx.Document(io.BytesIO(data))
    for pieces in docx_paragraphs(document):
        owners = [(n, offset) for n, (_, text) in enumerate(pieces) for offset in range(len(text))]
        slots = {n: list(text) for n, (node, text) in enumerate(pieces) if node is not None}
        for hit in _chosen("".join(text for _, text in pieces), wanted):
            positions = [(n, offset) for n, offset in owners[hit.start : hit.end] if n in slots]
            for i, (n, offset) in enumerate(positions):
                slots[n][offset] = hit.masked if i == 0 else ""
        for n, chars in slots.items():
            node, text = pieces[n]
            if "".join(chars) != text:
                node.text = "".join(chars)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def mask_xlsx(data: bytes, wanted: Wanted) -> bytes:
    """The workbook with the wanted hits masked in every text or number cell (formulas are left alone)."""
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, bool) or not isinstance(value, (str, int)):
                    continue
                text = str(value)
                if text.startswith("="):
                    continue
                masked = mask_text(text, wanted)
                if masked != text:
                    cell.value = masked
    out = io.BytesIO()
    workbook.save(out)
    workbook.close()
    return out.getvalue()


def mask_file(name: str, data: bytes, wanted: Wanted) -> bytes:
    return mask_docx(data, wanted) if PurePath(name).suffix.lower() == ".docx" else mask_xlsx(data, wanted)
