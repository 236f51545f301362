"""Time limits of disclosure on application as pure functions over the working-day calendar
(条例 第三十条、第三十二条至第三十四条; regulation.md §1.3). Dates come in as arguments; nothing reads the clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from portal.templatetags.portal_tags import cn_date
from portal.workdays import Counted, WorkingCalendar, current_calendar

from .rules import (
    CORRECTION_NOTICE_WORKING_DAYS,
    EXTENSION_WORKING_DAYS,
    INTER_AGENCY_WORKING_DAYS,
    REPLY_WORKING_DAYS,
    THIRD_PARTY_WORKING_DAYS,
)

FEE_PAYMENT_WORKING_DAYS = 20  # 信息处理费管理办法: unpaid 20 working days after the notice → 其他处理 2


@dataclass(frozen=True)
class Pause:
    """A consultation of a third party or another agency: the working days after `started` up to and
    including `ended` are not counted in the reply period (条例 第三十三条第三款)."""

    started: date
    ended: date


@dataclass(frozen=True)
class Reckoning:
    deadline: date
    clock_start: date  # the receipt date, or the day the correction arrived (条例 第三十条)
    paused_working_days: int
    extension_working_days: int
    unconfirmed_years: frozenset[int]

    def explain(self) -> str:
        """The statement of how the deadline was computed, shown to staff and applicants."""
        parts = [f"自{cn_date(self.clock_start)}起算 {REPLY_WORKING_DAYS} 个工作日"]
        if self.paused_working_days:
            parts.append(f"征求意见期间 {self.paused_working_days} 个工作日不计入")
        if self.extension_working_days:
            parts.append(f"经批准延长 {self.extension_working_days} 个工作日")
        text = "，".join(parts) + f"，答复期限为{cn_date(self.deadline)}。"
        if self.unconfirmed_years:
            years = "、".join(str(y) for y in sorted(self.unconfirmed_years))
            text += f"（{years}年放假安排尚未确认，期限为暂定。）"
        return text


def reply_deadline(
    *,
    received: date,
    correction_received: date | None = None,
    pauses: tuple[Pause, ...] = (),
    extension_working_days: int = 0,
    calendar: WorkingCalendar | None = None,
) -> Reckoning:
    """条例 第三十三条: 20 working days from receipt (restarted by a correction, 第三十条), not counting
    consultation periods, plus one approved extension of at most 20 working days."""
    if not 0 <= extension_working_days <= EXTENSION_WORKING_DAYS:
        raise ValueError("延长答复期限最长不超过20个工作日（条例第三十三条）。")
    calendar = calendar or current_calendar()
    start = correction_received or received
    paused = 0
    unconfirmed: set[int] = set()
    for pause in pauses:
        begin = max(pause.started, start)
        if pause.ended > begin:
            counted = calendar.working_days_between(begin, pause.ended)
            paused += counted.value
            unconfirmed |= counted.unconfirmed_years
    total = REPLY_WORKING_DAYS + extension_working_days + paused
    result = calendar.add_working_days(start, total)
    return Reckoning(
        result.value, start, paused, extension_working_days, frozenset(unconfirmed | result.unconfirmed_years)
    )


def _after(start: date, days: int, calendar: WorkingCalendar | None) -> Counted[date]:
    return (calendar or current_calendar()).add_working_days(start, days)


def correction_notice_due(received: date, calendar: WorkingCalendar | None = None) -> Counted[date]:
    """条例 第三十条: the one correction notice goes out within 7 working days of receipt."""
    return _after(received, CORRECTION_NOTICE_WORKING_DAYS, calendar)


def third_party_answer_due(sent: date, calendar: WorkingCalendar | None = None) -> Counted[date]:
    """条例 第三十二条: the third party has 15 working days to answer."""
    return _after(sent, THIRD_PARTY_WORKING_DAYS, calendar)


def inter_agency_answer_due(sent: date, calendar: WorkingCalendar | None = None) -> Counted[date]:
    """条例 第三十四条: the other agency has 15 working days; silence means consent."""
    return _after(sent, INTER_AGENCY_WORKING_DAYS, calendar)


def fee_payment_due(notified: date, calendar: WorkingCalendar | None = None) -> Counted[date]:
    """信息处理费管理办法: payment within 20 working days from the day after the notice."""
    return _after(notified, FEE_PAYMENT_WORKING_DAYS, calendar)
