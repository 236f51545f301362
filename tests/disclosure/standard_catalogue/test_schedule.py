"""The deadline rules of the 标准目录's obligations on the working-day calendar (disclosure/standard_catalogue/
schedule.py, docs/adr/0012): each test names the rule's source."""

from datetime import date

import pytest

from disclosure.standard_catalogue.models import DeadlineUnit, Recurrence
from disclosure.standard_catalogue.schedule import Publication, Rule, Status, due_date, notice_end, obligations
from portal.models import AdjustmentKind
from portal.services import package_arrangements
from portal.workdays import WorkingCalendar


@pytest.fixture(scope="module")
def calendar() -> WorkingCalendar:
    years = package_arrangements()
    adjustments = {d: kind == AdjustmentKind.WORKDAY for days in years.values() for d, (kind, _) in days.items()}
    return WorkingCalendar(adjustments, years.keys(), today=date(2026, 11, 28))


def published(on: date, written: date, pk: int = 1) -> Publication:
    return Publication(pk, "2026年1月低保对象名单公示", written, on)


MONTHLY = Rule(Recurrence.MONTHLY, 20, starts_on=date(2026, 1, 1))


def test_monthly_obligation_across_the_spring_festival(calendar: WorkingCalendar) -> None:
    """条例 第二十六条 (20 working days from formation), a monthly 事项: January's information is formed by
    31 January 2026; the Spring Festival break (15–23 February, make-up Saturdays 14 and 28 February) moves the
    20th working day to 5 March."""
    assert due_date(calendar, MONTHLY, date(2026, 1, 31)) == (date(2026, 3, 5), False)
    on_time = obligations(calendar, MONTHLY, [published(date(2026, 3, 5), date(2026, 1, 26))],
                          first=date(2026, 1, 1), last=date(2026, 1, 31), today=date(2026, 6, 1))  # fmt: skip
    assert [(o.label, o.due, o.status) for o in on_time] == [("2026年1月", date(2026, 3, 5), Status.MET)]
    late = obligations(calendar, MONTHLY, [published(date(2026, 3, 6), date(2026, 1, 26))],
                       first=date(2026, 1, 1), last=date(2026, 1, 31), today=date(2026, 6, 1))  # fmt: skip
    assert late[0].status == Status.LATE


def test_twenty_working_days_across_national_day(calendar: WorkingCalendar) -> None:
    """国办发〔2019〕54号's area guidelines and 条例 第二十六条: 信息形成或者变更之日起20个工作日内. Information formed
    on 30 September 2026 skips the 1–7 October break, counts make-up Saturday 10 October: due 3 November."""
    rule = Rule(Recurrence.EVENT, 20, starts_on=date(2026, 1, 1))
    found = obligations(calendar, rule, [Publication(7, "征地补偿安置方案公告", date(2026, 9, 30), date(2026, 11, 3)),
                                         Publication(8, "征地补偿标准调整", date(2026, 9, 30), date(2026, 11, 4))],
                        first=date(2026, 1, 1), last=date(2026, 12, 31), today=date(2026, 11, 28))  # fmt: skip
    assert [(o.due, o.status) for o in found] == [(date(2026, 11, 3), Status.MET), (date(2026, 11, 3), Status.LATE)]


def test_monthly_obligation_missing_when_nothing_published_and_due_passed(calendar: WorkingCalendar) -> None:
    """条例 第二十六条: 应公开未公开 once the due date passed; before it, the obligation is open and due soon."""
    found = obligations(calendar, Rule(Recurrence.MONTHLY, 10, starts_on=date(2026, 10, 1)), [],
                        first=date(2026, 1, 1), last=date(2026, 12, 31), today=date(2026, 12, 8))  # fmt: skip
    # 民政部 社会救助 guideline: 制定或获取信息之日起10个工作日内
    assert [(o.label, o.due, o.status) for o in found[:2]] == [
        ("2026年10月", date(2026, 11, 13), Status.MISSING),
        ("2026年11月", date(2026, 12, 14), Status.OPEN),
    ]
    assert (found[2].label, found[2].status) == ("2026年12月", Status.OPEN)
    assert found[1].due_soon and not found[2].due_soon
    assert not found[1].provisional and found[2].provisional  # due in 2027, whose arrangement is not known yet


def test_publication_belongs_to_the_period_its_information_was_formed_in(calendar: WorkingCalendar) -> None:
    """A November list written on 1 December meets December's obligation, not November's."""
    found = obligations(calendar, Rule(Recurrence.MONTHLY, 10, starts_on=date(2026, 11, 1)),
                        [published(date(2026, 12, 2), date(2026, 12, 1))],
                        first=date(2026, 1, 1), last=date(2026, 12, 31), today=date(2026, 12, 20))  # fmt: skip
    assert [o.status for o in found] == [Status.MISSING, Status.MET]


def test_quarterly_and_yearly_periods(calendar: WorkingCalendar) -> None:
    quarterly = obligations(calendar, Rule(Recurrence.QUARTERLY, 20, starts_on=date(2026, 2, 10)), [],
                            first=date(2026, 1, 1), last=date(2026, 12, 31), today=date(2026, 7, 1))  # fmt: skip
    assert [o.label for o in quarterly] == ["2026年第1季度", "2026年第2季度", "2026年第3季度"]
    yearly = obligations(calendar, Rule(Recurrence.YEARLY, 20, starts_on=date(2025, 1, 1)), [],
                         first=date(2025, 1, 1), last=date(2026, 12, 31), today=date(2026, 7, 1))  # fmt: skip
    assert [(o.label, o.status) for o in yearly] == [("2025年", Status.MISSING), ("2026年", Status.OPEN)]


def test_budget_deadline_in_calendar_days() -> None:
    """预算法 第十四条: 批准后二十日内 — calendar days, not working days."""
    rule = Rule(Recurrence.EVENT, 20, DeadlineUnit.DAYS)
    assert due_date(WorkingCalendar({}, []), rule, date(2026, 1, 20)) == (date(2026, 2, 9), False)


def test_notice_period_end(calendar: WorkingCalendar) -> None:
    """民政部 社会救助 guideline: 低保 审核确认对象 公示7个工作日; the day of posting is not counted
    (民法典 第二百零一条)."""
    rule = Rule(Recurrence.MONTHLY, 10, notice_working_days=7)
    # 30 September, then 8, 9, 10 (make-up Saturday), 12, 13, 14 October: the National Day break is not counted
    assert notice_end(calendar, rule, date(2026, 9, 29)) == date(2026, 10, 14)
    assert notice_end(calendar, Rule(Recurrence.MONTHLY), date(2026, 9, 29)) is None


def test_standing_matter_met_by_an_earlier_publication(calendar: WorkingCalendar) -> None:
    rule = Rule(Recurrence.STANDING, 20, starts_on=date(2026, 3, 1))
    earlier = published(date(2025, 5, 6), date(2025, 5, 1))
    found = obligations(calendar, rule, [], first=date(2026, 1, 1), last=date(2026, 12, 31),
                        today=date(2026, 11, 28), earliest=earlier)  # fmt: skip
    assert [(o.status, o.publication) for o in found] == [(Status.MET, earlier)]
    assert obligations(calendar, rule, [], first=date(2026, 1, 1), last=date(2026, 12, 31),
                       today=date(2026, 11, 28))[0].status == Status.MISSING  # fmt: skip
