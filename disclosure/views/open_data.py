"""The catalogue for machines: RSS/Atom feeds, sitemap, a read-only JSON API and CSV/XLSX export,
so that the county's intensive platform can take in a town's column."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_GET

from disclosure import selectors
from disclosure.filters import ItemFilter
from disclosure.models import Item
from portal.models import Organisation
from portal.tabular import safe_row

FEED_SIZE = 30
API_PAGE_SIZE = 50
FIELDS = [
    ("index_number", "索引号"), ("title", "名称"), ("summary", "内容概述"), ("written_date", "生成日期"),
    ("organisation", "发布机构"), ("document_number", "文号"), ("publication_date", "发布日期"),
    ("column", "栏目"), ("topic", "主题分类"), ("genre", "体裁"), ("validity", "有效性"), ("url", "网址"),
]  # fmt: skip


def row(item: Item, request: HttpRequest | None = None) -> dict[str, Any]:
    url = item.get_absolute_url()
    return {
        "index_number": item.index_number,
        "title": item.title,
        "summary": item.summary,
        "written_date": item.written_date.isoformat(),
        "organisation": item.organisation.name,
        "document_number": item.document_number,
        "publication_date": item.publication_date.isoformat() if item.publication_date else "",
        "column": item.column.name,
        "topic": str(item.topic) if item.topic_id else "",
        "genre": item.get_genre_display(),
        "validity": item.get_validity_display() if item.validity else "",
        "url": request.build_absolute_uri(url) if request else url,
    }


def filtered_items(request: HttpRequest, organisation: Organisation) -> tuple[ItemFilter, QuerySet[Item]]:
    publishers = selectors.publishers(organisation)
    items = selectors.column_items(organisation)
    column_slug = request.GET.get("column")
    if column_slug:
        items = items.filter(column__slug=column_slug)
    filterset = ItemFilter(request.GET or None, queryset=items, publishers=publishers)
    return filterset, filterset.qs if (not filterset.is_bound or filterset.is_valid()) else items.none()


@require_GET
def api_items(request: HttpRequest, org: str) -> JsonResponse:
    """GET /api/<org>/items/?column=&topic=&genre=&year=&validity=&publisher=&page= — newest first."""
    organisation = selectors.organisation_with_column(org)
    filterset, items = filtered_items(request, organisation)
    if filterset.is_bound and not filterset.is_valid():
        return JsonResponse({"errors": filterset.errors}, status=400, json_dumps_params={"ensure_ascii": False})
    page = Paginator(items, API_PAGE_SIZE).get_page(request.GET.get("page"))
    base = request.build_absolute_uri(reverse("api-items", args=[org]))
    query = request.GET.copy()

    def link(number: int) -> str:
        query["page"] = str(number)
        return f"{base}?{query.urlencode()}"

    body = {
        "organisation": organisation.name,
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "next": link(page.next_page_number()) if page.has_next() else None,
        "previous": link(page.previous_page_number()) if page.has_previous() else None,
        "results": [row(item, request) for item in page],
    }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


def _csv_lines(items: QuerySet[Item], request: HttpRequest) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")  # Excel opens UTF-8 CSV correctly with a BOM
    writer.writerow([label for _, label in FIELDS])
    for item in items.iterator(chunk_size=2000):
        data = row(item, request)
        writer.writerow(safe_row([data[name] for name, _ in FIELDS]))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)
    yield buffer.getvalue()


@require_GET
def export_csv(request: HttpRequest, org: str) -> StreamingHttpResponse:
    organisation = selectors.organisation_with_column(org)
    _, items = filtered_items(request, organisation)
    response = StreamingHttpResponse(_csv_lines(items, request), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{organisation.slug}-catalogue.csv"'
    return response


@require_GET
def export_xlsx(request: HttpRequest, org: str) -> HttpResponse:
    import openpyxl

    organisation = selectors.organisation_with_column(org)
    _, items = filtered_items(request, organisation)
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("政府信息公开目录")
    sheet.append([label for _, label in FIELDS])
    for item in items.iterator(chunk_size=2000):
        data = row(item, request)
        sheet.append(safe_row([data[name] for name, _ in FIELDS]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{organisation.slug}-catalogue.xlsx"'
    return response


class ItemFeed(Feed):
    """RSS 2.0 of an organisation's column (or one sub-column), newest first."""

    def get_object(self, request: HttpRequest, org: str, slug: str | None = None) -> tuple[Organisation, Any]:
        organisation = selectors.organisation_with_column(org)
        column = get_object_or_404(selectors.columns_for(organisation), slug=slug) if slug else None
        return organisation, column

    def title(self, obj: tuple[Organisation, Any]) -> str:
        organisation, column = obj
        return f"{organisation.name} · {column.name if column else '政府信息公开'}"

    def link(self, obj: tuple[Organisation, Any]) -> str:
        organisation, column = obj
        if column:
            return reverse("disclosure:column", args=[organisation.slug, column.slug])
        return reverse("disclosure:organisation", args=[organisation.slug])

    def description(self, obj: tuple[Organisation, Any]) -> str:
        return f"{obj[0].name}主动公开的政府信息"

    def items(self, obj: tuple[Organisation, Any]) -> list[Item]:
        organisation, column = obj
        return list(selectors.column_items(organisation, column=column)[:FEED_SIZE])

    def item_title(self, item: Item) -> str:
        return item.title

    def item_description(self, item: Item) -> str:
        return item.summary

    def item_pubdate(self, item: Item) -> Any:
        return item.published_at

    def item_guid(self, item: Item) -> str:
        return item.index_number or str(item.pk)

    item_guid_is_permalink = False


class AtomItemFeed(ItemFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj: tuple[Organisation, Any]) -> str:
        return self.description(obj)


class ItemSitemap(Sitemap):
    changefreq = "monthly"
    limit = 20000

    def items(self) -> QuerySet[Item]:
        return (
            Item.objects.published()
            .select_related("organisation")
            .only("pk", "updated_at", "organisation__slug")
            .order_by("pk")
        )

    def lastmod(self, item: Item) -> Any:
        return item.updated_at


class ColumnSitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> list[str]:
        return list(Organisation.objects.with_column().values_list("slug", flat=True))

    def location(self, slug: str) -> str:
        return reverse("disclosure:organisation", args=[slug])


SITEMAPS = {"columns": ColumnSitemap, "items": ItemSitemap}
