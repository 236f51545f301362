"""Reads of applications for the staff queue and the case page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from portal.models import Role
from portal.permissions import is_inspector, scope_for_staff
from portal.workdays import current_calendar

from .models import CLOCK_STATUSES, OPEN_STATUSES, Application, Status
from .receipt import NEEDS_CONFIRMATION

READ_ROLES = (Role.CASE_OFFICER, Role.OFFICE_HEAD)
SORTS = {
    "deadline": ("deadline", "id"),
    "received": ("-received_on", "-id"),
    "submitted": ("-submitted_at", "-id"),
}


def visible(user: Any) -> QuerySet[Application]:
    """Applications of the organisations where the user handles applications; all of them for inspectors."""
    return scope_for_staff(user, Application.objects.all(), roles=() if is_inspector(user) else READ_ROLES)


def queue(user: Any, params: Any, today: date) -> QuerySet[Application]:
    """The staff queue: open applications by default, filtered and sorted as asked."""
    applications = visible(user).select_related("organisation", "assignee").defer(
        "id_number_encrypted", "phone_encrypted", "address_encrypted", "description", "purpose", "deadline_statement",
        "withheld_parts", "reason", "ground",
    )  # fmt: skip
    status = params.get("status", "open")
    if status == "open":
        applications = applications.filter(status__in=OPEN_STATUSES)
    elif status in Status.values:
        applications = applications.filter(status=status)
    if params.get("assignee") == "me":
        applications = applications.filter(assignee=user)
    elif params.get("assignee") == "none":
        applications = applications.filter(assignee__isnull=True)
    due = params.get("due")
    calendar = current_calendar()
    if due == "overdue":
        applications = applications.filter(status__in=CLOCK_STATUSES, deadline__lt=today)
    elif due == "soon":
        soon = calendar.add_working_days(today, 3).value
        applications = applications.filter(status__in=CLOCK_STATUSES, deadline__gte=today, deadline__lte=soon)
    elif due == "unconfirmed":
        applications = applications.filter(status=Status.SUBMITTED, channel__in=NEEDS_CONFIRMATION)
    if query := params.get("q", "").strip():
        applications = applications.filter(Q(number=query) | Q(name=query))
    order = SORTS.get(params.get("sort", ""), SORTS["deadline"])
    if order[0] == "deadline":
        return applications.order_by("deadline", "id")
    return applications.order_by(*order)


@dataclass(frozen=True)
class Row:
    application: Application
    days_left: int | None
    unconfirmed: bool


def rows(applications: list[Application], today: date) -> list[Row]:
    """Working days left and the one-working-day confirmation flag (条例 第三十一条), from the calendar in memory."""
    calendar = current_calendar()
    result = []
    for application in applications:
        left = None
        if application.deadline and application.status in CLOCK_STATUSES:
            if today <= application.deadline:
                left = calendar.working_days_between(today, application.deadline).value
            else:
                left = -calendar.working_days_between(application.deadline, today).value
        unconfirmed = (
            application.status == Status.SUBMITTED
            and application.channel in NEEDS_CONFIRMATION
            and calendar.working_days_between(application.arrived_on, today).value > 1
        )
        result.append(Row(application, left, unconfirmed))
    return result
