"""The sitemap (sitemaps.org protocol) without reading the catalogue per request: the index lists the pages of
items by id range with the time one of their items last changed (one small query), and a page's XML is kept in
the cache under that time, so it is built again only after an item in it changes. The index itself is kept
under the count of public changes (`page_cache.shared`), which every publication bumps."""

from __future__ import annotations

from datetime import datetime
from xml.sax.saxutils import escape  # escaping our own output; no XML is parsed

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse

from disclosure.models import Item, ItemStatus, SitemapPage
from portal import page_cache
from portal.models import Organisation

XML = "application/xml; charset=utf-8"
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
PAGE_SECONDS = 7 * 24 * 3600  # a kept page is dropped after a week even if nothing changed


def _w3c(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def index(request: HttpRequest) -> HttpResponse:
    return HttpResponse(page_cache.shared("sitemap-index", build=_index), content_type=XML)


def _index() -> str:
    base = settings.SITE_URL
    page = escape(base + reverse("sitemap-items", args=[987654321])).replace("987654321", "{}")
    entries = [f"<sitemap><loc>{escape(base + reverse('sitemap-columns'))}</loc></sitemap>"]
    for number, changed_at in SitemapPage.objects.order_by("number").values_list("number", "changed_at"):
        entries.append(f"<sitemap><loc>{page.format(number)}</loc><lastmod>{_w3c(changed_at)}</lastmod></sitemap>")
    return f"{HEAD}<sitemapindex {NS}>\n" + "\n".join(entries) + "\n</sitemapindex>\n"


def columns(request: HttpRequest) -> HttpResponse:
    base = settings.SITE_URL
    urls = [
        f"<url><loc>{escape(base + reverse('disclosure:organisation', args=[slug]))}</loc>"
        "<changefreq>weekly</changefreq></url>"
        for slug in Organisation.objects.with_column().values_list("slug", flat=True)
    ]
    return HttpResponse(f"{HEAD}<urlset {NS}>\n" + "\n".join(urls) + "\n</urlset>\n", content_type=XML)


def items(request: HttpRequest, number: int) -> HttpResponse:
    page = SitemapPage.objects.filter(number=number).first()
    if page is None:
        raise Http404("站点地图分页不存在")
    key = f"sitemap-items:{number}:{page.version}:{page.changed_at.timestamp()}"
    body = cache.get(key)
    if body is None:
        body = _build(number)
        cache.set(key, body, PAGE_SECONDS)
    return HttpResponse(body, content_type=XML)


def _build(number: int) -> str:
    base = settings.SITE_URL
    address = base + reverse("disclosure:item", args=["SLUG", 987654321])
    address = escape(address).replace("SLUG", "{}").replace("987654321", "{}")
    first = number * SitemapPage.SIZE
    # the range of ids alone: filtered by status too, SQLite would read the status index over the whole catalogue
    rows = (
        Item.objects.filter(pk__range=(first, first + SitemapPage.SIZE - 1))
        .order_by("pk")
        .values_list("pk", "status", "channel__slug", "updated_at")  # the column that shows the item
    )
    urls = [
        f"<url><loc>{address.format(slug, pk)}</loc><lastmod>{_w3c(updated)}</lastmod></url>"
        for pk, status, slug, updated in rows.iterator(chunk_size=2000)
        if status == ItemStatus.PUBLISHED
    ]
    return f"{HEAD}<urlset {NS}>\n" + "\n".join(urls) + "\n</urlset>\n"
