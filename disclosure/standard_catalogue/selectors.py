"""Reads of the 标准目录 and its obligations. However many 事项 an organisation has, the obligations of any set of
organisations are three queries: their 事项, their publications in the span (one range of the
item_matter_obligations index per 事项), and the first publication of each standing 事项; the rest is the
calendar's arithmetic (schedule.py)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Min, OuterRef, Subquery

from portal.workdays import WorkingCalendar, current_calendar

from .models import Area, Channel, Matter, Recurrence
from .schedule import Obligation, Publication, Rule, Status, obligations


def rule_of(matter: Matter) -> Rule:
    return Rule(matter.recurrence, matter.deadline_days, matter.deadline_unit, matter.starts_on,
                matter.notice_working_days)  # fmt: skip


def obligations_of(matters: Iterable[Matter], *, first: date, last: date, today: date,
                   calendar: WorkingCalendar | None = None) -> list[Obligation]:  # fmt: skip
    """Every obligation of these 事项 in the span, each carrying its 事项 (`obligation.matter`)."""
    from disclosure.models import Item, ItemStatus

    matters = list(matters)
    if not matters:
        return []
    calendar = calendar or current_calendar()
    ids = [m.pk for m in matters]
    published = Item.objects.filter(status=ItemStatus.PUBLISHED, matter_id__in=ids)
    found: dict[int, list[Publication]] = defaultdict(list)
    span = published.filter(written_date__range=(first, last)).order_by()
    for matter_id, pk, title, written, changed, on in span.values_list(
        "matter_id", "pk", "title", "written_date", "changed_date", "publication_date"
    ):
        found[matter_id].append(Publication(pk, title, changed or written, on or written))  # published: has a date
    standing = [m.pk for m in matters if m.recurrence == Recurrence.STANDING]
    earliest: dict[int, Publication] = {}
    if standing:
        firsts = published.filter(matter_id__in=standing).values("matter_id").annotate(on=Min("publication_date"))
        for row in firsts.order_by():
            earliest[row["matter_id"]] = Publication(0, "", row["on"], row["on"])
    result = []
    for matter in matters:
        for obligation in obligations(calendar, rule_of(matter), found.get(matter.pk, ()), first=first, last=last,
                                      today=today, earliest=earliest.get(matter.pk)):  # fmt: skip
            obligation.matter = matter
            result.append(obligation)
    return result


def matters_of(organisation_ids: Iterable[int]) -> list[Matter]:
    return list(
        Matter.objects.active()
        .filter(organisation_id__in=list(organisation_ids))
        .select_related("area", "organisation")
        .order_by("organisation_id", "area__position", "area_id", "position", "id")
    )


@dataclass
class Tally:
    """Obligations of one organisation (or one of its areas) by status."""

    met: int = 0
    late: int = 0
    missing: int = 0
    open: int = 0
    due_soon: int = 0
    by_area: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    @property
    def due(self) -> int:
        return self.met + self.late + self.missing


def tallies(organisation_ids: list[int], *, first: date, last: date, today: date) -> dict[int, Tally]:
    """Per organisation: its obligations of the span met, late, missing and open, in total and by area."""
    found: dict[int, Tally] = {pk: Tally() for pk in organisation_ids}
    for obligation in obligations_of(matters_of(organisation_ids), first=first, last=last, today=today):
        matter = obligation.matter
        assert isinstance(matter, Matter)
        tally = found[matter.organisation_id]
        setattr(tally, obligation.status, getattr(tally, obligation.status) + 1)
        tally.due_soon += obligation.due_soon
        tally.by_area[matter.area.name][obligation.status] += 1
    for tally in found.values():
        tally.by_area = dict(tally.by_area)  # a template's lookup must not add keys
    return found


def public_catalogue(organisation_id: int) -> list[tuple[Area, list[Matter]]]:
    """The 公开事项目录: every area with its 事项, each annotated with its latest publication (one query)."""
    from disclosure.models import Item, ItemStatus

    latest = Item.objects.filter(matter=OuterRef("pk"), status=ItemStatus.PUBLISHED).order_by(
        "-publication_date", "-id"
    )
    matters = (
        Matter.objects.filter(organisation_id=organisation_id, is_active=True)
        .select_related("column", "organisation")
        .annotate(
            latest_pk=Subquery(latest.values("pk")[:1]),
            latest_title=Subquery(latest.values("title")[:1]),
            latest_on=Subquery(latest.values("publication_date")[:1]),
        )
        .order_by("position", "id")
    )
    by_area: dict[int, list[Matter]] = defaultdict(list)
    for matter in matters:
        by_area[matter.area_id].append(matter)
    areas = Area.objects.filter(organisation_id=organisation_id).order_by("position", "id")
    return [(area, by_area.get(area.pk, []) if area.involved else []) for area in areas]


OFFLINE_CHANNELS = {Channel.SERVICE_CENTRE, Channel.VILLAGE_BOARD, Channel.READING_POINT}


def mark_postings(found: list[Obligation]) -> None:
    """For each publication of a 事项 owed on a 公开栏 (or another offline channel): whether its posting was
    recorded (the posting register, `Posting`), in one query; `posted` stays None where none is owed."""
    from disclosure.models import Posting

    owed = [o for o in found if o.publication and o.publication.pk and isinstance(o.matter, Matter)
            and OFFLINE_CHANNELS & set(o.matter.channels)]  # fmt: skip
    if not owed:
        return
    ids = [o.publication.pk for o in owed if o.publication]
    posted = set(Posting.objects.filter(item_id__in=ids).values_list("item_id", flat=True).distinct())
    for obligation in owed:
        assert obligation.publication is not None
        obligation.posted = obligation.publication.pk in posted


STATUS_ORDER = [Status.MISSING, Status.OPEN, Status.LATE, Status.MET]


def suggest(matters: Iterable[Matter], column_id: int | None, title: str) -> Matter | None:
    """The 事项 an item most likely publishes for: one of its column's 事项 whose 标题关键词 occur in its title (the
    most keywords found wins), else its column's only 事项; None when nothing points at one."""
    of_column = [m for m in matters if column_id and m.column_id == column_id]
    scored = [(sum(1 for word in m.keyword_list() if word in title), m) for m in of_column]
    best = max(scored, key=lambda pair: pair[0], default=(0, None))
    if best[0]:
        return best[1]
    return of_column[0] if len(of_column) == 1 else None
