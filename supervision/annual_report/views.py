"""Staff pages of the annual report: drafts of one's organisations (inspectors read every one), each draft with
its tables computed from the records now, the result of every cross-check and the prose to edit."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from portal.forms import add_service_errors
from portal.models import Organisation
from portal.permissions import business_required, get_for_staff, has_role, organisation_ids, scope_for_staff
from requests_app.models import Application

from . import documents, services
from .forms import DraftForm, FiguresForm, ProseForm
from .models import AnnualFigures, AnnualReport, ReportStatus
from .selectors import DRAFTERS


@business_required
def report_list(request: HttpRequest) -> HttpResponse:
    own = Organisation.objects.filter(pk__in=organisation_ids(request.user, *DRAFTERS))
    form = DraftForm(request.POST or None, organisations=own)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.draft(
                organisation=form.cleaned_data["organisation"], year=form.cleaned_data["year"],
                scope=form.cleaned_data["scope"], actor=request.user,
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("supervision:report", pk=report.pk)
    reports = scope_for_staff(request.user, AnnualReport.objects.select_related("organisation"))
    context = {"form": form if own.exists() else None, "reports": reports}
    return render(request, "supervision/annual_report/staff/list.html", context, status=400 if form.errors else 200)


def _report(request: HttpRequest, pk: int) -> AnnualReport:
    return get_for_staff(request, AnnualReport.objects.select_related("organisation"), pk=pk)


@business_required
def report_page(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    editable = report.status == ReportStatus.DRAFT and has_role(request.user, report.organisation, *DRAFTERS)
    figures = AnnualFigures.objects.filter(organisation=report.organisation, year=report.year).first() or AnnualFigures(
        organisation=report.organisation, year=report.year
    )  # saved only when staff enter the figures, never by reading the page
    prose = ProseForm(instance=report)
    numbers = FiguresForm(instance=figures, prefix="figures")
    if request.method == "POST":
        if not editable:
            raise Http404("该报告不能修改")
        if request.POST.get("action") == "figures":
            numbers = FiguresForm(request.POST, instance=figures, prefix="figures")
            if numbers.is_valid():
                numbers.save()
                messages.success(request, "已保存表二的填报数据。")
                return redirect("supervision:report", pk=report.pk)
        else:
            prose = ProseForm(request.POST, instance=report)
            if prose.is_valid():
                prose.save()
                messages.success(request, "已保存报告文字。")
                return redirect("supervision:report", pk=report.pk)
    context = documents.context(report)
    failures = services.compute(report).failures if report.status != ReportStatus.PUBLISHED else []
    numbers_of = dict(
        Application.objects.filter(pk__in={pk for f in failures for pk in f.applications}).values_list("pk", "number")
    )
    context.update({
        "editable": editable, "prose": prose, "numbers": numbers, "failures": failures, "numbers_of": numbers_of,
        "problems": services.submission_problems(report) if editable else [],
        "can_correct": has_role(request.user, report.organisation, *DRAFTERS),
    })  # fmt: skip
    status = 400 if prose.errors or numbers.errors else 200
    return render(request, "supervision/annual_report/staff/report.html", context, status=status)


@business_required
def report_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    report = _report(request, pk)
    name = f"{report.organisation.slug}-{report.year}-annual-report-v{report.version}"
    if fmt == "json":
        body = json.dumps(documents.report_data(report), ensure_ascii=False, indent=1).encode("utf-8")
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    elif fmt == "docx":
        response = HttpResponse(
            documents.docx(report),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    elif fmt == "pdf":
        response = HttpResponse(documents.pdf(report), content_type="application/pdf")
    else:
        raise Http404("没有这种格式")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


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
        messages.success(request, "已提交审核：审核通过后在“政府信息公开年报”栏目发布。")
    return redirect("supervision:report", pk=report.pk)


@require_POST
@business_required
def report_correct(request: HttpRequest, pk: int) -> HttpResponse:
    """A published report is corrected by a new version (the old one stays public beside it)."""
    report = _report(request, pk)
    if not has_role(request.user, report.organisation, *DRAFTERS):
        raise Http404("未找到")
    try:
        correction = services.correct(report=report, actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        return redirect("supervision:report", pk=report.pk)
    messages.info(request, "已建立更正版本：请修改并写明更正理由后提交审核。")
    return redirect("supervision:report", pk=correction.pk)
