"""Reads of the published catalogue, each with a fixed number of queries whatever the catalogue's size."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.db.models.functions import Upper
from django.shortcuts import get_object_or_404

from portal.models import Organisation, OrganisationKind

from . import columns, listings
from .listings import Entry
from .models import Column, ColumnKind, Item, ItemStatus
from .models.catalogue import ColumnScope


def organisation_with_column(slug: str) -> Organisation:
    """An active organisation that runs its own 政府信息公开 column, or 404."""
    return get_object_or_404(Organisation.objects.with_column().select_related("parent"), slug=slug)


def publishers(organisation: Organisation) -> list[int]:
    """The organisation and the offices under it that publish through its column (they have none of their own)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Organisation.objects.filter(runs_own_column=False).values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    ids, frontier = [organisation.pk], [organisation.pk]
    while frontier:
        frontier = [child for pk in frontier for child in children.get(pk, [])]
        ids += frontier
    return ids


def channel_of(organisation: Organisation) -> Organisation:
    """The organisation whose column shows this organisation's items: itself, or the nearest ancestor with one."""
    node: Organisation | None = organisation
    while node is not None:
        if node.runs_own_column:
            return node
        node = node.parent
    return organisation


def columns_for(organisation: Organisation, kind: str | None = None) -> QuerySet[Column]:
    columns = Column.objects.filter(is_active=True)
    if organisation.kind != OrganisationKind.TOWN_GOVERNMENT:
        columns = columns.exclude(scope=ColumnScope.TOWNS)
    return columns.filter(kind=kind) if kind else columns


def column_items(
    organisation: Organisation,
    *,
    kind: str | None = None,
    column: Column | None = None,
) -> QuerySet[Item]:
    """Published items of the organisation's column, newest first, without their (long) bodies."""
    items = Item.objects.for_catalogue().filter(channel=organisation).defer("body", "body_text")
    if column is not None:
        return items.filter(column=column)
    if kind is not None:
        return items.filter(column_kind=kind)
    return items


# What a catalogue row shows (templates/disclosure/_item_table.html): the rest of an item is not read for a list
ROW_FIELDS = ("id", "index_number", "title", "validity", "document_number", "publication_date",
              "organisation__short_name", "channel__slug")  # fmt: skip


def as_rows(items: QuerySet[Item]) -> QuerySet[Item]:
    return items.select_related(None).select_related("organisation", "channel").only(*ROW_FIELDS)


def latest_by_kind(organisation: Organisation, kinds: Sequence[str], per_kind: int = 5) -> dict[str, list[Item]]:
    return {kind: list(column_items(organisation, kind=kind)[:per_kind]) for kind in kinds}


def public_item(organisation: Organisation, pk: int) -> Item:
    return get_object_or_404(
        Item.objects.for_catalogue().select_related("interprets", "interprets__channel", "matter"),
        channel=organisation,
        pk=pk,
    )


def _by_index(queryset: QuerySet[Item], index_number: str) -> QuerySet[Item]:
    """Index numbers ignore case (an expression index on UPPER(index_number) serves the lookup)."""
    return queryset.alias(index_upper=Upper("index_number")).filter(index_upper=index_number.upper()).order_by()


def published_index_number_exists(index_number: str) -> bool:
    return _by_index(Item.objects.published(), index_number).exists()


def item_by_index_number(index_number: str) -> Item:
    return get_object_or_404(
        _by_index(Item.objects.for_catalogue().select_related("interprets", "interprets__channel"), index_number)
    )


def withdrawn_or_missing(index_number: str) -> Item | None:
    return _by_index(Item.objects.filter(status=ItemStatus.WITHDRAWN), index_number).first()


# The first-level columns that list items, and the kind of column each lists (the guide is generated).
KIND_OF_SPEC = {
    columns.RULES.slug: ColumnKind.RULES,
    columns.STATUTORY.slug: ColumnKind.STATUTORY,
    columns.ANNUAL_REPORT.slug: ColumnKind.ANNUAL_REPORT,
}


def first_level_sections(organisation: Organisation) -> tuple[list[tuple[Any, list[Entry]]], list[Item]]:
    """The four first-level columns with their latest entries (what other apps list there, such as the published
    annual reports, then the latest items), and the latest news: one query per kind."""
    latest = latest_by_kind(organisation, [*KIND_OF_SPEC.values(), ColumnKind.NEWS])
    sections = []
    for spec in columns.FIRST_LEVEL:
        items = latest.get(KIND_OF_SPEC.get(spec.slug, ""), [])
        # what the apps list there (the annual reports, the website's yearly reports), newest first
        shown = sorted(
            listings.entries(spec.slug, organisation), key=lambda e: e.published_on or date.min, reverse=True
        )
        shown += [Entry(item.title, item.get_absolute_url(), item.publication_date) for item in items]
        sections.append((spec, shown[:5]))
    return sections, latest[ColumnKind.NEWS]
