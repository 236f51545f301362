"""Scheduled work for applications: deadline reminders (run by cron or the task worker; safe to run twice)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .mail import send_reminder
from .models import CLOCK_STATUSES, Application, Reminder
from .services import days_left


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
    candidates = Application.objects.filter(status__in=CLOCK_STATUSES, deadline__isnull=False).select_related(
        "organisation", "assignee"
    )
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
    return sent
