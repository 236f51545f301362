"""The published annual reports in the 政府信息公开年报 column: the page laid out like the national format, every
past year, every version of a corrected year, and the DOCX and PDF of each."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from disclosure import columns
from disclosure.listings import Entry
from disclosure.selectors import organisation_with_column
from disclosure.views.public import column_breadcrumbs
from portal.models import Organisation

from . import documents
from .models import AnnualReport, ReportStatus

PUBLIC = [ReportStatus.PUBLISHED, ReportStatus.SUPERSEDED]


def listing(organisation: Organisation) -> list[Entry]:
    """For the column: each year's current report, newest year first; corrections say so."""
    reports = AnnualReport.objects.filter(organisation=organisation, status=ReportStatus.PUBLISHED).order_by("-year")
    entries = []
    for report in reports:
        url = reverse("supervision-public:report", args=[organisation.slug, report.year])
        published = report.published_at.date() if report.published_at else None
        note = f"第{report.version}版（更正）" if report.version > 1 else ""
        entries.append(Entry(report.title, url, published, note))
    return entries


def _version(org: str, year: int, version: int | None) -> tuple[Organisation, AnnualReport]:
    organisation = organisation_with_column(org)
    reports = AnnualReport.objects.filter(organisation=organisation, year=year, status__in=PUBLIC)
    report = (
        reports.filter(version=version).first() if version else reports.filter(status=ReportStatus.PUBLISHED).first()
    )
    if report is None:
        raise Http404("没有这一年度的年度报告")
    return organisation, report


def report_page(request: HttpRequest, org: str, year: int, version: int | None = None) -> HttpResponse:
    organisation, report = _version(org, year, version)
    versions = AnnualReport.objects.filter(organisation=organisation, year=year, status__in=PUBLIC).order_by("version")
    column_url = reverse("disclosure:first-level", args=[organisation.slug, columns.ANNUAL_REPORT.slug])
    context = documents.context(report) | {
        "organisation": organisation,
        "versions": versions,
        "current_url": reverse("supervision-public:report", args=[organisation.slug, year]),
        "breadcrumbs": column_breadcrumbs(organisation, (columns.ANNUAL_REPORT.name, column_url), (report.title, "")),
    }
    return render(request, "supervision/annual_report/report.html", context)


def report_file(request: HttpRequest, org: str, year: int, version: int, fmt: str) -> HttpResponse:
    organisation, report = _version(org, year, version)
    if fmt == "docx":
        body = documents.docx(report)
        kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    elif fmt == "pdf":
        body, kind = documents.pdf(report), "application/pdf"
    else:
        raise Http404("没有这种格式")
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = (
        f'attachment; filename="{organisation.slug}-{year}-annual-report-v{version}.{fmt}"'
    )
    return response
