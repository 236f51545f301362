"""条例 第三十三条 counts working days; regulation.md §1.3 and 民法典 第二百零一条 say how."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal import workdays
from portal.models import AdjustmentKind, CalendarAdjustment, CalendarYear, Origin
from portal.services import load_package_calendar, package_arrangements
from portal.workdays import WorkingCalendar


@pytest.fixture(scope="module")
def calendar() -> WorkingCalendar:
    """The package's arrangements for every year it covers, confirmed."""
    years = package_arrangements()
    adjustments = {d: kind == AdjustmentKind.WORKDAY for days in years.values() for d, (kind, _) in days.items()}
    return WorkingCalendar(adjustments, years.keys(), today=date(2026, 11, 28))


def test_2025_national_day_and_mid_autumn_break_is_not_counted(calendar: WorkingCalendar) -> None:
    """条例 第三十三条: 20 working days from 2025-09-30 skip 1–8 October and count Saturday 11 October."""
    for day in range(1, 9):
        assert not calendar.is_working_day(date(2025, 10, day)).value
    assert calendar.add_working_days(date(2025, 9, 30), 20).value == date(2025, 11, 4)


def test_2025_make_up_sunday_and_saturday_are_working_days(calendar: WorkingCalendar) -> None:
    assert calendar.is_working_day(date(2025, 9, 28)).value  # Sunday, 调休上班
    assert calendar.is_working_day(date(2025, 10, 11)).value  # Saturday, 调休上班
    assert not calendar.is_working_day(date(2025, 10, 12)).value  # an ordinary Sunday


def test_2026_spring_festival(calendar: WorkingCalendar) -> None:
    """The 2026 break runs 15–23 February; Saturdays 14 and 28 February are make-up working days."""
    received = date(2026, 2, 13)  # Friday before the break
    assert calendar.add_working_days(received, 1).value == date(2026, 2, 14)
    assert calendar.add_working_days(received, 2).value == date(2026, 2, 24)
    assert calendar.add_working_days(received, 6).value == date(2026, 2, 28)
    assert calendar.add_working_days(received, 20).value == date(2026, 3, 19)
    assert not any(calendar.is_working_day(date(2026, 2, d)).value for d in range(15, 24))


def test_start_day_is_not_counted_minfadian_article_201(calendar: WorkingCalendar) -> None:
    """民法典 第二百零一条: a period in days starts the day after the event."""
    monday = date(2026, 11, 23)
    assert calendar.add_working_days(monday, 1).value == date(2026, 11, 24)
    assert calendar.add_working_days(monday, 5).value == date(2026, 11, 30)


def test_start_on_a_holiday_counts_from_the_next_working_day(calendar: WorkingCalendar) -> None:
    """An application received on 1 October 2026 (National Day): day 1 is Thursday 8 October."""
    assert calendar.add_working_days(date(2026, 10, 1), 1).value == date(2026, 10, 8)
    assert calendar.add_working_days(date(2026, 10, 1), 3).value == date(2026, 10, 10)  # make-up Saturday


def test_year_boundary_counts_new_year_holiday_and_make_up_sunday(calendar: WorkingCalendar) -> None:
    """From 31 December 2025: 1–3 January 2026 are holidays and Sunday 4 January is a working day."""
    assert calendar.add_working_days(date(2025, 12, 31), 1).value == date(2026, 1, 4)
    assert calendar.working_days_between(date(2025, 12, 31), date(2026, 1, 4)).value == 1


def test_working_days_between_matches_adding(calendar: WorkingCalendar) -> None:
    assert calendar.working_days_between(date(2025, 9, 30), date(2025, 11, 4)).value == 20
    assert calendar.working_days_between(date(2025, 11, 4), date(2025, 9, 30)).value == -20
    assert calendar.working_days_between(date(2025, 9, 30), date(2025, 9, 30)).value == 0


def test_unconfirmed_year_is_reported_to_the_caller(calendar: WorkingCalendar) -> None:
    """regulation.md §1.3: a deadline that relies on a year without a confirmed arrangement is provisional."""
    inside = calendar.add_working_days(date(2026, 11, 2), 20)
    assert not inside.provisional
    across = calendar.add_working_days(date(2026, 12, 20), 20)
    assert across.provisional
    assert across.unconfirmed_years == frozenset({2027})
    assert calendar.is_working_day(date(2027, 1, 4)).unconfirmed_years == frozenset({2027})
    assert calendar.working_days_between(date(2026, 12, 1), date(2027, 1, 10)).provisional


def test_a_year_not_yet_arranged_still_has_its_fixed_date_holidays(calendar: WorkingCalendar) -> None:
    """《全国年节及纪念日放假办法》第二条: 元旦, 劳动节 (1–2 May) and 国庆节 (1–3 October) are holidays whatever the
    State Council's arrangement for the year says, so a provisional deadline never lands on 1 January 2027."""
    assert calendar.is_working_day(date(2027, 1, 1)).value is False  # a Friday
    received = calendar.add_working_days(date(2026, 12, 4), 20)  # 20 working days from Friday 4 December
    assert received.value == date(2027, 1, 4) and received.provisional
    assert calendar.is_working_day(date(2027, 5, 3)).value is True  # a Monday: only the arrangement may add it
    assert [calendar.is_working_day(date(2027, 10, d)).value for d in (1, 4)] == [False, True]
    assert calendar.is_working_day(date(2026, 1, 1)).value is False and 2026 in calendar.confirmed_years


def test_dates_beyond_the_precomputed_span_are_counted_day_by_day(calendar: WorkingCalendar) -> None:
    far = date(2040, 1, 6)  # a Friday
    result = calendar.add_working_days(far, 1)
    assert result.value == date(2040, 1, 9)
    assert 2040 in result.unconfirmed_years


def test_negative_periods_are_refused(calendar: WorkingCalendar) -> None:
    with pytest.raises(ValueError):
        calendar.add_working_days(date(2026, 1, 5), -1)


@given(start=st.dates(date(2004, 1, 1), date(2026, 12, 31)), n=st.integers(0, 60))
def test_adding_and_counting_agree_and_land_on_working_days(start: date, n: int) -> None:
    calendar = _calendar_cache()
    end = calendar.add_working_days(start, n).value
    assert calendar.working_days_between(start, end).value == n
    if n:
        assert calendar.is_working_day(end).value
        assert end - start >= timedelta(days=n)


_CACHE: list[WorkingCalendar] = []


def _calendar_cache() -> WorkingCalendar:
    if not _CACHE:
        years = package_arrangements()
        days = {d: kind == AdjustmentKind.WORKDAY for y in years.values() for d, (kind, _) in y.items()}
        _CACHE.append(WorkingCalendar(days, years.keys()))
    return _CACHE[0]


@pytest.mark.django_db
def test_module_functions_read_the_maintained_table() -> None:
    load_package_calendar(years=[2025, 2026])
    workdays.calendar_changed()
    assert workdays.add_working_days(date(2025, 9, 30), 20).value == date(2025, 11, 4)
    assert workdays.is_working_day(date(2026, 2, 28)).value
    assert workdays.working_days_between(date(2026, 12, 25), date(2027, 1, 5)).unconfirmed_years == {2027}


@pytest.mark.django_db
def test_loader_never_overwrites_an_administrators_rows() -> None:
    load_package_calendar(years=[2026])
    row = CalendarAdjustment.objects.get(date=date(2026, 10, 10))
    row.kind, row.name, row.origin = AdjustmentKind.HOLIDAY, "地方调整", Origin.ADMIN
    row.save()
    year = CalendarYear.objects.get(year=2026)
    year.confirmed = False
    year.save()

    counts = load_package_calendar(years=[2026])

    row.refresh_from_db()
    assert (row.kind, row.name) == (AdjustmentKind.HOLIDAY, "地方调整")
    assert counts["kept_admin"] == 1
    assert not CalendarYear.objects.get(year=2026).confirmed


@pytest.mark.django_db
def test_loader_is_idempotent_and_restores_removed_package_rows() -> None:
    first = load_package_calendar(years=[2025])
    total = CalendarAdjustment.objects.count()
    CalendarAdjustment.objects.filter(date=date(2025, 10, 1)).delete()
    again = load_package_calendar(years=[2025])
    assert first["added"] == total
    assert again["added"] == 1
    assert CalendarAdjustment.objects.count() == total
    assert load_package_calendar(years=[2025])["added"] == 0
