"""Entries that other apps add to a first-level column (the annual reports to 政府信息公开年报), and links they
add to an item's page (a decision's consultation and adoption report), so that the catalogue shows them without
importing the apps above it (they register in their ready())."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from portal.models import Organisation


@dataclass(frozen=True)
class Entry:
    title: str
    url: str
    published_on: date | None
    note: str = ""


Source = Callable[[Organisation], list[Entry]]
SOURCES: dict[str, list[Source]] = defaultdict(list)


def register(column_slug: str, source: Source) -> None:
    if source not in SOURCES[column_slug]:
        SOURCES[column_slug].append(source)


def entries(column_slug: str, organisation: Organisation) -> list[Entry]:
    return [entry for source in SOURCES.get(column_slug, []) for entry in source(organisation)]


Related = Callable[[int], list[Entry]]  # an item's pk → links to show on its page
RELATED: list[Related] = []


def register_related(source: Related) -> None:
    if source not in RELATED:
        RELATED.append(source)


def related(item_pk: int) -> list[Entry]:
    return [entry for source in RELATED for entry in source(item_pk)]
