"""The catalogue's maintained counts (`ItemTally`): refreshed inside every change to what is public, read by the
catalogue lists, the API and the supervision dashboard instead of counting items.

A refresh locks its tally row and then recounts that key's items (one column of one organisation, one publisher,
one month: a short range of the column list's index), so concurrent publications in one key queue behind each
other and each sees the others' items: the counts cannot drift, whatever happened before."""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import CharField, Count, F, Q, QuerySet, Sum
from django.db.models.functions import Cast, Substr
from django.utils import timezone

from .models import Item, ItemStatus
from .models.tallies import ItemTally, SitemapPage
from .rules import PUBLICATION_WORKING_DAYS


@dataclass(frozen=True, order=True)
class Key:
    channel_id: int
    column_id: int
    organisation_id: int
    month: date
    column_kind: str = ""


def key_of(item: Item) -> Key | None:
    if item.publication_date is None:
        return None
    return Key(item.channel_id, item.column_id, item.organisation_id, item.publication_date.replace(day=1),
               item.column_kind)  # fmt: skip


def month_end(month: date) -> date:
    return month.replace(day=monthrange(month.year, month.month)[1])


def _figures(items: QuerySet[Item]) -> dict[str, int]:
    late = Count("pk", filter=Q(publication_working_days__gt=PUBLICATION_WORKING_DAYS))
    return items.aggregate(published=Count("*"), late=late)


def touch_sitemap(item: Item) -> None:
    """The sitemap page holding the item changed: its cached XML is built again on the next request."""
    number, now = item.pk // SitemapPage.SIZE, timezone.now()
    if not SitemapPage.objects.filter(number=number).update(changed_at=now, version=F("version") + 1):
        SitemapPage.objects.get_or_create(number=number, defaults={"changed_at": now})


@transaction.atomic
def refresh(keys: Iterable[Key | None]) -> None:
    """Recount the keys an item was or now is in (call it after the item's new state is saved)."""
    for key in sorted({key for key in keys if key is not None}):  # one lock order: no deadlock between two
        tally, _ = ItemTally.objects.select_for_update().get_or_create(
            channel_id=key.channel_id, column_id=key.column_id, organisation_id=key.organisation_id, month=key.month,
            defaults={"column_kind": key.column_kind},
        )  # fmt: skip
        items = Item.objects.filter(
            channel_id=key.channel_id, column_id=key.column_id, status=ItemStatus.PUBLISHED,
            organisation_id=key.organisation_id, publication_date__range=(key.month, month_end(key.month)),
        )  # fmt: skip
        figures = _figures(items)
        ItemTally.objects.filter(pk=tally.pk).update(column_kind=key.column_kind or tally.column_kind, **figures)


@transaction.atomic
def rebuild(items: type[Item] = Item, tallies: type[ItemTally] = ItemTally) -> int:
    """Recount the whole catalogue (after a bulk load; the migration passes its historical models): one grouped
    pass over the items."""
    month = Substr(Cast("publication_date", output_field=CharField()), 1, 7)  # "2025-03"
    grouped = (
        items.objects.filter(status=ItemStatus.PUBLISHED)
        .annotate(month=month)
        .values_list("channel_id", "column_id", "column_kind", "organisation_id", "month")
        .annotate(n=Count("*"), late=Count("pk", filter=Q(publication_working_days__gt=PUBLICATION_WORKING_DAYS)))
        .order_by()
    )
    tallies.objects.all().delete()

    def tally(channel: int, column: int, kind: str, publisher: int, month: str, n: int, late: int) -> ItemTally:
        first = date(int(month[:4]), int(month[5:7]), 1)
        return tallies(channel_id=channel, column_id=column, column_kind=kind, organisation_id=publisher,
                       month=first, published=n, late=late)  # fmt: skip

    made = tallies.objects.bulk_create((tally(*row) for row in grouped.iterator(chunk_size=5000)), batch_size=5000)
    return len(made)


@transaction.atomic
def rebuild_sitemap_pages(items: type[Item] = Item, pages: type[SitemapPage] = SitemapPage) -> int:
    """Mark every sitemap page that holds a published item as changed now (after a bulk load)."""
    pages.objects.all().delete()
    published = items.objects.filter(status=ItemStatus.PUBLISHED).annotate(number=F("id") / SitemapPage.SIZE)
    numbers = published.order_by().values_list("number", flat=True).distinct()
    now = timezone.now()
    made = pages.objects.bulk_create(pages(number=number, changed_at=now) for number in numbers)
    return len(made)


def count(
    channel_id: int,
    *,
    column_id: int | None = None,
    kind: str | None = None,
    publisher_id: int | None = None,
    year: int | None = None,
) -> int:
    """Published items of a column list (a column, or every column of a kind), optionally of one publisher or
    one year of publication: a sum over at most a few thousand tally rows."""
    tallies = ItemTally.objects.filter(channel_id=channel_id)
    if column_id is not None:
        tallies = tallies.filter(column_id=column_id)
    elif kind is not None:
        tallies = tallies.filter(column_kind=kind)
    if publisher_id is not None:
        tallies = tallies.filter(organisation_id=publisher_id)
    if year is not None:
        tallies = tallies.filter(month__range=(date(year, 1, 1), date(year, 12, 1)))
    return int(tallies.aggregate(n=Sum("published"))["n"] or 0)
