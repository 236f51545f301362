"""Visit figures without tracking people, for the website's yearly report (政府网站工作年度报表: 独立用户访问总量,
网站总访问量) and the staff's reading figures.

Each public page answered (a kept page too) adds one view to its page's count for the day, in the process's
memory. A visitor is counted once a day by a hash of their address and browser under a salt that is random,
made anew each day, and kept only in the shared cache: no cookie is set, and neither the address nor the hash
is ever written to the database, so a day's hashes cannot be linked to the next day's or to a person. Every
FLUSH_SECONDS a process hands its counts to the task worker, which adds them to the database: a page costs a
dictionary update, and the shared cache is asked only once per new visitor and process."""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.tasks import task
from django.utils import timezone

FLUSH_SECONDS = 10
logger = logging.getLogger(__name__)
SKIPPED = re.compile(r"^/(staff|admin|static|media|mode)/|\.(xml|csv|xlsx|pdf|json)$|/(rss|atom)/$")
ROBOTS = re.compile(r"bot|spider|crawl|slurp|curl|wget|python-requests|monitor", re.I)


def page_of(request: HttpRequest) -> str:
    """The counted page: an item, a column, a first-level column, or the view's name."""
    match = request.resolver_match
    if match is None:
        return ""
    kwargs = match.kwargs
    if "pk" in kwargs and match.view_name == "disclosure:item":
        return f"item:{kwargs['pk']}"
    if match.view_name in ("disclosure:column", "disclosure:first-level"):
        return f"column:{kwargs.get('org', '')}/{kwargs.get('slug') or kwargs.get('column', '')}"
    return match.view_name[:120]


class _Tally:
    """One process's counts since its last hand-over."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.views: Counter[tuple[str, str]] = Counter()  # (day, page) -> views
        self.visitors: dict[str, set[str]] = {}  # day -> hashes seen by this process
        self.flushed = time.monotonic()

    def add(self, day: str, page: str, visitor: str) -> None:
        with self.lock:
            self.views[(day, page)] += 1
            self.visitors.setdefault(day, set()).add(visitor)

    def take(self) -> tuple[Counter[tuple[str, str]], dict[str, set[str]]] | None:
        with self.lock:
            if time.monotonic() - self.flushed < FLUSH_SECONDS or not self.views:
                return None
            taken = self.views, self.visitors
            self.views, self.visitors, self.flushed = Counter(), {}, time.monotonic()
            return taken


TALLY = _Tally()


def _salt(day: str) -> str:
    """Today's salt: random, the same on every node (the shared cache), gone after two days."""
    key = f"visits:salt:{day}"
    salt = cache.get(key)
    if salt is None:
        cache.add(key, secrets.token_hex(16), timeout=2 * 86400)
        salt = cache.get(key)
    return str(salt)


class VisitCounter:
    """Counts public pages answered with HTML; staff pages, files, feeds, robots and errors are not counted."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.salts: dict[str, str] = {}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            settings.VISIT_COUNTING and request.method == "GET" and response.status_code == 200
            and not SKIPPED.search(request.path) and "text/html" in response.get("Content-Type", "")
            and not ROBOTS.search(request.META.get("HTTP_USER_AGENT", ""))
        ):  # fmt: skip
            try:
                self.count(request)
            except Exception:  # the shared cache or the task queue down: the page is served, the count lost
                logger.warning("访问量未能计入", exc_info=True)
        return response

    def count(self, request: HttpRequest) -> None:
        from portal.services import client_ip

        day = timezone.localdate().isoformat()
        if day not in self.salts:
            self.salts = {day: _salt(day)}
        seen = f"{self.salts[day]}|{client_ip(request) or ''}|{request.META.get('HTTP_USER_AGENT', '')}"
        TALLY.add(day, page_of(request) or "other", hashlib.sha256(seen.encode()).hexdigest()[:24])
        taken = TALLY.take()
        if taken is not None:
            hand_over(*taken)


def hand_over(views: Counter[tuple[str, str]], visitors: dict[str, set[str]]) -> None:
    """Visitors new to the whole platform today (the shared cache decides), then the counts to the worker."""
    new_visitors = {
        day: sum(1 for hashed in hashes if cache.add(f"visits:seen:{day}:{hashed}", 1, timeout=2 * 86400))
        for day, hashes in visitors.items()
    }
    record.enqueue([[day, page, count] for (day, page), count in views.items()], new_visitors)


@task()
def record(views: list[list[Any]], new_visitors: dict[str, int]) -> int:
    """Add a process's counts to the day's rows (run by the task worker)."""
    from portal.models import DailyVisitors, PageViews

    totals: Counter[str] = Counter()
    for day, page, count in views:
        updated = PageViews.objects.filter(day=day, page=page).update(views=F("views") + count)
        if not updated:
            row, created = PageViews.objects.get_or_create(day=day, page=page, defaults={"views": count})
            if not created:
                PageViews.objects.filter(pk=row.pk).update(views=F("views") + count)
        totals[day] += count
    for day in set(totals) | set(new_visitors):
        add = {"views": F("views") + totals[day], "visitors": F("visitors") + new_visitors.get(day, 0)}
        if not DailyVisitors.objects.filter(day=day).update(**add):
            DailyVisitors.objects.get_or_create(day=day)
            DailyVisitors.objects.filter(day=day).update(**add)
    return sum(totals.values())


def last_days(days: int, today: date | None = None) -> list[tuple[date, int, int]]:
    """(day, unique visitors, views) for each of the last `days` days, today included, zeros filled in."""
    from portal.models import DailyVisitors

    today = today or timezone.localdate()
    start = today - timedelta(days=days - 1)
    found = {row.day: row for row in DailyVisitors.objects.filter(day__gte=start, day__lte=today)}
    return [(day, found[day].visitors if day in found else 0, found[day].views if day in found else 0)
            for day in (start + timedelta(days=n) for n in range(days))]  # fmt: skip
