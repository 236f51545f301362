"""Working days (regulation.md §1.3): Monday to Friday, minus statutory holidays, plus make-up working days.

Counting follows 民法典 第201条: the day of the event is not counted; the period runs from the next day and
ends on the N-th working day after it. Every answer says which years it relied on that are not confirmed, so
a caller can warn that a deadline is provisional.
"""

from __future__ import annotations

import time
import uuid
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.cache import cache
from django.dispatch import Signal

# The span precomputed as a sorted table of working days; dates outside it are counted day by day.
# 《全国年节及纪念日放假办法》第二条 (as revised in 2024, from 2025): the holidays on fixed dates, known before the
# State Council's yearly arrangement: 元旦 (1 January), 劳动节 (1–2 May), 国庆节 (1–3 October). A provisional
# deadline in a year not yet confirmed skips them; the lunar holidays and the make-up days come with the notice.
FIXED_HOLIDAYS = frozenset({(1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3)})
FIXED_SINCE = 2025
FIRST_YEAR = 2000
YEARS_AHEAD = 3
CACHE_KEY = "workdays:version"
NONE: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Counted[T]:
    """A calendar answer and the years it relied on whose arrangement is not confirmed."""

    value: T
    unconfirmed_years: frozenset[int] = field(default_factory=frozenset)

    @property
    def provisional(self) -> bool:
        return bool(self.unconfirmed_years)


class WorkingCalendar:
    def __init__(self, adjustments: Mapping[date, bool], confirmed_years: Iterable[int], today: date | None = None):
        """adjustments: date -> True for a make-up working day, False for a holiday."""
        self._adjustments = dict(adjustments)
        self.confirmed_years = frozenset(confirmed_years)
        last_year = max([*self.confirmed_years, *(d.year for d in self._adjustments), (today or date.today()).year])
        self._first = date(FIRST_YEAR, 1, 1).toordinal()
        self._last = date(last_year + YEARS_AHEAD, 12, 31).toordinal()
        self._ordinals = [o for o in range(self._first, self._last + 1) if self._is_working(date.fromordinal(o))]

    @classmethod
    def from_database(cls) -> WorkingCalendar:
        from portal.models import AdjustmentKind, CalendarAdjustment, CalendarYear

        rows = CalendarAdjustment.objects.values_list("date", "kind")
        adjustments = {d: kind == AdjustmentKind.WORKDAY for d, kind in rows}
        confirmed = CalendarYear.objects.filter(confirmed=True).values_list("year", flat=True)
        return cls(adjustments, confirmed)

    def _is_working(self, d: date) -> bool:
        adjusted = self._adjustments.get(d)
        if adjusted is not None:
            return adjusted
        if d.year not in self.confirmed_years and d.year >= FIXED_SINCE and (d.month, d.day) in FIXED_HOLIDAYS:
            return False  # a year not yet arranged still has its fixed-date holidays
        return d.weekday() < 5

    def _unconfirmed(self, first: date, last: date) -> frozenset[int]:
        if first.year == last.year:  # the common case, answered without building a set
            return NONE if first.year in self.confirmed_years else frozenset((first.year,))
        return frozenset(y for y in range(first.year, last.year + 1) if y not in self.confirmed_years)

    def is_working_day(self, d: date) -> Counted[bool]:
        return Counted(self._is_working(d), self._unconfirmed(d, d))

    def add_working_days(self, start: date, n: int) -> Counted[date]:
        """The N-th working day after start; start itself is not counted (民法典 第201条)."""
        if n < 0:
            raise ValueError("n must not be negative")
        if n == 0:
            return Counted(start, frozenset())
        ordinal = start.toordinal()
        if self._first <= ordinal <= self._last:
            index = bisect_right(self._ordinals, ordinal) + n - 1
            if index < len(self._ordinals):
                result = date.fromordinal(self._ordinals[index])
                return Counted(result, self._unconfirmed(start + timedelta(days=1), result))
        result, remaining = start, n
        while remaining:
            result += timedelta(days=1)
            if self._is_working(result):
                remaining -= 1
        return Counted(result, self._unconfirmed(start + timedelta(days=1), result))

    def working_days_between(self, start: date, end: date) -> Counted[int]:
        """Working days after start up to and including end; negative when end is before start."""
        if end < start:
            earlier = self.working_days_between(end, start)
            return Counted(-earlier.value, earlier.unconfirmed_years)
        if end == start:
            return Counted(0, frozenset())
        if self._first <= start.toordinal() and end.toordinal() <= self._last:
            count = bisect_right(self._ordinals, end.toordinal()) - bisect_right(self._ordinals, start.toordinal())
        else:
            count = sum(1 for k in range(1, (end - start).days + 1) if self._is_working(start + timedelta(days=k)))
        return Counted(count, self._unconfirmed(start + timedelta(days=1), end))


@dataclass
class _LocalCopy:
    version: str | None = None
    calendar: WorkingCalendar | None = None
    checked: float = 0.0


_local = _LocalCopy()


def current_calendar() -> WorkingCalendar:
    """The calendar from the database, rebuilt when any process marks it changed (through the cache)."""
    now = time.monotonic()
    if _local.calendar is not None and now - _local.checked < settings.WORKDAYS_RECHECK_SECONDS:
        return _local.calendar
    version = cache.get(CACHE_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.set(CACHE_KEY, version, None)
    if _local.calendar is None or version != _local.version:
        _local.calendar = WorkingCalendar.from_database()
        _local.version = version
    _local.checked = now
    return _local.calendar


# Sent after the calendar tables changed, so stored deadlines can be computed again (requests_app).
calendar_updated = Signal()


def calendar_changed() -> None:
    """Tell every process that the calendar tables changed."""
    cache.set(CACHE_KEY, uuid.uuid4().hex, None)
    _local.calendar, _local.version, _local.checked = None, None, 0.0
    calendar_updated.send(sender=WorkingCalendar)


def is_working_day(d: date) -> Counted[bool]:
    return current_calendar().is_working_day(d)


def add_working_days(start: date, n: int) -> Counted[date]:
    return current_calendar().add_working_days(start, n)


def working_days_between(start: date, end: date) -> Counted[int]:
    return current_calendar().working_days_between(start, end)
