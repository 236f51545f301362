"""网站访问量: the last 30 days' unique visitors and views, and the most read items and columns (portal/visits.py
counts them without cookies or stored identifiers); a CSV of the daily figures for the yearly website report."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from disclosure.models import Item
from portal.models import PageViews
from portal.permissions import business_required
from portal.visits import last_days

from . import charts

DAYS = 30


def most_read(start: Any, end: Any, limit: int = 20) -> list[dict[str, Any]]:
    """The pages read most in the period: items with their titles, columns and other pages by name."""
    rows = PageViews.objects.filter(day__gte=start, day__lte=end).values("page").annotate(views=Sum("views"))
    totals: list[dict[str, Any]] = [dict(row) for row in rows.order_by("-views", "page")[:limit]]
    items = Item.objects.in_bulk([int(t["page"][5:]) for t in totals if t["page"].startswith("item:")])
    for total in totals:
        page = total["page"]
        item = items.get(int(page[5:])) if page.startswith("item:") else None
        total["title"] = item.title if item else PAGE_NAMES.get(page, page.removeprefix("column:"))
        total["url"] = item.get_absolute_url() if item else ""
    return totals


PAGE_NAMES = {"portal:home": "首页", "disclosure:search": "搜索", "disclosure:organisation": "机构公开专栏"}


@business_required
def visits_page(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    days = last_days(DAYS, today)
    if request.GET.get("format") == "csv":
        return _csv(days)
    start = today - timedelta(days=DAYS - 1)
    context = {
        "days": days,
        "visitors": sum(v for _, v, _ in days),
        "views": sum(p for _, _, p in days),
        "chart": charts.bars([(f"{d.month}月{d.day}日", v) for d, v, _ in days]),
        "pages": most_read(start, today),
    }
    return render(request, "supervision/dashboard/visits.html", context)


def _csv(days: list[Any]) -> HttpResponse:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(["日期", "独立用户访问量", "总访问量"])
    writer.writerows([day.isoformat(), visitors, views] for day, visitors, views in days)
    response = HttpResponse(out.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="visits.csv"'
    return response
