"""Catalogue lists paged by position, not by page number: "较新" and "较早" carry the publication date and id of
the last item shown, so any page is one short range of a list index, as cheap at the millionth item as at the
first (an OFFSET would read every row before it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.http import QueryDict

from .models import Item


@dataclass(frozen=True)
class Cursor:
    publication_date: date
    pk: int

    @classmethod
    def of(cls, item: Item) -> Cursor:
        assert item.publication_date is not None  # a published item has its date (a database constraint)
        return cls(item.publication_date, item.pk)

    @classmethod
    def parse(cls, text: str | None) -> Cursor | None:
        """`2026-10-12.123`; anything else is no cursor (the newest page)."""
        day, _, pk = (text or "").partition(".")
        try:
            return cls(date.fromisoformat(day), int(pk)) if pk.isdigit() else None
        except ValueError:
            return None

    def __str__(self) -> str:
        return f"{self.publication_date.isoformat()}.{self.pk}"


@dataclass
class Page:
    items: list[Item]
    newer: Cursor | None  # the page before this one (newer items), if any
    older: Cursor | None  # the page after this one, if any
    is_first: bool
    is_last: bool


def page(items: QuerySet[Item], size: int, *, older: str | None = None, newer: str | None = None,
         oldest: bool = False) -> Page:  # fmt: skip
    """One page of a list ordered newest first: the newest, the one after `older`, the one before `newer`,
    or the oldest. Reads `size + 1` rows of the list's index to know whether more follow."""
    after, before = Cursor.parse(older), Cursor.parse(newer)
    if after is not None:
        rows = list(items.filter(_older_than(after)).order_by("-publication_date", "-id")[: size + 1])
        if rows:
            return Page(rows[:size], Cursor.of(rows[0]), _next(rows, size), False, len(rows) <= size)
    elif before is not None or oldest:
        ascending = items.filter(_newer_than(before)) if before is not None else items
        rows = list(ascending.order_by("publication_date", "id")[: size + 1])
        shown, more_newer = rows[:size][::-1], len(rows) > size
        if shown:
            older_cursor = Cursor.of(shown[-1]) if before is not None else None
            return Page(shown, Cursor.of(shown[0]) if more_newer else None, older_cursor, not more_newer,
                        older_cursor is None)  # fmt: skip
    rows = list(items.order_by("-publication_date", "-id")[: size + 1])  # the newest (or a cursor past the end)
    return Page(rows[:size], None, _next(rows, size), True, len(rows) <= size)


def _next(rows: list[Item], size: int) -> Cursor | None:
    return Cursor.of(rows[size - 1]) if len(rows) > size else None


def _older_than(cursor: Cursor) -> Q:
    # the first condition bounds the index range; the second drops the rows of that day already shown
    return Q(publication_date__lte=cursor.publication_date) & (
        Q(publication_date__lt=cursor.publication_date) | Q(id__lt=cursor.pk)
    )


def _newer_than(cursor: Cursor) -> Q:
    return Q(publication_date__gte=cursor.publication_date) & (
        Q(publication_date__gt=cursor.publication_date) | Q(id__gt=cursor.pk)
    )


PAGING_PARAMETERS = ("older", "newer", "oldest", "page")


def without_paging(query: QueryDict) -> QueryDict:
    kept = query.copy()
    for name in PAGING_PARAMETERS:
        kept.pop(name, None)
    return kept


def links(shown: Page, query: QueryDict) -> dict[str, str]:
    """The addresses of the newest, newer, older and oldest pages, keeping the list's filters."""
    kept = without_paging(query)

    def to(**cursor: str) -> str:
        wanted = kept.copy()
        wanted.update(cursor)
        return f"?{wanted.urlencode()}"

    found: dict[str, str] = {}
    if not shown.is_first:
        found["newest"] = to()
        if shown.newer is not None:
            found["newer"] = to(newer=str(shown.newer))
    if not shown.is_last:
        if shown.older is not None:
            found["older"] = to(older=str(shown.older))
        found["oldest"] = to(oldest="1")
    return found
