"""The supervision dashboard (seed §五; regulation.md §2, §5): per organisation and period, what inspectors and
office heads check. Every figure is a grouped query over all the organisations at once, so the number of
queries does not grow with the number of organisations; none counts the whole catalogue: items are read by the
period's range of an index, and a column's last publication by one index seek per column and organisation."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, DurationField, ExpressionWrapper, F, OuterRef, Q, Subquery, Sum

from portal.models import Organisation
from portal.workdays import working_days_between

LATE_WORKING_DAYS = 20  # 条例 第二十六条
BLANK_COLUMNS_FAIL = 5  # five or more blank columns fail a website inspection


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # included

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))

    @property
    def label(self) -> str:
        if (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31) and (
            self.start.year == self.end.year
        ):
            return f"{self.start.year}年"
        return f"{self.start:%Y年%-m月%-d日}至{self.end:%Y年%-m月%-d日}"


@dataclass
class Row:
    """One organisation's figures for the period."""

    organisation: Organisation
    received: int = 0
    closed: int = 0
    on_time: int = 0
    overdue_now: int = 0
    reply_days_total: int = 0  # working days from receipt to reply, summed over the replies in the period
    outcomes: Counter[str] = field(default_factory=Counter)
    published: int = 0
    per_month: Counter[int] = field(default_factory=Counter)
    per_column: Counter[int] = field(default_factory=Counter)
    late: int = 0
    summary_missing: int = 0
    blank_columns: list[Any] = field(default_factory=list)
    stale_columns: list[tuple[Any, date]] = field(default_factory=list)
    overrides: int = 0
    reviewed: int = 0
    review_hours_total: float = 0.0
    consultations: Any = None
    report_status: str = ""
    complaints: int = 0  # received in the period
    complaints_overdue: int = 0  # not answered and past the deadline now
    complaints_past_veto: list[tuple[int, str, date]] = field(default_factory=list)  # unanswered for 3 months
    complaints_upheld: int = 0  # closed in the period as 成立 or 部分成立
    useful: int = 0  # 有用 votes on the organisation's items in the period
    votes: int = 0
    ratings: Counter[str] = field(default_factory=Counter)  # applicants' and evaluations' 满意 / 基本满意 / 不满意
    follow_ups_open: int = 0  # rectifications and tasks not closed
    follow_ups_overdue: int = 0  # of them, past their due date
    questions: Any = None  # 互动交流 (consultations.questions.figures.Figures)
    obligations: Any = None  # the 标准目录's obligations of the period (disclosure.standard_catalogue.selectors.Tally)
    policies: Any = None  # 三同步: policies published and their interpretations (disclosure.interpretations.Figures)

    @property
    def average_reply_days(self) -> float | None:
        return self.reply_days_total / self.closed if self.closed else None

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.closed if self.closed else None

    @property
    def average_review_hours(self) -> float | None:
        return self.review_hours_total / self.reviewed if self.reviewed else None

    @property
    def satisfied_share(self) -> float | None:
        """满意 and 基本满意 among every rating and evaluation of the period."""
        total = sum(self.ratings.values())
        return (self.ratings["satisfied"] + self.ratings["basic"]) / total if total else None

    @property
    def fails_blank(self) -> bool:
        return len(self.blank_columns) >= BLANK_COLUMNS_FAIL


def rows(organisations: list[Organisation], period: Period, today: date) -> list[Row]:
    by_id = {o.pk: Row(o) for o in organisations}
    ids = list(by_id)
    _applications(by_id, ids, period, today)
    _items(by_id, ids, period)
    _columns(by_id, organisations, today)
    _review(by_id, ids, period)
    _consultations(by_id, ids, period)
    _reports(by_id, ids, period)
    _complaints(by_id, ids, period, today)
    _follow_ups(by_id, ids, today)
    _evaluations(by_id, ids, period)
    _questions(by_id, ids, period, today)
    _obligations(by_id, ids, period, today)
    _policies(by_id, ids, period, today)
    return list(by_id.values())


def _questions(by_id: dict[int, Row], ids: list[int], period: Period, today: date) -> None:
    from consultations.questions.figures import by_organisation

    for org, found in by_organisation(ids, period.start, period.end, today).items():
        by_id[org].questions = found


def _policies(by_id: dict[int, Row], ids: list[int], period: Period, today: date) -> None:
    """三同步: the period's policies with and without a timely interpretation (one query)."""
    from disclosure.interpretations import figures_by_organisation

    for org, figures in figures_by_organisation(ids, period.start, period.end, today).items():
        by_id[org].policies = figures


def _obligations(by_id: dict[int, Row], ids: list[int], period: Period, today: date) -> None:
    """The 标准目录's obligations of the period (国办发〔2019〕54号): three queries whatever the number of 事项."""
    from disclosure.standard_catalogue.selectors import tallies

    for org, tally in tallies(ids, first=period.start, last=period.end, today=today).items():
        by_id[org].obligations = tally


def _evaluations(by_id: dict[int, Row], ids: list[int], period: Period) -> None:
    from ..evaluations.models import Evaluation, HandlingRating, ItemVote

    within = (period.start, period.end)
    votes = ItemVote.objects.filter(channel_id__in=ids, voted_on__range=within).values_list("channel_id")
    for org, n, useful in votes.annotate(n=Count("*"), useful=Count("channel_id", filter=Q(useful=True))):
        by_id[org].votes, by_id[org].useful = n, useful
    rated = HandlingRating.objects.filter(organisation_id__in=ids, rated_on__range=within)
    for org, level, n in rated.values_list("organisation_id", "satisfaction").annotate(n=Count("*")):
        by_id[org].ratings[level] += n
    counted = Evaluation.objects.filter(organisation_id__in=ids, held_on__range=within).values_list("organisation_id")
    for org, satisfied, basic, unsatisfied in counted.annotate(
        s=Sum("satisfied"), b=Sum("basic"), u=Sum("unsatisfied")
    ):
        by_id[org].ratings.update({"satisfied": satisfied, "basic": basic, "unsatisfied": unsatisfied})


def _follow_ups(by_id: dict[int, Row], ids: list[int], today: date) -> None:
    from ..inspections.models import FollowUp, FollowUpStatus

    waiting = FollowUp.objects.filter(organisation_id__in=ids).exclude(status=FollowUpStatus.CLOSED)
    for org, n, late in waiting.values_list("organisation_id").annotate(
        n=Count("*"), late=Count("organisation_id", filter=Q(due_on__lt=today))
    ):
        by_id[org].follow_ups_open, by_id[org].follow_ups_overdue = n, late


def _complaints(by_id: dict[int, Row], ids: list[int], period: Period, today: date) -> None:
    from consultations.questions.figures import veto_line

    from ..complaints.models import Complaint, ComplaintStatus, Finding

    within = Complaint.objects.filter(organisation_id__in=ids)
    received = within.filter(received_on__range=(period.start, period.end))
    for org, n in received.values_list("organisation_id").annotate(n=Count("*")):
        by_id[org].complaints = n
    overdue = within.filter(status=ComplaintStatus.OPEN, due_on__lt=today)
    for org, n in overdue.values_list("organisation_id").annotate(n=Count("*")):
        by_id[org].complaints_overdue = n
    old = overdue.filter(received_on__lt=veto_line(today)).order_by("received_on", "pk")
    for org, pk, subject, received_on in old.values_list("organisation_id", "pk", "subject", "received_on")[:200]:
        by_id[org].complaints_past_veto.append((pk, subject, received_on))
    upheld = within.filter(closed_on__range=(period.start, period.end), finding__in=[Finding.UPHELD, Finding.PARTLY])
    for org, n in upheld.values_list("organisation_id").annotate(n=Count("*")):
        by_id[org].complaints_upheld = n


def _applications(by_id: dict[int, Row], ids: list[int], period: Period, today: date) -> None:
    from requests_app.models import Application, Kind

    # as table 三 of the annual report counts them: applications for information that were received
    within = Q(organisation_id__in=ids, kind=Kind.DISCLOSURE, received_on__isnull=False)
    for org, received in (
        Application.objects.filter(within, received_on__range=(period.start, period.end))
        .values_list("organisation_id")
        .annotate(n=Count("*"))
    ):
        by_id[org].received = received
    closed = Application.objects.filter(within).closed_between(period.start, period.end)
    for org, outcome, n in closed.values_list("organisation_id", "outcome").annotate(n=Count("*")):
        by_id[org].outcomes[outcome] += n
        by_id[org].closed += n
    for org, n in closed.on_time().values_list("organisation_id").annotate(n=Count("*")):
        by_id[org].on_time = n
    for org, n in (
        Application.objects.filter(within, in_open_queue=True, deadline__lt=today)
        .values_list("organisation_id")
        .annotate(n=Count("*"))
    ):
        by_id[org].overdue_now = n
    # Σ working days from receipt to reply = Σ W(reply) − Σ W(receipt) for a fixed origin (as the annual report
    # sums them): two grouped counts by date, whatever the number of replies
    replied = closed.exclude(received_on=None).exclude(replied_on=None)
    origin, counted = date(2000, 1, 1), {}  # W(day) once per distinct day, not once per organisation and day
    for name, sign in (("replied_on", 1), ("received_on", -1)):
        for org, day, n in replied.values_list("organisation_id", name).annotate(n=Count("*")):
            if day not in counted:
                counted[day] = working_days_between(origin, day).value
            by_id[org].reply_days_total += sign * counted[day] * n


def _items(by_id: dict[int, Row], ids: list[int], period: Period) -> None:
    from disclosure.models import Item, ItemStatus, ItemTally
    from disclosure.tallies import month_end

    first, last = _whole_months(period)
    counted: list[Any] = []  # (organisation, column, a day of the month, published, late)
    if first <= last:  # whole months from the maintained tally: a few rows per organisation, column and month
        tallies = ItemTally.objects.filter(month__range=(first, last), channel_id__in=ids)
        counted += tallies.values_list("channel_id", "column_id", "month", "published", "late")
    edges = [(period.start, min(period.end, first - timedelta(days=1)))] if period.start < first else []
    if first <= last and month_end(last) < period.end:
        edges.append((month_end(last) + timedelta(days=1), period.end))
    elif first > last and not edges:
        edges.append((period.start, period.end))
    for start, end in edges:  # the days of a month only partly in the period, from the items themselves
        published = Item.objects.filter(status=ItemStatus.PUBLISHED, publication_date__range=(start, end))
        counted += (
            published.filter(channel_id__in=ids)
            .values_list("channel_id", "column_id", "publication_date")
            .annotate(n=Count("*"), late=Count("channel_id", filter=Q(publication_working_days__gt=LATE_WORKING_DAYS)))
            .values_list("channel_id", "column_id", "publication_date", "n", "late")
        )
    for org, column, day, n, late in counted:
        row = by_id[org]
        row.published += n
        row.per_month[day.month] += n
        row.per_column[column] += n
        row.late += late
    for org, n in (
        Item.objects.filter(status=ItemStatus.PUBLISHED, summary="", channel_id__in=ids)
        .values_list("channel_id")
        .annotate(n=Count("*"))
    ):
        by_id[org].summary_missing = n


def _whole_months(period: Period) -> tuple[date, date]:
    """The first days of the first and the last month wholly inside the period (first > last if none)."""
    from disclosure.tallies import month_end

    first = period.start if period.start.day == 1 else month_end(period.start) + timedelta(days=1)
    last_day = period.end if period.end == month_end(period.end) else period.end.replace(day=1) - timedelta(days=1)
    return first, last_day.replace(day=1)


def _columns(by_id: dict[int, Row], organisations: list[Organisation], today: date) -> None:
    """Blank (nothing ever published) and stale (not updated within its cycle) columns: one query, each
    organisation's last publication in each column found by a seek in the column list's index."""
    from disclosure.models import Column, ColumnKind, Item, ItemStatus
    from disclosure.selectors import columns_for

    leaves = list(Column.objects.filter(is_active=True, children__isnull=True).exclude(kind=ColumnKind.ANNUAL_REPORT))
    one_of_each = {o.kind: o for o in organisations}  # which columns apply depends on the kind alone
    applicable = {kind: {c.pk for c in columns_for(o)} for kind, o in one_of_each.items()}
    ids = [o.pk for o in organisations if o.runs_own_column]
    lasts = {
        f"c{column.pk}": Subquery(
            Item.objects.filter(channel=OuterRef("pk"), column=column, status=ItemStatus.PUBLISHED)
            .order_by("-publication_date")
            .values("publication_date")[:1]
        )
        for column in leaves
    }
    if not ids or not lasts:
        return
    for org, *dates in Organisation.objects.filter(pk__in=ids).annotate(**lasts).values_list("pk", *lasts):
        row = by_id[org]
        for column, last_on in zip(leaves, dates, strict=True):
            if column.pk not in applicable[row.organisation.kind]:
                continue
            if last_on is None:
                row.blank_columns.append(column)
            elif column.stale_after_days and last_on < today - timedelta(days=column.stale_after_days):
                row.stale_columns.append((column, last_on))


def _review(by_id: dict[int, Row], ids: list[int], period: Period) -> None:
    from review.models import Override, Submission

    decided = Submission.objects.filter(
        organisation_id__in=ids,
        closed_at__date__range=(period.start, period.end),
        closed_at__gte=F("submitted_at"),  # a backdated decision (an old catalogue's) has no turnaround
    )
    span = ExpressionWrapper(F("closed_at") - F("submitted_at"), output_field=DurationField())
    for org, n, total in decided.values_list("organisation_id").annotate(n=Count("*"), total=Sum(span)):
        by_id[org].reviewed = n
        by_id[org].review_hours_total = total.total_seconds() / 3600 if total else 0.0
    for org, n in (
        Override.objects.filter(
            submission__organisation_id__in=ids,
            submission__submitted_at__date__range=(period.start, period.end),
        )
        .values_list("submission__organisation_id")
        .annotate(n=Count("*"))
    ):
        by_id[org].overrides = n


def _consultations(by_id: dict[int, Row], ids: list[int], period: Period) -> None:
    from consultations.selectors import figures_by_organisation

    for org, found in figures_by_organisation(ids, period.start, period.end).items():
        by_id[org].consultations = found


def _reports(by_id: dict[int, Row], ids: list[int], period: Period) -> None:
    """The state of the report on the year before the period ends (the one due by 31 January)."""
    from ..annual_report.models import AnnualReport, ReportStatus

    labels = dict(ReportStatus.choices)
    states = {}
    reports = AnnualReport.objects.filter(organisation_id__in=ids, year=period.end.year - 1).order_by("version")
    for org, status in reports.values_list("organisation_id", "status"):
        states[org] = f"{period.end.year - 1}年度：{labels[status]}"  # the latest version wins
    for org, row in by_id.items():
        row.report_status = states.get(org, "")
