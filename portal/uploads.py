"""Every uploaded file is judged by its content, not by its name (等保; OWASP ASVS 12.2): an executable renamed
.pdf, HTML behind a PNG header or an SVG named .png is refused with a message; images are decoded and written
again (decompression-bomb limit, EXIF and GPS gone); archive-based formats (.docx, .xlsx, .ofd) are refused
when what they unpack to is too large, before anything reads them."""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls, .wps (Compound File Binary)
# What the content of each allowed extension must be (MIME types as filetype names them)
EXPECTED = {
    ".pdf": {"application/pdf"},
    ".docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/zip"},
    ".xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"},
    ".ofd": {"application/zip"},
    ".jpg": {"image/jpeg"},
    ".jpeg": {"image/jpeg"},
    ".png": {"image/png"},
    ".gif": {"image/gif"},
    ".doc": {"ole"},
    ".xls": {"ole"},
    ".wps": {"ole"},
}
NAMES = {".pdf": "PDF", ".docx": "Word", ".xlsx": "Excel", ".ofd": "OFD", ".doc": "Word", ".xls": "Excel",
         ".wps": "WPS", ".jpg": "JPEG 图片", ".jpeg": "JPEG 图片", ".png": "PNG 图片", ".gif": "GIF 图片"}  # fmt: skip
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif"}
ARCHIVE_SUFFIXES = {".docx", ".xlsx", ".ofd"}
MAX_IMAGE_PIXELS = 40_000_000  # 40 megapixels: a scanned A3 page at 600 dpi is about 70 % of it
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # what a .docx/.xlsx may unpack to
MAX_RATIO = 100  # unpacked / packed


def detected(head: bytes) -> str:
    import filetype

    if head.startswith(OLE):
        return "ole"
    kind = filetype.guess(head)
    return kind.mime if kind else ""


def _refuse(name: str, message: str) -> ValidationError:
    return ValidationError(f"“{name}”{message}", code="file_content")


def check_archive(name: str, data: bytes) -> None:
    """Refuse an archive whose members unpack to more than the limit (a zip bomb), or that holds a link, a path
    outside it or an encrypted member (portal.file_hygiene), before reading it."""
    from portal.file_hygiene import check_entries

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_entries(name, archive)
            unpacked = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise _refuse(name, "已损坏，无法打开。") from exc
    if unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_RATIO * max(len(data), 1):
        raise _refuse(name, f"解压后超过{MAX_UNPACKED_BYTES // (1024 * 1024)}MB 或压缩比异常，可能是恶意文件，已拒绝。")


def _reencoded_image(name: str, data: bytes) -> bytes:
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS  # Pillow's own bomb check (warning, then error at twice this)
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise _refuse(name, f"像素过多（{image.width}×{image.height}），请缩小后再上传。")
            image.load()
            clean = image.copy()
            clean.info = {}  # no EXIF, GPS, comments or text chunks carried over
            out = io.BytesIO()
            clean.save(out, format=image.format or "PNG")
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _refuse(name, "像素过多，请缩小后再上传。") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise _refuse(name, "不是可以打开的图片，可能已损坏或被改了扩展名。") from exc
    return out.getvalue()


def clean_upload(upload: Any, *, for_publication: bool = False) -> Any:
    """The upload if its content is what its name says (images written again, PDFs without active content, and
    for publication without document properties, comments or revision history), else a ValidationError."""
    from portal.file_hygiene import clean_docx, clean_pdf

    name = upload.name or "附件"
    suffix = PurePath(name).suffix.lower()
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    expected = EXPECTED.get(suffix)
    if expected is None:
        raise _refuse(name, "的文件类型不支持。")
    found = detected(data[:8192])
    if found not in expected:
        raise _refuse(name, f"的内容不是{NAMES[suffix]}文件（可能被改了扩展名），请上传真实的{NAMES[suffix]}文件。")
    if suffix in ARCHIVE_SUFFIXES:
        check_archive(name, data)
    cleaned = None
    if suffix in IMAGE_SUFFIXES:
        cleaned = _reencoded_image(name, data)
    elif suffix == ".pdf":
        cleaned = clean_pdf(name, data, for_publication=for_publication)
    elif suffix == ".docx" and for_publication:
        cleaned = clean_docx(name, data)
    if cleaned is None:
        return upload
    return SimpleUploadedFile(name, cleaned, content_type=getattr(upload, "content_type", "") or "")
