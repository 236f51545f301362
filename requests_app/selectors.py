"""Reads of applications for the staff queue and the case page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings

from portal.models import Role
from portal.permissions import is_inspector, organisation_ids, scope_for_staff
from portal.workbench import Block, Line
from portal.workdays import current_calendar

from .models import CLOCK_STATUSES, Application, ApplicationQuerySet, Status
from .receipt import Channel, confirmation_overdue
from .services import days_left

READ_ROLES = (Role.CASE_OFFICER, Role.OFFICE_HEAD)
SORTS = {
    "deadline": ("deadline", "id"),
    "received": ("-received_on", "-id"),
    "submitted": ("-submitted_at", "-id"),
}


def visible(user: Any) -> ApplicationQuerySet:
    """Applications of the organisations where the user handles applications; all of them for inspectors."""
    return scope_for_staff(user, Application.objects.all(), roles=() if is_inspector(user) else READ_ROLES)


NUMBER = re.compile(r"^\d{4}-\d{3}-\d+$")


def queue(user: Any, params: Any, today: date) -> ApplicationQuerySet:
    """The staff queue: open applications by default, filtered and sorted as asked. Page through its ids
    (each order is one range of an index) and fetch the page's rows with `page_rows`."""
    applications = visible(user)
    status = params.get("status", "open")
    if status == "open":
        applications = applications.open()
    elif status in Status.values:
        applications = applications.filter(status=status)
    if params.get("assignee") == "me":
        applications = applications.filter(assignee=user)
    elif params.get("assignee") == "none":
        applications = applications.filter(assignee__isnull=True)
    due = params.get("due")
    if due == "overdue":
        applications = applications.overdue(today)
    elif due == "soon":
        applications = applications.due_soon(today)
    elif due == "unconfirmed":
        applications = applications.unconfirmed()
    elif due == "sign_off":
        applications = applications.awaiting_sign_off()
    elif due == "extension":
        applications = applications.awaiting_extension_approval()
    if query := params.get("q", "").strip():
        applications = applications.filter(number=query) if NUMBER.match(query) else applications.filter(name=query)
    return applications.order_by(*SORTS.get(params.get("sort", ""), SORTS["deadline"]))


def page_rows(ids: list[int]) -> list[Application]:
    """The rows of one queue page, in the page's order, by primary key."""
    found = Application.objects.select_related("organisation", "assignee").defer(*LIST_DEFERRED).in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


LIST_DEFERRED = ("id_number_encrypted", "phone_encrypted", "address_encrypted", "description", "purpose",
                 "deadline_statement", "withheld_parts", "reason", "ground")  # fmt: skip


@dataclass(frozen=True)
class Row:
    application: Application
    days_left: int | None
    unconfirmed: bool
    provisional: bool = False  # the deadline lies in a year whose holiday arrangement is not yet confirmed


def unconfirmed_too_long(application: Application, today: date) -> bool:
    """条例 第三十一条: an online, fax or ordinary-letter application still unconfirmed after one working day."""
    return application.status == Status.SUBMITTED and confirmation_overdue(
        Channel(application.channel), application.arrived_on, today
    )


def rows(applications: list[Application], today: date) -> list[Row]:
    """Working days left while the clock runs, and the confirmation flag, from the calendar in memory."""
    confirmed = current_calendar().confirmed_years
    return [
        Row(
            application,
            days_left(application, today) if application.status in CLOCK_STATUSES else None,
            unconfirmed_too_long(application, today),
            application.deadline is not None and application.deadline.year not in confirmed,
        )
        for application in applications
    ]


def attention(user: Any, today: date) -> dict[str, int]:
    """What needs a case officer or office head today, for the workbench: unconfirmed applications (and
    those waiting more than one working day, 条例 第三十一条), overdue and due within 3 working days."""
    mine = scope_for_staff(user, Application.objects.all(), roles=READ_ROLES)
    waiting = list(mine.unconfirmed().only("channel", "arrived_on"))
    return {
        "unconfirmed": len(waiting),
        "unconfirmed_late": sum(confirmation_overdue(Channel(a.channel), a.arrived_on, today) for a in waiting),
        "overdue": mine.overdue(today).count(),
        "due_soon": mine.due_soon(today).count(),
    }


def workbench_block(user: Any, today: date) -> Block | None:
    """The workbench's 依申请公开 block for case officers and office heads."""
    from django.urls import reverse

    if not organisation_ids(user, Role.CASE_OFFICER, Role.OFFICE_HEAD):
        return None
    counts = attention(user, today)
    queue = reverse("requests-staff:queue")
    late = counts["unconfirmed_late"]
    waiting_for_head = []
    if organisation_ids(user, Role.OFFICE_HEAD):
        heads = scope_for_staff(user, Application.objects.all(), roles=(Role.OFFICE_HEAD,))
        waiting_for_head = [
            Line(f"待签发的答复：{heads.awaiting_sign_off().count()} 件", f"{queue}?due=sign_off"),
            Line(f"待审批的延期申请：{heads.awaiting_extension_approval().count()} 件", f"{queue}?due=extension"),
        ]  # fmt: skip
    return Block(
        "依申请公开",
        [
            *waiting_for_head,
            Line(f"待确认收到：{counts['unconfirmed']} 件", f"{queue}?due=unconfirmed",
                 f"其中 {late} 件超过1个工作日未确认" if late else ""),
            Line(f"已超期：{counts['overdue']} 件", f"{queue}?due=overdue"),
            Line(f"{settings.REMINDER_WORKING_DAYS}个工作日内到期：{counts['due_soon']} 件", f"{queue}?due=soon"),
        ],
    )  # fmt: skip
