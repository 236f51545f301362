"""Staff pages of 政府网站工作年度报表: the reports of one's organisations (a new one drafted there), a report with
its counted figures and the form of what staff enter, and the platform's list of every organisation's report
of a year for inspectors and the system administrator."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from portal.forms import add_service_errors
from portal.models import Duty, Organisation
from portal.permissions import (
    business_required,
    get_for_staff,
    has_duty,
    has_role,
    is_inspector,
    organisation_ids,
    scope_for_staff,
    staff_required,
)  # fmt: skip

from . import documents, selectors, services
from .forms import DraftForm, EnteredForm
from .models import WebsiteReport, WebsiteReportStatus
from .selectors import DRAFTERS


@business_required
def report_list(request: HttpRequest) -> HttpResponse:
    own = Organisation.objects.filter(pk__in=organisation_ids(request.user, *DRAFTERS)).with_column()
    form = DraftForm(request.POST or None, organisations=own)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.draft(
                organisation=form.cleaned_data["organisation"], year=form.cleaned_data["year"], actor=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("website-report:report", pk=report.pk)
    reports = scope_for_staff(request.user, WebsiteReport.objects.select_related("organisation"))
    context = {"form": form if own.exists() else None, "reports": reports,
               "platform": is_inspector(request.user)}  # fmt: skip
    return render(request, "supervision/website_report/staff/list.html", context, status=400 if form.errors else 200)


def _report(request: HttpRequest, pk: int) -> WebsiteReport:
    return get_for_staff(request, WebsiteReport.objects.select_related("organisation"), pk=pk)


@business_required
def report_page(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    editable = report.status == WebsiteReportStatus.DRAFT and has_role(request.user, report.organisation, *DRAFTERS)
    form = EnteredForm(initial=_initial(report))
    if request.method == "POST":
        if not editable:
            raise Http404("该报表不能修改")
        form = EnteredForm(request.POST)
        if form.is_valid():
            services.save_entered(report=report, values=form.values(), actor=request.user)
            messages.success(request, "已保存填报数据。")
            return redirect("website-report:report", pk=report.pk)
    context = documents.context(report) | {
        "editable": editable, "form": form,
        "problems": services.submission_problems(report) if editable else [],
    }  # fmt: skip
    return render(request, "supervision/website_report/staff/report.html", context, status=400 if form.errors else 200)


def _initial(report: WebsiteReport) -> dict[str, object]:
    return {key: value for key, value in report.entered.items() if value is not None}


@require_POST
@business_required
def report_recompute(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    if not has_role(request.user, report.organisation, *DRAFTERS):
        raise Http404("未找到")
    try:
        services.recompute(report=report, actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, "已按现有记录重新统计。")
    return redirect("website-report:report", pk=report.pk)


@require_POST
@business_required
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    if not has_role(request.user, report.organisation, *DRAFTERS):
        raise Http404("未找到")
    try:
        services.submit(report=report, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, "已提交审核：审核通过后在网站首页和“政府信息公开年报”栏目公开。")
    return redirect("website-report:report", pk=report.pk)


@business_required
def report_download(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    return _xlsx(report)


def _xlsx(report: WebsiteReport) -> HttpResponse:
    response = HttpResponse(
        documents.xlsx(report), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{report.organisation.slug}-{report.year}-website-report.xlsx"'
    )
    return response


@staff_required
def platform_page(request: HttpRequest) -> HttpResponse:
    """Every organisation's report of a year: published when, 按时/逾期/未公开 (国办函〔2018〕12号: 1月31日前)."""
    if not (is_inspector(request.user) or has_duty(request.user, Duty.SYSTEM)):
        raise PermissionDenied("平台年度报表情况仅供督查人员和系统管理员查看。")
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year - 1))
    except ValueError:
        year = today.year - 1
    year = min(max(year, 2017), today.year - 1)
    rows = selectors.platform_rows(year, today)
    counts = {state: sum(1 for r in rows if r.state == state)
              for state in (selectors.ON_TIME, selectors.LATE, selectors.MISSING, selectors.NOT_DUE)}  # fmt: skip
    context = {"rows": rows, "year": year, "years": range(today.year - 1, 2016, -1), "counts": counts,
               "deadline": selectors.deadline_for(year)}  # fmt: skip
    return render(request, "supervision/website_report/staff/platform.html", context)
