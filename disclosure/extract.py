"""Text out of attachments (PDF, DOCX, XLSX) for search and for the review's personal-data check,
and the body of an official .docx as sanitised HTML."""

from __future__ import annotations

import io
import logging
from pathlib import PurePath
from typing import Any

import nh3

log = logging.getLogger(__name__)

ALLOWED_EXTENSIONS = {
    ".pdf",
    ".docx",
    ".xlsx",
    ".jpg",
    ".jpeg",
    ".png",
    ".gif",
    ".doc",
    ".xls",
    ".wps",
    ".ofd",
}
TEXT_LIMIT = 2_000_000  # characters kept from one attachment

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "h5", "strong", "b", "em", "i", "u", "sub", "sup", "ul", "ol", "li",
    "table", "thead", "tbody", "tr", "th", "td", "caption", "a", "img", "blockquote", "hr", "span", "div",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}


def sanitise_html(html: str) -> str:
    """Only structural tags survive: no scripts, styles, event handlers or foreign frames."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def html_to_text(html: str) -> str:
    """Plain text of sanitised HTML, paragraphs on their own lines."""
    spaced = html
    for tag in ("</p>", "<br>", "<br/>", "</li>", "</tr>", "</h2>", "</h3>", "</h4>", "</div>"):
        spaced = spaced.replace(tag, tag + "\n")
    text = nh3.clean(spaced, tags=set())
    import html as html_module

    lines = (line.strip() for line in html_module.unescape(text).splitlines())
    return "\n".join(line for line in lines if line)


def extract_text(name: str, stream: Any) -> str:
    """The text of a PDF, DOCX or XLSX file; empty for images and formats we can't read."""
    suffix = PurePath(name).suffix.lower()
    data = stream.read()
    try:
        if suffix == ".pdf":
            return _pdf_text(data)[:TEXT_LIMIT]
        if suffix == ".docx":
            return _docx_text(data)[:TEXT_LIMIT]
        if suffix == ".xlsx":
            return _xlsx_text(data)[:TEXT_LIMIT]
    except Exception:  # a damaged file must not block saving the item; the reviewer sees no text for it
        log.warning("could not extract text from %s", name, exc_info=True)
    return ""


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(p for p in parts if p.strip())


def _xlsx_text(data: bytes) -> str:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    lines = []
    for sheet in workbook.worksheets:
        lines.append(sheet.title)
        for row in sheet.iter_rows(values_only=True):
            cells = [str(v) for v in row if v is not None]
            if cells:
                lines.append("\t".join(cells))
    workbook.close()
    return "\n".join(lines)


def docx_to_html(stream: Any) -> str:
    """The body of an official .docx as sanitised HTML (mammoth keeps headings, lists and tables)."""
    import mammoth

    result = mammoth.convert_to_html(stream)
    return sanitise_html(result.value)
