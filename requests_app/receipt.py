"""The day of receipt (收到申请之日, 条例 第三十一条; regulation.md §1.2): when the reply clock starts."""

from __future__ import annotations

from datetime import date

from django.db import models

from portal.workdays import WorkingCalendar, current_calendar


class Channel(models.TextChoices):
    IN_PERSON = "in_person", "当面提交"
    ORAL = "oral", "口头提出（工作人员代为填写）"
    SIGNED_POST = "signed_post", "邮政特快专递等需签收的邮件"
    ORDINARY_LETTER = "ordinary_letter", "平常信函"
    ONLINE = "online", "网上申请"
    FAX = "fax", "传真"
    EMAIL = "email", "电子邮件（公布的邮箱）"


# Channels whose receipt date is the day both sides confirm: staff must confirm, and warn after a working day.
NEEDS_CONFIRMATION = {Channel.ORDINARY_LETTER, Channel.ONLINE, Channel.FAX}


def receipt_date(
    channel: Channel,
    *,
    handed_in: date | None = None,
    signed_for: date | None = None,
    confirmed: date | None = None,
    arrived: date | None = None,
) -> date | None:
    """条例 第三十一条: in person (or orally) the day it is handed in; signed-for post the day it is signed for;
    an ordinary letter, an online form or a fax the day receipt is confirmed; email the day it arrives.
    None while a confirmation is still missing."""
    if channel in (Channel.IN_PERSON, Channel.ORAL):
        return handed_in
    if channel == Channel.SIGNED_POST:
        return signed_for
    if channel == Channel.EMAIL:
        return arrived
    return confirmed


def letter_receipt(arrived: date, confirmed: date, *, unreachable: bool) -> date:
    """条例 第三十一条第二项 requires staff to confirm an ordinary letter on the day it arrives. [choice, protecting
    the applicant] A later confirmation keeps the receipt date on the day of arrival, unless the reason it is
    later is that the applicant could not be reached that day (regulation.md §1.2)."""
    return confirmed if unreachable and confirmed > arrived else arrived


def confirmation_overdue(channel: Channel, arrived: date, today: date, calendar: WorkingCalendar | None = None) -> bool:
    """regulation.md §1.2: an online, fax or ordinary-letter application not confirmed after one working day."""
    if channel not in NEEDS_CONFIRMATION:
        return False
    return (calendar or current_calendar()).working_days_between(arrived, today).value > 1
