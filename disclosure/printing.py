"""Print layouts for the offline channels of the seed (公开栏 poster, leaflet, booklet) as PDF.

WeasyPrint lays out HTML and embeds the (subset) Chinese fonts, so the PDF prints the same everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.template.loader import render_to_string
from django.utils import timezone

from portal.models import Organisation

from .models import Item

LAYOUTS = {
    "poster": ("政府信息公开栏张贴版（A3）", "disclosure/print/poster.html"),
    "leaflet": ("宣传单（A4 双栏）", "disclosure/print/leaflet.html"),
    "booklet": ("小册子（A5，含目录）", "disclosure/print/booklet.html"),
}


def render_pdf(layout: str, organisation: Organisation, items: Sequence[Item], base_url: str) -> bytes:
    from portal.pdf import render_pdf as html_to_pdf

    _, template = LAYOUTS[layout]
    html = render_to_string(
        template, {"organisation": organisation, "items": items, "today": timezone.localdate(), "layout": layout}
    )
    return html_to_pdf(html, base_url=base_url)
