"""What citizens see: an organisation's 政府信息公开 column, its columns and catalogue lists, items, the guide."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from disclosure import columns, counting, exports, listings, paging, selectors
from disclosure.filters import ItemFilter
from disclosure.models import Attachment, Column, ColumnKind, Guide, Item, ItemStatus, TopicPage
from portal import page_cache
from portal.models import Organisation

PAGE_SIZE = 20


def column_breadcrumbs(organisation: Organisation, *tail: tuple[str, str]) -> list[tuple[str, str]]:
    return [
        ("首页", reverse("portal:home")),
        (
            f"{organisation.short_name}政府信息公开",
            reverse("disclosure:organisation", args=[organisation.slug]),
        ),
        *tail,
    ]


@page_cache.kept
def organisation_column(request: HttpRequest, org: str) -> HttpResponse:
    """An organisation's 政府信息公开 column: the four first-level columns with their latest items."""
    organisation = selectors.organisation_with_column(org)
    sections, _ = selectors.first_level_sections(organisation)
    context = {
        "organisation": organisation,
        "sections": sections,
        "breadcrumbs": column_breadcrumbs(organisation),
    }
    return render(request, "disclosure/organisation_column.html", context)


@page_cache.kept
def first_level(request: HttpRequest, org: str, column: str) -> HttpResponse:
    spec = columns.BY_SLUG.get(column)
    if spec is None:
        raise Http404("栏目不存在")
    if spec is columns.GUIDE:
        return guide(request, selectors.organisation_with_column(org))

    def around() -> Around:
        organisation = selectors.organisation_with_column(org)
        kind = selectors.KIND_OF_SPEC[spec.slug]
        sub_columns = list(selectors.columns_for(organisation, kind)) if kind == ColumnKind.STATUTORY else []
        return Around.of(organisation, spec.name, spec.summary, spec.empty_text, sub_columns, kind=kind,
                         entries=listings.entries(spec.slug, organisation))  # fmt: skip

    def build() -> Listing:
        return listing(request, page_cache.shared("first-level-around", org, column, build=around))

    return item_list(request, page_cache.shared("first-level", org, column, request.GET.urlencode(), build=build))


@page_cache.kept
def column(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    """A column below the first level (a 条例 第二十条 item, a town item of 第二十一条, 工作动态 …)."""

    def around() -> Around:
        organisation = selectors.organisation_with_column(org)
        col = get_object_or_404(selectors.columns_for(organisation), slug=slug)
        description = f"{col.description}（{col.basis}）" if col.basis and col.description else col.description
        siblings = list(selectors.columns_for(organisation, col.kind)) if col.kind == ColumnKind.STATUTORY else []
        return Around.of(organisation, col.name, description, col.explanation, siblings, parent=col)

    def build() -> Listing:
        return listing(request, page_cache.shared("column-around", org, slug, build=around))

    return item_list(request, page_cache.shared("column", org, slug, request.GET.urlencode(), build=build))


def filter_query(request: HttpRequest) -> str:
    """The filter part of the query string (without the paging), to cache the rendered filter form by."""
    return paging.without_paging(request.GET).urlencode()


@dataclass
class Around:
    """What a list shows around its rows, the same whatever its filters and page: kept once per list."""

    organisation: Organisation
    title: str
    description: str
    empty_text: str
    sub_columns: list[Column]
    parent: Column | None = None
    kind: str | None = None
    entries: list[listings.Entry] = field(default_factory=list)
    publishers: list[int] = field(default_factory=list)  # those that publish through the column: its filter
    downloads: list[Any] = field(default_factory=list)

    @classmethod
    def of(cls, organisation: Organisation, *args: Any, **kwargs: Any) -> Around:
        kwargs.update(publishers=selectors.publishers(organisation), downloads=exports.downloads(organisation))
        return cls(organisation, *args, **kwargs)


@dataclass
class Listing:
    """Everything a catalogue list page shows that is the same for every visitor (kept by `page_cache.shared`)."""

    context: dict[str, Any]
    around: Around  # the filter form is built from it only when its cached HTML is missing (never a QuerySet
    # here: it would be read whole to be kept)


def listing(request: HttpRequest, around: Around) -> Listing:
    organisation, parent, kind = around.organisation, around.parent, around.kind
    items = selectors.column_items(organisation, column=parent, kind=kind)
    filterset = ItemFilter(paging.without_paging(request.GET) or None, queryset=items, publishers=around.publishers)
    valid = filterset.is_valid() if filterset.is_bound else True
    listed = filterset.qs if valid else items
    shown = paging.page(selectors.as_rows(listed), PAGE_SIZE, older=request.GET.get("older"),
                        newer=request.GET.get("newer"), oldest=request.GET.get("oldest") == "1")  # fmt: skip
    where = {"column_id": parent.pk} if parent is not None else {"kind": kind}
    trail: list[tuple[str, str]] = []
    if parent is not None and parent.kind == ColumnKind.STATUTORY:
        trail.append(
            (
                columns.STATUTORY.name,
                reverse("disclosure:first-level", args=[organisation.slug, columns.STATUTORY.slug]),
            )
        )
    context = {
        "organisation": organisation,
        "title": around.title,
        "description": around.description,
        "empty_text": around.empty_text,
        "listing": shown,
        "links": paging.links(shown, request.GET),
        "page_size": PAGE_SIZE,
        "total": counting.total(organisation, listed, filterset if valid else None, **where),
        "downloads": around.downloads,
        "sub_columns": around.sub_columns,
        "filtered": filterset.is_bound,
        "filter_ignored": not valid,
        "feed_slug": parent.slug if parent is not None else "",
        "feed_url": feed_url(organisation, parent, kind),
        "filter_key": filter_query(request),
        "breadcrumbs": column_breadcrumbs(organisation, *trail, (around.title, "")),
        "entries": around.entries,
    }
    return Listing(context, around)


def feed_url(organisation: Organisation, parent: Column | None, kind: str | None) -> str:
    """The list's own RSS feed: its column's, or its first-level column's."""
    if parent is not None:
        return reverse("disclosure:column-feed-rss", args=[organisation.slug, parent.slug])
    slug = next(slug for slug, listed in selectors.KIND_OF_SPEC.items() if listed == kind)
    return reverse("disclosure:first-level-feed-rss", args=[organisation.slug, slug])


def item_list(request: HttpRequest, found: Listing) -> HttpResponse:
    def filter_form() -> ItemFilter:  # read only when the filter form's cached HTML is missing
        around = found.around
        items = selectors.column_items(around.organisation, column=around.parent, kind=around.kind)
        filterset = ItemFilter(paging.without_paging(request.GET) or None, queryset=items, publishers=around.publishers)
        if filterset.is_bound:
            filterset.is_valid()
        return filterset

    return render(request, "disclosure/item_list.html", {**found.context, "filter": SimpleLazyObject(filter_form)})


def guide(request: HttpRequest, organisation: Organisation) -> HttpResponse:
    """政府信息公开指南 (条例 第十二条), from the organisation's structured guide fields."""
    from requests_app import rules

    record = Guide.objects.filter(organisation=organisation).first()
    context = {
        "organisation": organisation,
        "guide": record,
        "rules": rules,
        "column": columns.GUIDE,
        "remedy_government": organisation.remedy_government_name(),
        "breadcrumbs": column_breadcrumbs(organisation, (columns.GUIDE.name, "")),
    }
    return render(request, "disclosure/guide.html", context)


@page_cache.kept
def item(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    def build() -> dict[str, Any]:
        organisation = selectors.organisation_with_column(org)
        return item_context(organisation, selectors.public_item(organisation, pk))

    return render(request, "disclosure/item.html", page_cache.shared("item", org, pk, build=build))


def by_index_number(request: HttpRequest, index_number: str) -> HttpResponse:
    """The permanent address of an item: its index number, which never changes."""
    withdrawn = selectors.withdrawn_or_missing(index_number)
    if withdrawn is not None:
        return render(request, "disclosure/withdrawn.html", {"item": withdrawn}, status=410)
    found = selectors.item_by_index_number(index_number)
    organisation = get_object_or_404(Organisation, pk=found.organisation_id)
    return render_item(request, organisation, found)


def render_item(
    request: HttpRequest, organisation: Organisation, found: Item, template: str = "disclosure/item.html"
) -> HttpResponse:
    return render(request, template, item_context(organisation, found))


def item_context(organisation: Organisation, found: Item) -> dict[str, Any]:
    column_url = reverse("disclosure:column", args=[organisation.slug, found.column.slug])
    return {
        "organisation": organisation,
        "item": found,
        "attachments": list(found.attachments.all()),
        "interpretations": list(
            found.interpretations.filter(status=ItemStatus.PUBLISHED).order_by("pk").only("pk", "title")
        ),
        "related": listings.related(found.pk),
        "breadcrumbs": column_breadcrumbs(organisation, (found.column.name, column_url), (found.title, "")),
        "notice_ends": _notice_ends(found),
    }


def _notice_ends(found: Item) -> Any:
    """The last day of a 公示 published for a 公开事项 with a 公示期 (disclosure/standard_catalogue/schedule.py)."""
    from disclosure.standard_catalogue.schedule import notice_end
    from disclosure.standard_catalogue.selectors import rule_of
    from portal.workdays import current_calendar

    if found.matter_id is None or found.publication_date is None or found.matter is None:
        return None
    return notice_end(current_calendar(), rule_of(found.matter), found.publication_date)


def item_print(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisation = selectors.organisation_with_column(org)
    return render_item(request, organisation, selectors.public_item(organisation, pk), "disclosure/item_print.html")


def attachment(request: HttpRequest, pk: int) -> FileResponse:
    """An attachment of a published item; drafts' attachments are never served here."""
    found = get_object_or_404(Attachment.objects.select_related("item"), pk=pk, item__status=ItemStatus.PUBLISHED)
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=found.name)


@page_cache.kept
def topic_page(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    """专题: a curated page of published items."""
    organisation = selectors.organisation_with_column(org)
    page = get_object_or_404(TopicPage, organisation=organisation, slug=slug, is_active=True)
    items = list(
        Item.objects.for_catalogue()
        .filter(topic_page_entries__page=page)
        .defer("body", "body_text")
        .order_by("topic_page_entries__position", "-publication_date")
    )
    context = {
        "organisation": organisation,
        "page": page,
        "items": items,
        "breadcrumbs": column_breadcrumbs(organisation, (page.title, "")),
    }
    return render(request, "disclosure/topic_page.html", context)
