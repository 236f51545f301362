"""Scheduled work for applications: deadline reminders (run by cron or the task worker; safe to run twice)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from dataclasses import fields as fields_of
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from portal.storage import private as private_storage
from portal.storage import walk

from .mail import send_reminder, send_unconfirmed
from .models import CLOCK_STATUSES, Application, Consultation, Reminder, Status
from .receipt import NEEDS_CONFIRMATION
from .selectors import unconfirmed_too_long
from .services import days_left, reckon


def reminder_level(left: int | None) -> str:
    if left is None:
        return Reminder.NONE
    if left < 0:
        return Reminder.OVERDUE
    return Reminder.DUE_SOON if left <= settings.REMINDER_WORKING_DAYS else Reminder.NONE


def send_reminders(today: date | None = None) -> int:
    """Mark applications due within REMINDER_WORKING_DAYS working days, or overdue, and mail the case officer
    and the office head once per change of mark: a second run the same day sends nothing."""
    today = today or timezone.localdate()
    sent = 0
    candidates = Application.objects.clock_running().select_related("organisation", "assignee")
    for application in candidates.iterator(chunk_size=500):
        left = days_left(application, today)
        level = reminder_level(left)
        if level == application.reminder:
            continue
        with transaction.atomic():
            changed = Application.objects.filter(pk=application.pk, reminder=application.reminder).update(
                reminder=level
            )
        if changed and level and left is not None:
            sent += send_reminder(application, left)
    return sent + _unconfirmed(today)


def _unconfirmed(today: date) -> int:
    """条例 第三十一条: an online, fax or ordinary-letter application not confirmed after one working day."""
    waiting = Application.objects.filter(status=Status.SUBMITTED, channel__in=NEEDS_CONFIRMATION).exclude(
        reminder=Reminder.UNCONFIRMED
    )
    sent = 0
    for application in waiting.select_related("organisation", "assignee"):
        if not unconfirmed_too_long(application, today):
            continue
        if Application.objects.filter(pk=application.pk, reminder=application.reminder).update(
            reminder=Reminder.UNCONFIRMED
        ):
            sent += send_unconfirmed(application)
    return sent


def discard_abandoned_uploads(now: datetime | None = None, max_age_hours: int | None = None) -> int:
    """Files uploaded on the online form's attachment page wait under pending/ until the form is submitted;
    an application abandoned for two days has its files deleted (they may hold identity documents). Read and
    deleted through the storage API, so one node cleans what every node received; two at once delete nothing
    twice (a deletion of a file already gone is no error)."""
    storage = private_storage()
    cutoff = (now or timezone.now()) - timedelta(hours=max_age_hours or settings.DRAFT_LIFETIME_HOURS)
    removed = 0
    for name in list(walk(storage, "pending")):
        try:
            abandoned = storage.get_modified_time(name) < cutoff
        except FileNotFoundError:  # deleted by another node a moment ago
            continue
        if abandoned:
            storage.delete(name)
            removed += 1
    return removed


@dataclass(slots=True)
class CaseDates:
    """The dates a deadline depends on, read without building model instances (100,000 rows in well under 2 s)."""

    pk: int
    status: str
    clock_start: date | None
    extension_working_days: int
    later_reply_date: date | None
    fee_notified_on: date | None
    fee_due: date | None
    fee_paid_on: date | None
    deadline: date | None
    deadline_statement: str


def recompute_deadlines(*, open_only: bool = True, batch: int = 5000) -> int:
    """Compute the stored deadlines again from each case's dates: after the calendar changed (an admin entered
    next year's arrangement), every open deadline may move. Returns how many changed."""
    cases = Application.objects.exclude(clock_start=None)
    if open_only:
        cases = cases.filter(status__in=CLOCK_STATUSES)  # clock_running() but for the deadline: it may be unset
    consultations: dict[int, list[Consultation]] = defaultdict(list)
    for consultation in Consultation.objects.filter(application__in=cases.values("pk")):
        consultations[consultation.application_id].append(consultation)
    fields = [f.name for f in fields_of(CaseDates)]
    changed, last = 0, 0
    while rows := list(cases.filter(pk__gt=last).order_by("pk").values_list(*fields)[:batch]):
        last = rows[-1][0]
        dirty = []
        for row in rows:
            case = CaseDates(*row)
            before = (case.deadline, case.deadline_statement)
            reckon(case, consultations.get(case.pk, []))  # type: ignore[arg-type]
            if (case.deadline, case.deadline_statement) != before:
                dirty.append(
                    Application(pk=case.pk, deadline=case.deadline, deadline_statement=case.deadline_statement)
                )
        with transaction.atomic():
            Application.objects.bulk_update(dirty, ["deadline", "deadline_statement"])
        changed += len(dirty)
    return changed
