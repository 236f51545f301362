"""The supervision dashboard (督查看板) for inspectors (every organisation, read only) and office heads (their
own): the figures per organisation and period with charts beside their tables, the records behind each number,
and an Excel copy of every figure."""

from __future__ import annotations

import hashlib
import io
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from portal.models import Organisation, Role
from portal.permissions import business_required, is_inspector, organisation_ids, readable_organisations

from . import charts
from . import selectors as dashboard
from .forms import PeriodForm
from .selectors import Period, Row

MONTHS = [f"{m}月" for m in range(1, 13)]


def scope(user: Any) -> list[Organisation]:
    """The organisations whose figures the user sees: all for an inspector, their own for an office head."""
    organisations = Organisation.objects.filter(runs_own_column=True).order_by("position", "name")
    if is_inspector(user):
        return list(organisations)
    own = organisation_ids(user, Role.OFFICE_HEAD)
    if not own:
        raise PermissionDenied("督查看板供监督检查人员和公开工作机构负责人使用。")
    # an office head of an office sees the organisation whose column it publishes through
    heads = Organisation.objects.filter(pk__in=own)
    return list(organisations.filter(pk__in={o.pk if o.runs_own_column else o.parent_id for o in heads}))


def period_from(form: PeriodForm, today: date) -> Period:
    if form.is_valid() and form.cleaned_data.get("start") and form.cleaned_data.get("end"):
        return Period(form.cleaned_data["start"], form.cleaned_data["end"])
    year = form.cleaned_data.get("year") if form.is_valid() else None
    return Period.year(year or today.year)


def figures(request: HttpRequest) -> tuple[list[Row], Period, PeriodForm, datetime]:
    today = timezone.localdate()
    organisations = scope(request.user)
    form = PeriodForm(request.GET or None)
    period = period_from(form, today)
    wanted = request.GET.get("organisation", "")
    if wanted.isdigit():
        organisations = [o for o in organisations if o.pk == int(wanted)] or organisations
    ids = ",".join(str(o.pk) for o in organisations)
    key = "dashboard:" + hashlib.sha256(f"{period.start}:{period.end}:{today}:{ids}".encode()).hexdigest()
    kept = cache.get(key)
    if kept is None:  # figures of the last DASHBOARD_CACHE_SECONDS: a county's year is a second's work on SQLite
        kept = (dashboard.rows(organisations, period, today), timezone.now())
        cache.set(key, kept, settings.DASHBOARD_CACHE_SECONDS)
    rows, computed_at = kept
    return rows, period, form, computed_at


@business_required
def dashboard_page(request: HttpRequest) -> HttpResponse:
    rows, period, form, computed_at = figures(request)
    if request.GET.get("format") == "xlsx":
        return workbook(rows, period)
    months = [(MONTHS[m - 1], sum(r.per_month[m] for r in rows)) for m in range(1, 13)]
    outcomes = _outcome_totals(rows)
    context = {
        "rows": rows,
        "period": period,
        "form": form,
        "months": months,
        "months_chart": charts.bars(months),
        "outcomes": outcomes,
        "outcomes_chart": charts.bars(outcomes),
        "query": request.GET.urlencode(),
        "computed_at": computed_at,
        "cache_minutes": settings.DASHBOARD_CACHE_SECONDS // 60,
        "question_days": settings.QUESTION_REPLY_WORKING_DAYS,
        # the records behind a number are at <behind><org>/<figure>/: reversed once, not once per cell
        "behind": reverse("dashboard:behind", args=[0, "received"]).removesuffix("0/received/"),
        "follow_ups_url": reverse("inspections:follow-ups"),
        "blank_fail": dashboard.BLANK_COLUMNS_FAIL,
        "interpretation_days": settings.INTERPRETATION_WORKING_DAYS,
    }
    return render(request, "supervision/dashboard/page.html", context)


def _outcome_totals(rows: list[Row]) -> list[tuple[str, int]]:
    from requests_app.outcomes import Outcome

    # grouped as the annual report's table 三 groups them: 予以公开, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理
    groups = {value: label.split("：")[0] for value, label in Outcome.choices} | {"": "未记录办理结果"}
    totals: dict[str, int] = {}
    for row in rows:
        for outcome, n in row.outcomes.items():
            totals[groups.get(outcome, outcome)] = totals.get(groups.get(outcome, outcome), 0) + n
    order = list(dict.fromkeys(groups.values()))
    return sorted(totals.items(), key=lambda pair: order.index(pair[0]))


COLUMNS = [
    ("机构", lambda r: r.organisation.name),
    ("收到申请", lambda r: r.received),
    ("办结", lambda r: r.closed),
    ("按期办结", lambda r: r.on_time),
    ("当前超期", lambda r: r.overdue_now),
    ("平均答复工作日", lambda r: round(r.average_reply_days, 1) if r.average_reply_days is not None else ""),
    ("主动公开信息", lambda r: r.published),
    ("超过20个工作日公开", lambda r: r.late),
    ("空白栏目", lambda r: len(r.blank_columns)),
    ("不更新栏目", lambda r: len(r.stale_columns)),
    ("待补内容概述", lambda r: r.summary_missing),
    ("个人信息放行", lambda r: r.overrides),
    ("审核平均小时", lambda r: round(r.average_review_hours, 1) if r.average_review_hours is not None else ""),
    ("意见征集次数", lambda r: r.consultations.held if r.consultations else 0),
    ("收到意见", lambda r: r.consultations.comments if r.consultations else 0),
    ("已答复意见", lambda r: r.consultations.answered if r.consultations else 0),
    ("听证会", lambda r: r.consultations.hearings if r.consultations else 0),
    ("投诉举报", lambda r: r.complaints),
    ("投诉超期未答复", lambda r: r.complaints_overdue),
    ("投诉成立或部分成立", lambda r: r.complaints_upheld),
    ("信息有用评价（有用/全部）", lambda r: f"{r.useful}/{r.votes}"),
    ("社会评议满意率", lambda r: round(r.satisfied_share * 100, 1) if r.satisfied_share is not None else ""),
    ("整改督办未销号", lambda r: r.follow_ups_open),
    ("整改督办超期", lambda r: r.follow_ups_overdue),
    ("上年度报告", lambda r: r.report_status or "尚未编制"),
    ("收到咨询", lambda r: r.questions.received if r.questions else 0),
    ("答复咨询", lambda r: r.questions.answered if r.questions else 0),
    ("按期答复咨询", lambda r: r.questions.on_time if r.questions else 0),
    ("咨询平均答复工作日", lambda r: r.questions.average_days if r.questions else None),
    ("公开问答", lambda r: r.questions.published if r.questions else 0),
    ("当前未答复咨询", lambda r: r.questions.open_now if r.questions else 0),
    ("咨询超期未答复", lambda r: r.questions.overdue_now if r.questions else 0),
    ("最早未答复咨询收到日期", lambda r: str(r.questions.oldest_open or "") if r.questions else ""),
    ("超过3个月未答复咨询", lambda r: len(r.questions.past_veto) if r.questions else 0),
    ("公开事项按时公开", lambda r: r.obligations.met if r.obligations else 0),
    ("公开事项逾期公开", lambda r: r.obligations.late if r.obligations else 0),
    ("公开事项应公开未公开", lambda r: r.obligations.missing if r.obligations else 0),
    ("发布行政规范性文件", lambda r: r.policies.policies if r.policies else 0),
    ("按时发布政策解读", lambda r: r.policies.timely if r.policies else 0),
    ("未按时解读（逾期或超期未解读）", lambda r: r.policies.without_timely if r.policies else 0),
]


def workbook(rows: list[Row], period: Period) -> HttpResponse:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("督查看板")
    sheet.append([f"督查看板（{period.label}）"])
    sheet.append([name for name, _ in COLUMNS])
    for row in rows:
        sheet.append([value(row) for _, value in COLUMNS])
    months = book.create_sheet("每月主动公开")
    months.append(["机构", *MONTHS])
    for row in rows:
        months.append([row.organisation.name, *(row.per_month[m] for m in range(1, 13))])
    columns = book.create_sheet("空白和不更新栏目")
    columns.append(["机构", "栏目", "情况", "最后更新"])
    for row in rows:
        for column in row.blank_columns:
            columns.append([row.organisation.name, column.name, "空白", ""])
        for column, last in row.stale_columns:
            columns.append([row.organisation.name, column.name, "不更新", last.isoformat()])
    matters = book.create_sheet("标准目录公开事项")
    matters.append(["机构", "领域", "按时公开", "逾期公开", "应公开未公开", "待公开"])
    for row in rows:
        for area, counts in row.obligations.by_area.items() if row.obligations else ():
            matters.append([row.organisation.name, area, counts["met"], counts["late"], counts["missing"],
                            counts["open"]])  # fmt: skip
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="dashboard-{period.start}-{period.end}.xlsx"'
    return response


@business_required
def behind(request: HttpRequest, org: int, figure: str) -> HttpResponse:
    """The records behind one number of one organisation's row."""
    from .records import RECORDS

    if not readable_organisations(request.user).filter(pk=org).exists():
        raise Http404("未找到")  # another organisation's row is not there to see, whatever one's role
    organisations = {o.pk: o for o in scope(request.user)}
    if org not in organisations or figure not in RECORDS:
        raise Http404("未找到")  # another organisation's row is not there to see
    organisation = organisations[org]
    period = period_from(PeriodForm(request.GET or None), timezone.localdate())
    label, kind, records = RECORDS[figure](organisation, period, timezone.localdate())
    context = {"organisation": organisation, "period": period, "label": label, "kind": kind, "records": records,
               "query": request.GET.urlencode()}  # fmt: skip
    return render(request, "supervision/dashboard/behind.html", context)


@business_required
def self_check_page(request: HttpRequest) -> HttpResponse:
    """The inspection's self-check for each organisation the user oversees (supervision/dashboard/self_check.py)."""
    from . import self_check

    rows, period, _form, computed_at = figures(request)
    today = timezone.localdate()
    results = [(row, checks, self_check.verdict(checks)) for row in rows
               for checks in [self_check.checks(row, today)]]  # fmt: skip
    return render(request, "supervision/dashboard/self_check.html",
                  {"results": results, "period": period, "computed_at": computed_at})  # fmt: skip
