"""Text out of attachments (PDF, DOCX, XLSX) for search and for the review's personal-data check,
and the body of an official .docx as sanitised HTML."""

from __future__ import annotations

import html as html_module
import io
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
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


# Tags that end a line of text, and tags that end a table cell: their boundaries separate values, so a name
# list pasted from Word (<td>赵某</td><td>身份证号</td><td>手机</td>) does not become one run of digits.
LINE_TAGS = {"p", "br", "hr", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "div", "blockquote", "caption",
             "table", "thead", "tbody", "ul", "ol"}  # fmt: skip
CELL_TAGS = {"td", "th"}
TOKEN = re.compile(r"<[^>]*>|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);|[^<&]+|[<&]")
TAG_NAME = re.compile(r"</?\s*([A-Za-z][A-Za-z0-9]*)")


@dataclass(frozen=True)
class FlatText:
    """The text of HTML with, for each character, the span of the HTML it came from ((n, n) for separators)."""

    text: str
    spans: list[tuple[int, int]]


def flatten_html(html: str) -> FlatText:
    chars: list[str] = []
    spans: list[tuple[int, int]] = []
    for token in TOKEN.finditer(html):
        value, start = token.group(0), token.start()
        if value.startswith("<") and len(value) > 1:
            name = TAG_NAME.match(value)
            tag = name.group(1).lower() if name else ""
            separator = "\n" if tag in LINE_TAGS else "\t" if tag in CELL_TAGS and value.startswith("</") else ""
            if separator:
                chars.append(separator)
                spans.append((start, start))
        elif value.startswith("&") and len(value) > 1:
            decoded = html_module.unescape(value)
            chars.extend(decoded)
            spans.extend([(start, token.end())] * len(decoded))
        else:
            chars.extend(value)
            spans.extend((start + i, start + i + 1) for i in range(len(value)))
    return FlatText("".join(chars), spans)


HTML_TAG = re.compile(
    r"</?(?:p|br|div|span|table|thead|tbody|tr|td|th|caption|strong|b|em|i|u|sub|sup|h[1-6]|ul|ol|li|a|img|"
    r"blockquote|hr|font|section|article)\b[^<>]*>",
    re.IGNORECASE,
)


def looks_like_html(value: str) -> bool:
    """Real markup, not a text that only holds < or > (《…‹防洪法>…》, 温度<5℃)."""
    return bool(HTML_TAG.search(value))


def text_to_html(value: str) -> str:
    """Plain lines as paragraphs, every character kept as text."""
    return "".join(f"<p>{html_module.escape(line.strip())}</p>" for line in value.splitlines() if line.strip())


def html_to_text(html: str) -> str:
    """Plain text of HTML, each paragraph, line and table row on its own line, table cells apart by tabs."""
    lines = (line.strip() for line in flatten_html(sanitise_html(html)).text.splitlines())
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


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# every part a reader of the file could see text in, comments included
DOCX_TEXT_PARTS = re.compile(r"^/word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$")
DOCX_TEXT = (f"{W}t", f"{W}delText")  # deleted text of a tracked change is text too: it is in the file
DOCX_SEPARATORS = {f"{W}tab": "\t", f"{W}br": "\n", f"{W}cr": "\n"}


def docx_paragraphs(document: Any) -> Iterator[list[tuple[Any, str]]]:
    """Each paragraph of the body, tables, text boxes, headers and footers, footnotes, comments and tracked
    deletions, as (w:t or w:delText element or None, text) pieces in reading order; tabs and line breaks are
    pieces without an element."""
    for part in document.part.package.iter_parts():
        if not DOCX_TEXT_PARTS.match(str(part.partname)) or not hasattr(part, "element"):
            continue
        for paragraph in part.element.iter(f"{W}p"):
            pieces = []
            for node in paragraph.iter(*DOCX_TEXT, *DOCX_SEPARATORS):
                owner = node.getparent()
                while owner is not None and owner.tag != f"{W}p":
                    owner = owner.getparent()
                if owner is not paragraph:
                    continue  # a paragraph nested in this one (a text box) has its own turn
                pieces.append((node, node.text or "") if node.tag in DOCX_TEXT else (None, DOCX_SEPARATORS[node.tag]))
            yield pieces


def _docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    lines = ("".join(text for _, text in pieces) for pieces in docx_paragraphs(document))
    return "\n".join(line for line in lines if line.strip())


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


class UnreadableFile(ValueError):
    """A file that claims a format it does not hold (damaged, or renamed)."""


def docx_to_html(stream: Any) -> str:
    """The body of an official .docx as sanitised HTML (mammoth keeps headings, lists and tables)."""
    import zipfile

    import mammoth

    try:
        result = mammoth.convert_to_html(stream)
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableFile(
            "无法读取该 Word 文件：文件已损坏，或不是 .docx 格式（旧版 .doc 请先另存为 .docx）。"
        ) from exc
    return sanitise_html(result.value)
