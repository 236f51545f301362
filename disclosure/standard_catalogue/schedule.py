"""The obligations a 公开事项 generates and whether each was met: pure functions over the working-day calendar,
taking every date as an argument (design.md: deadlines are pure functions; docs/adr/0012).

The rules, each with its source:
- 条例 第二十六条 (and every 54号 area guideline's “信息形成或者变更之日起20个工作日内”): information is published
  within N working days of being formed or changed; N is the 事项's 时限 (20 unless its guideline says otherwise,
  e.g. 10 for the 民政部 社会救助 guideline's “制定或获取信息之日起10个工作日内”).
- A periodic 事项 (monthly, quarterly, yearly) owes one publication per period. The information of a period is
  formed by the period's last day at the latest, so the period's publication is due N working days after it:
  a monthly list falls due in the following month. A publication belongs to the period its 成文日期 (the date
  the information was formed, the same date 条例 第二十六条's count starts from) falls in.
- An event-driven 事项 owes one publication per event; the portal learns of an event from the publication
  itself, so each is judged on its own 成文日期 (or 变更日期): met when published within N days of it. An event
  nobody published is invisible here, as it is to the portal; periodic and standing 事项 have no such gap.
- A standing 事项 (办事指南, 政策文件) owes one publication from its 起算日期 on; one published earlier counts.
- 预算法 第十四条 counts 二十日 as calendar days: a 事项 whose 时限 is in 日 is counted so.
- A 公示 runs for its 公示期 in working days after its publication day (民法典 第二百零一条: the first day is not
  counted), and its end is shown beside it.

“Met” means published no later than the due date; “late” published after it; “missing” (应公开未公开) nothing
published and the due date passed; “open” not yet due.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from portal.workdays import WorkingCalendar

from .models import DeadlineUnit, Recurrence

DUE_SOON_WORKING_DAYS = 5  # an obligation due within this many working days is shown as due soon


class Status:
    MET = "met"
    LATE = "late"
    MISSING = "missing"
    OPEN = "open"


STATUS_LABELS = {Status.MET: "按时公开", Status.LATE: "逾期公开", Status.MISSING: "应公开未公开", Status.OPEN: "待公开"}
STATUS_COLOURS = {Status.MET: "green", Status.LATE: "orange", Status.MISSING: "red", Status.OPEN: "grey"}


@dataclass(frozen=True)
class Rule:
    """What the schedule needs of a 事项."""

    recurrence: str
    days: int = 20
    unit: str = DeadlineUnit.WORKING_DAYS
    starts_on: date = date(2000, 1, 1)
    notice_working_days: int | None = None


@dataclass(frozen=True)
class Publication:
    pk: int
    title: str
    written_date: date  # the date the information was formed or changed (变更日期 when there is one)
    publication_date: date


@dataclass
class Obligation:
    label: str
    formed: date  # the last day the information may have been formed: a period's end, an event's 成文日期
    due: date
    status: str
    publication: Publication | None = None
    notice_ends: date | None = None
    provisional: bool = False  # the due date relies on a year whose holiday arrangement is not confirmed
    due_soon: bool = False
    matter: object = field(default=None, compare=False)
    posted: bool | None = None  # for a 事项 owed on a 公开栏: whether the posting was recorded (selectors)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def colour(self) -> str:
        return STATUS_COLOURS[self.status]

    @property
    def overdue(self) -> bool:
        return self.status == Status.MISSING


def due_date(calendar: WorkingCalendar, rule: Rule, formed: date) -> tuple[date, bool]:
    """The last day to publish information formed on `formed`, and whether it is provisional."""
    if rule.unit == DeadlineUnit.DAYS:
        return formed + timedelta(days=rule.days), False
    counted = calendar.add_working_days(formed, rule.days)
    return counted.value, counted.provisional


def notice_end(calendar: WorkingCalendar, rule: Rule, published: date) -> date | None:
    """The last day of a 公示 published on `published` (the publication day itself is not counted)."""
    if not rule.notice_working_days:
        return None
    return calendar.add_working_days(published, rule.notice_working_days).value


def periods(recurrence: str, first: date, last: date) -> list[tuple[str, date, date]]:
    """(label, start, end) of every period of a periodic recurrence that starts between first and last."""
    found: list[tuple[str, date, date]] = []
    if recurrence == Recurrence.MONTHLY:
        step, label = 1, "{y}年{m}月"
    elif recurrence == Recurrence.QUARTERLY:
        step, label = 3, "{y}年第{q}季度"
    elif recurrence == Recurrence.YEARLY:
        step, label = 12, "{y}年"
    else:
        raise ValueError(recurrence)
    year, month = first.year, ((first.month - 1) // step) * step + 1
    while date(year, month, 1) <= last:
        start = date(year, month, 1)
        next_year, next_month = (year + 1, month + step - 12) if month + step > 12 else (year, month + step)
        end = date(next_year, next_month, 1) - timedelta(days=1)
        found.append((label.format(y=year, m=month, q=(month - 1) // 3 + 1), start, end))
        year, month = next_year, next_month
    return found


def _judge(calendar: WorkingCalendar, rule: Rule, label: str, formed: date, found: Publication | None,
           today: date) -> Obligation:  # fmt: skip
    due, provisional = due_date(calendar, rule, formed)
    if found is not None:
        status = Status.MET if found.publication_date <= due else Status.LATE
        notice = notice_end(calendar, rule, found.publication_date)
        return Obligation(label, formed, due, status, found, notice, provisional)
    status = Status.MISSING if today > due else Status.OPEN
    soon = status == Status.OPEN and calendar.working_days_between(today, due).value <= DUE_SOON_WORKING_DAYS
    return Obligation(label, formed, due, status, None, None, provisional, due_soon=soon)


def obligations(calendar: WorkingCalendar, rule: Rule, publications: Iterable[Publication], *, first: date,
                last: date, today: date, earliest: Publication | None = None) -> list[Obligation]:  # fmt: skip
    """The obligations of one 事项 whose period starts (or whose information was formed) between first and last,
    none after today; `publications` are its published items formed in that span, `earliest` (standing 事项
    only) its first publication ever."""
    first, last = max(first, rule.starts_on), min(last, today)
    if first > last:
        return []
    published = sorted(publications, key=lambda p: (p.publication_date, p.pk))
    if rule.recurrence == Recurrence.EVENT:
        return [
            _judge(calendar, rule, f"《{p.title}》", p.written_date, p, today)
            for p in published
            if first <= p.written_date <= last
        ]
    if rule.recurrence == Recurrence.STANDING:
        if rule.starts_on < first:  # the obligation arose before the span asked about
            return []
        return [_judge(calendar, rule, "长期公开", rule.starts_on, earliest, today)]
    found = []
    for label, start, end in periods(rule.recurrence, first, last):
        # the first publication whose information was formed in the period meets it
        within = next((p for p in published if start <= p.written_date <= end), None)
        found.append(_judge(calendar, rule, label, end, within, today))
    return found
