"""The records behind each number of the dashboard: the cases, items or columns it counts (the first 200, in
the order an inspector checks them)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from portal.models import Organisation

from . import selectors as dashboard
from .selectors import Period

SHOWN = 200
Records = tuple[str, str, list[Any]]  # (label, kind: applications | items | columns, records)


def _applications() -> Any:
    from requests_app.models import Application, Kind

    return Application.objects.filter(kind=Kind.DISCLOSURE, received_on__isnull=False).only(
        "pk", "number", "name", "received_on", "deadline", "replied_on", "closed_on", "outcome", "status"
    )


def received(organisation: Organisation, period: Period, today: date) -> Records:
    found = _applications().filter(organisation=organisation, received_on__range=(period.start, period.end))
    return "收到申请", "applications", list(found.order_by("received_on", "pk")[:SHOWN])


def closed(organisation: Organisation, period: Period, today: date) -> Records:
    found = _applications().filter(organisation=organisation).closed_between(period.start, period.end)
    return "办结", "applications", list(found.order_by("closed_on", "pk")[:SHOWN])


def late_replies(organisation: Organisation, period: Period, today: date) -> Records:
    closed = _applications().filter(organisation=organisation).closed_between(period.start, period.end)
    found = closed.exclude(pk__in=closed.on_time().values("pk"))
    return "未按期办结", "applications", list(found.order_by("closed_on", "pk")[:SHOWN])


def overdue(organisation: Organisation, period: Period, today: date) -> Records:
    found = _applications().filter(organisation=organisation, in_open_queue=True, deadline__lt=today)
    return "当前超期", "applications", list(found.order_by("deadline", "pk")[:SHOWN])


def _items() -> Any:
    from disclosure.models import Item, ItemStatus

    return (
        Item.objects.filter(status=ItemStatus.PUBLISHED)
        .select_related("column")
        .only("pk", "title", "index_number", "publication_date", "publication_working_days", "column__name")
    )


def published(organisation: Organisation, period: Period, today: date) -> Records:
    found = _items().filter(channel=organisation, publication_date__range=(period.start, period.end))
    return "主动公开信息", "items", list(found.order_by("-publication_date", "-pk")[:SHOWN])


def late(organisation: Organisation, period: Period, today: date) -> Records:
    found = _items().filter(channel=organisation, publication_date__range=(period.start, period.end),
                            publication_working_days__gt=dashboard.LATE_WORKING_DAYS)  # fmt: skip
    return "超过20个工作日公开（条例第二十六条）", "items", list(found.order_by("-publication_date", "-pk")[:SHOWN])


def summary_missing(organisation: Organisation, period: Period, today: date) -> Records:
    found = _items().filter(channel=organisation, summary="")
    return "待补内容概述", "items", list(found.order_by("-publication_date", "-pk")[:SHOWN])


def columns(organisation: Organisation, period: Period, today: date) -> Records:
    row = dashboard.rows([organisation], period, today)[0]
    entries = [(c, None) for c in row.blank_columns] + row.stale_columns
    return "空白和不更新栏目", "columns", entries


RECORDS: dict[str, Callable[[Organisation, Period, date], Records]] = {
    "received": received,
    "closed": closed,
    "late_replies": late_replies,
    "overdue": overdue,
    "published": published,
    "late": late,
    "summary_missing": summary_missing,
    "columns": columns,
}
