"""The catalogue for machines: RSS/Atom feeds, sitemap, a read-only JSON API and CSV/XLSX export,
so that the county's intensive platform can take in a town's column."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import http_date
from django.views.decorators.http import require_GET

from disclosure import columns, counting, exports, paging, selectors
from disclosure.filters import ItemFilter
from disclosure.models import Item
from portal import page_cache
from portal.models import Organisation

FEED_SIZE = 30
API_PAGE_SIZE = 50


# What an API row carries (`row`), read along one join per related table: nothing else of an item is read
ROW_FIELDS = ("id", "index_number", "title", "summary", "written_date", "document_number", "publication_date",
              "genre", "validity", "organisation__name", "channel__slug", "column__name", "topic__name",
              "topic__parent__name")  # fmt: skip


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


def filtered_items(request: HttpRequest, organisation: Organisation) -> tuple[ItemFilter, QuerySet[Item], int | None]:
    """The filter set, the items it selects and the column they are limited to (`column=<slug>`), if any."""
    publishers = selectors.publishers(organisation)
    items = selectors.column_items(organisation)
    column_id = None
    column_slug = request.GET.get("column")
    if column_slug:
        column = selectors.columns_for(organisation).filter(slug=column_slug).first()
        column_id = column.pk if column is not None else 0
        items = items.filter(column_id=column_id)
    filterset = ItemFilter(paging.without_paging(request.GET) or None, queryset=items, publishers=publishers)
    valid = not filterset.is_bound or filterset.is_valid()
    return filterset, filterset.qs if valid else items.none(), column_id


@require_GET
@page_cache.kept
def api_items(request: HttpRequest, org: str) -> JsonResponse:
    """GET /api/<org>/items/?column=&topic=&genre=&year=&validity=&publisher=&cursor= — newest first, 50 at a
    time; `next` carries the cursor of the following page (the last item's publication date and id)."""
    body, status = page_cache.shared("api", request.scheme, request.get_host(), request.get_full_path(),
                                     build=lambda: api_body(request, org))  # fmt: skip
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def api_body(request: HttpRequest, org: str) -> tuple[dict[str, Any], int]:
    organisation = selectors.organisation_with_column(org)
    filterset, items, column_id = filtered_items(request, organisation)
    if filterset.is_bound and not filterset.is_valid():
        return {"errors": {name: [str(message) for message in found] for name, found in filterset.errors.items()}}, 400
    rows = items.select_related(None).select_related("organisation", "channel", "column", "topic__parent")
    shown = paging.page(rows.only(*ROW_FIELDS), API_PAGE_SIZE, older=request.GET.get("cursor"),
                        newer=request.GET.get("before"))  # fmt: skip
    total = counting.total(organisation, items, filterset, column_id=column_id)
    base = request.build_absolute_uri(reverse("api-items", args=[org]))
    query = paging.without_paging(request.GET)
    query.pop("cursor", None)
    query.pop("before", None)

    def link(**cursor: str) -> str:
        wanted = query.copy()
        wanted.update(cursor)
        return f"{base}?{wanted.urlencode()}"

    body = {
        "organisation": organisation.name,
        "count": total.count,
        "count_is_lower_bound": total.more,  # more than `count` items match (filters beyond year and publisher)
        "next": link(cursor=str(shown.older)) if shown.older is not None else None,
        "previous": link(before=str(shown.newer)) if shown.newer is not None else None,
        "results": [row(item, request) for item in shown.items],
    }
    return body, 200


def _export(request: HttpRequest, org: str, fmt: str) -> HttpResponseBase:
    """The last complete file of the whole catalogue (built in the background, stored where every node reads it),
    or 503 while the first is built; a request never asks for a build."""
    organisation = selectors.organisation_with_column(org)
    record = exports.latest(organisation).get(fmt)
    stored = exports.open_file(record) if record is not None else None
    if record is None or stored is None:
        response = render(request, "disclosure/export_pending.html", {"organisation": organisation}, status=503)
        response["Retry-After"] = "300"
        return response
    served = FileResponse(stored, as_attachment=True, filename=exports.file_name(organisation, fmt))
    served["Last-Modified"] = http_date(record.built_at.timestamp()) if record.built_at else ""
    return served


@require_GET
def export_csv(request: HttpRequest, org: str) -> HttpResponseBase:
    return _export(request, org, "csv")


@require_GET
def export_xlsx(request: HttpRequest, org: str) -> HttpResponseBase:
    return _export(request, org, "xlsx")


@dataclass(frozen=True)
class Fed:
    """What a feed follows (an organisation's whole column, one column, or one first-level column's items), with
    its newest items: the same for every reader, so kept under the count of public changes."""

    organisation: Organisation
    name: str
    link: str
    entries: list[Item]


class ItemFeed(Feed):
    """RSS 2.0 of an organisation's column, one of its columns or one first-level column, newest first."""

    def get_object(self, request: HttpRequest, org: str, slug: str | None = None, column: str | None = None) -> Fed:
        return page_cache.shared("feed", org, slug, column, build=lambda: self.followed(org, slug, column))

    @staticmethod
    def followed(org: str, slug: str | None, column: str | None) -> Fed:
        organisation = selectors.organisation_with_column(org)
        if slug:
            found = get_object_or_404(selectors.columns_for(organisation), slug=slug)
            entries = selectors.column_items(organisation, column=found)[:FEED_SIZE]
            return Fed(organisation, found.name, reverse("disclosure:column", args=[org, slug]), list(entries))
        if column:
            kind = selectors.KIND_OF_SPEC.get(column)
            if kind is None:
                raise Http404("栏目不存在")
            entries = selectors.column_items(organisation, kind=kind)[:FEED_SIZE]
            link = reverse("disclosure:first-level", args=[org, column])
            return Fed(organisation, columns.BY_SLUG[column].name, link, list(entries))
        entries = selectors.column_items(organisation)[:FEED_SIZE]
        return Fed(organisation, "政府信息公开", reverse("disclosure:organisation", args=[org]), list(entries))

    def title(self, obj: Fed) -> str:
        return f"{obj.organisation.name} · {obj.name}"

    def link(self, obj: Fed) -> str:
        return obj.link

    def description(self, obj: Fed) -> str:
        return f"{obj.organisation.name}主动公开的政府信息"

    def items(self, obj: Fed) -> list[Item]:
        return obj.entries

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

    def subtitle(self, obj: Fed) -> str:
        return self.description(obj)
