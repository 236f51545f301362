"""三同步 (国办发〔2016〕80号《〈关于全面推进政务公开工作的意见〉实施细则》): a 行政规范性文件 is drafted, approved
and published together with its interpretation (政策解读); local rules allow the interpretation at most
INTERPRETATION_WORKING_DAYS (3) working days after the policy. A policy sent to review without one is flagged
(a review hit two reviewers must clear, as the wording hits are); once published, a policy whose interpretation
has not followed within the limit is overdue on the editor's workbench, the dashboard and the assessment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db.models import OuterRef, Subquery

from portal.workdays import WorkingCalendar, current_calendar

from .models import Item, ItemStatus


def genres() -> set[str]:
    """The genres the platform marks as needing an interpretation (settings.INTERPRETATION_GENRES)."""
    return set(settings.INTERPRETATION_GENRES)


def needs_interpretation(item: Item) -> bool:
    return item.genre in genres()


def has_interpretation(item: Item) -> bool:
    """An interpretation drafted, in review or published for the item (or, for a revision, for the original)."""
    target = item.revision_of_id or item.pk
    return Item.objects.filter(interprets_id=target).exclude(status=ItemStatus.WITHDRAWN).exists()


def review_hits(item: Item) -> list[Any]:
    """The review hit of a policy sent without its interpretation (三同步)."""
    from review.scanner import Hit, HitKind

    if not needs_interpretation(item) or has_interpretation(item):
        return []
    days = settings.INTERPRETATION_WORKING_DAYS
    note = f"三同步：未同步提交政策解读，解读最迟应在文件发布后{days}个工作日内发布"
    return [Hit(HitKind.INTERPRETATION, "title", 0, 0, "（未附政策解读）", note)]


@dataclass
class Figures:
    """Policies published in a period and how their interpretations followed."""

    policies: int = 0
    timely: int = 0  # interpretation published within the limit
    late: int = 0  # published after it
    overdue: int = 0  # none, and the limit has passed
    waiting: int = 0  # none yet, still within the limit

    @property
    def without_timely(self) -> int:
        return self.late + self.overdue


def due(calendar: WorkingCalendar, published: date) -> date:
    return calendar.add_working_days(published, settings.INTERPRETATION_WORKING_DAYS).value


def _policies(channel_ids: list[int], start: date, end: date) -> Any:
    first = Item.objects.filter(interprets=OuterRef("pk"), status=ItemStatus.PUBLISHED).order_by("publication_date")
    return (
        Item.objects.filter(
            status=ItemStatus.PUBLISHED,
            genre__in=genres(),
            channel_id__in=channel_ids,
            publication_date__range=(start, end),
        )
        .annotate(interpreted_on=Subquery(first.values("publication_date")[:1]))
        .order_by()
    )


def figures_by_organisation(channel_ids: list[int], start: date, end: date, today: date) -> dict[int, Figures]:
    """One query whatever the number of policies: each policy with its first interpretation's date."""
    calendar = current_calendar()
    found = {pk: Figures() for pk in channel_ids}
    rows = _policies(channel_ids, start, end).values_list("channel_id", "publication_date", "interpreted_on")
    for channel, published, interpreted in rows:
        figures = found[channel]
        figures.policies += 1
        limit = due(calendar, published)
        if interpreted is not None:
            if interpreted <= limit:
                figures.timely += 1
            else:
                figures.late += 1
        elif today > limit:
            figures.overdue += 1
        else:
            figures.waiting += 1
    return found


def overdue(channel_ids: list[int], today: date) -> list[tuple[Item, date]]:
    """The policies of the last year still without an interpretation after the limit, with the limit."""
    calendar = current_calendar()
    recent = _policies(channel_ids, today - timedelta(days=366), today).filter(interpreted_on__isnull=True)
    found = []
    for item in recent.only("pk", "title", "publication_date", "channel_id").order_by("publication_date")[:200]:
        assert item.publication_date is not None
        limit = due(calendar, item.publication_date)
        if today > limit:
            found.append((item, limit))
    return found
