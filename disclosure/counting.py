"""How many items a catalogue list holds, without counting the catalogue: from the maintained tally when the
list is a column (or a first-level column) filtered at most by year and publisher, else counted up to a cap
once and kept in the cache under the count of public changes (so every page of that list reads it)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import QuerySet

from portal import page_cache
from portal.models import Organisation

from . import tallies
from .filters import ItemFilter
from .models import Item

COUNT_CAP = 1000  # past this, a filtered list says 超过 1000 条: counting further would cost more than the page
COUNT_SECONDS = 600


@dataclass(frozen=True)
class Total:
    count: int
    more: bool = False  # more than `count` (the cap)


def total(
    organisation: Organisation,
    listed: QuerySet[Item],
    filterset: ItemFilter | None,
    *,
    column_id: int | None = None,
    kind: str | None = None,
) -> Total:
    """`filterset` is None when its values were invalid and the list is shown unfiltered."""
    chosen: dict[str, Any] = {}
    if filterset is not None and filterset.is_bound:
        chosen = {name: value for name, value in filterset.form.cleaned_data.items() if value not in (None, "")}
    if set(chosen) <= {"year", "publisher"}:
        publisher, year = chosen.get("publisher"), chosen.get("year")
        counted = tallies.count(
            organisation.pk, column_id=column_id, kind=kind, year=int(year) if year is not None else None,
            publisher_id=publisher.pk if publisher is not None else None,
        )  # fmt: skip
        return Total(counted)
    # counted once up to the cap, then kept under the count of public changes: right after every publication

    wanted = sorted((name, str(getattr(value, "pk", value))) for name, value in chosen.items())
    address = f"{page_cache.changes()}|{organisation.pk}|{column_id}|{kind}|{wanted}"
    key = "list-count:" + hashlib.sha256(address.encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = listed.select_related(None).order_by()[: COUNT_CAP + 1].count()  # one index range, no joins
        cache.set(key, found, COUNT_SECONDS)
    return Total(min(found, COUNT_CAP), found > COUNT_CAP)
