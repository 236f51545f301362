"""The figures of 互动交流 that supervision reads: the dashboard and assessment (per organisation and period),
the self-check (what is unanswered now) and the website's yearly report (政府网站工作年度报表, 留言办理).
Each is a few grouped queries over all the organisations asked about, whatever their number."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, F, Min, Q, QuerySet

from portal.workdays import working_days_between

from .models import Question
from .states import Status

VETO_MONTHS = 3  # a message unanswered this long fails the website inspection (互动回应差, 单项否决)


@dataclass
class Figures:
    received: int = 0  # asked (or passed here) in the period
    answered: int = 0  # answered in the period
    on_time: int = 0  # of them, on or before the deadline
    answer_days_total: int = 0  # working days from receipt to answer, summed over the answers
    closed: int = 0  # answered, converted or dismissed in the period
    published: int = 0  # made public in the period
    open_now: int = 0
    overdue_now: int = 0
    oldest_open: date | None = None  # the day the oldest unanswered question was received
    past_veto: list[tuple[int, str, date]] = field(
        default_factory=list
    )  # (pk, subject, received) unanswered past 3 months

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.answered if self.answered else None

    @property
    def average_days(self) -> float | None:
        return round(self.answer_days_total / self.answered, 1) if self.answered else None


def veto_line(today: date) -> date:
    """Received before this day and still unanswered: three months (90 days) and more."""
    return today - timedelta(days=VETO_MONTHS * 30)


def by_organisation(ids: list[int], start: date, end: date, today: date) -> dict[int, Figures]:
    found = {org: Figures() for org in ids}
    own: QuerySet[Question] = Question.objects.filter(organisation_id__in=ids)
    received = own.filter(received_on__range=(start, end)).values_list("organisation_id")
    for org, n in received.annotate(n=Count("*")):
        found[org].received = n
    closed = own.filter(closed_on__range=(start, end)).values_list("organisation_id")
    for org, n in closed.annotate(n=Count("*")):
        found[org].closed = n
    published = own.filter(published_at__date__range=(start, end)).values_list("organisation_id")
    for org, n in published.annotate(n=Count("*")):
        found[org].published = n
    answers = own.filter(answered_on__range=(start, end)).values_list("organisation_id", "received_on", "answered_on")
    for org, asked, answered, n, on_time in answers.annotate(
        n=Count("*"), on_time=Count("pk", filter=Q(answered_on__lte=F("due_on")))
    ):
        found[org].answered += n
        found[org].on_time += on_time
        found[org].answer_days_total += n * _working_days(asked, answered)
    waiting = own.filter(status=Status.OPEN).values_list("organisation_id")
    for org, n, late, oldest in waiting.annotate(
        n=Count("*"), late=Count("pk", filter=Q(due_on__lt=today)), oldest=Min("received_on")
    ):
        found[org].open_now, found[org].overdue_now, found[org].oldest_open = n, late, oldest
    old = own.filter(status=Status.OPEN, received_on__lt=veto_line(today)).order_by("received_on", "pk")
    for org, pk, subject, received_on in old.values_list("organisation_id", "pk", "subject", "received_on")[:200]:
        found[org].past_veto.append((pk, subject, received_on))
    return found


def _working_days(start: date, end: date) -> int:
    return working_days_between(start, end).value if end > start else 0


def year_figures(ids: list[int], year: int) -> dict[str, Any]:
    """留言办理 of the website's yearly report: received, closed and published in the year, and the average
    natural days from receipt to answer (the national table counts 天)."""
    own = Question.objects.filter(organisation_id__in=ids)
    received = own.filter(received_on__year=year).count()
    closed = own.filter(closed_on__year=year).count()
    published = own.filter(published_at__year=year).count()
    pairs = own.filter(answered_on__year=year).values_list("received_on", "answered_on")
    answered = [(asked, on) for asked, on in pairs if on is not None]
    days = sum((on - asked).days for asked, on in answered)
    average = round(days / len(answered), 1) if answered else None
    return {"received": received, "closed": closed, "average_days": average, "published": published}
