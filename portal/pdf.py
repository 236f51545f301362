"""PDF from HTML (WeasyPrint), for every PDF the portal makes: notices, print layouts, the blank form.

WeasyPrint fetches the images and stylesheets an HTML page names. An item body is typed by staff, so it could
name any address (an internal service, a cloud metadata endpoint): the fetcher serves only the portal's own
static files (from disk) and media files (through the storage API, a bucket or a folder), whatever host the
address names, and refuses everything else."""

from __future__ import annotations

import mimetypes
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage


class RefusedAddress(ValueError):
    pass


def _own_file(url: str) -> tuple[str, bytes] | None:
    """The name and content of the portal's own static or media file at this address, or None."""
    path = unquote(urlparse(url).path)
    if path.startswith(settings.STATIC_URL):
        try:
            found = finders.find(path.removeprefix(settings.STATIC_URL))
        except SuspiciousFileOperation:
            return None
        local = (
            Path(found if isinstance(found, str) else found[0])
            if found
            else _inside(Path(settings.STATIC_ROOT), path.removeprefix(settings.STATIC_URL))
        )
        return (local.name, local.read_bytes()) if local is not None else None
    if path.startswith(settings.MEDIA_URL):
        name = path.removeprefix(settings.MEDIA_URL)
        if not name or any(part in ("", ".", "..") for part in name.split("/")):
            return None
        try:
            if not default_storage.exists(name):
                return None
            with default_storage.open(name, "rb") as handle:
                return PurePosixPath(name).name, handle.read()
        except (SuspiciousFileOperation, OSError):
            return None
    return None


def _inside(root: Path, relative: str) -> Path | None:
    candidate = (root / relative).resolve()
    return candidate if candidate.is_file() and candidate.is_relative_to(root.resolve()) else None


def fetcher() -> Any:
    """A WeasyPrint URL fetcher that serves only the portal's own files (and data: URIs)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class PortalFiles(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            own = _own_file(url)
            if own is None:
                raise RefusedAddress(f"PDF 只引用本平台的静态文件和上传文件，已拒绝：{url}")
            name, content = own
            mime, _ = mimetypes.guess_type(name)
            return URLFetcherResponse(url, content, {"Content-Type": mime or "application/octet-stream"})

    return PortalFiles()


def render_pdf(html: str, *, base_url: str | None = None, stylesheets: list[str] | None = None) -> bytes:
    """The PDF of an HTML page; stylesheets are the paths of the portal's own CSS files."""
    import weasyprint

    styles = [weasyprint.CSS(string=Path(path).read_text(encoding="utf-8")) for path in stylesheets or []]
    document = weasyprint.HTML(string=html, base_url=base_url or "http://portal.invalid/", url_fetcher=fetcher())
    return document.write_pdf(stylesheets=styles)
