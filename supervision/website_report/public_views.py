"""The published reports: a page in the national table's layout (with print CSS), the XLSX and PDF of each, the
list of every organisation's reports, and their entries in the 政府信息公开年报 column (on the home page's card)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from disclosure.listings import Entry
from portal.models import Organisation

from . import documents
from .models import WebsiteReport, WebsiteReportStatus
from .views import _xlsx


def listing(organisation: Organisation) -> list[Entry]:
    reports = WebsiteReport.objects.filter(organisation=organisation, status=WebsiteReportStatus.PUBLISHED)
    return [
        Entry(report.title, reverse("website-report-public:report", args=[organisation.slug, report.year]),
              timezone.localdate(report.published_at) if report.published_at else None)
        for report in reports.select_related("organisation").order_by("-year")
    ]  # fmt: skip


def _published(org: str, year: int) -> WebsiteReport:
    report = (
        WebsiteReport.objects.filter(organisation__slug=org, organisation__is_active=True, year=year,
                                     status=WebsiteReportStatus.PUBLISHED)
        .select_related("organisation").first()
    )  # fmt: skip
    if report is None:
        raise Http404("没有这一年度的政府网站工作年度报表")
    return report


def report_list(request: HttpRequest) -> HttpResponse:
    reports = WebsiteReport.objects.filter(status=WebsiteReportStatus.PUBLISHED).select_related("organisation")
    context = {"reports": reports.order_by("-year", "organisation__position", "organisation__name"),
               "breadcrumbs": [("首页", reverse("portal:home")), ("政府网站工作年度报表", "")]}  # fmt: skip
    return render(request, "supervision/website_report/list.html", context)


def report_page(request: HttpRequest, org: str, year: int) -> HttpResponse:
    report = _published(org, year)
    context = documents.context(report) | {
        "breadcrumbs": [("首页", reverse("portal:home")),
                        ("政府网站工作年度报表", reverse("website-report-public:reports")), (report.title, "")],
    }  # fmt: skip
    return render(request, "supervision/website_report/report.html", context)


def report_file(request: HttpRequest, org: str, year: int, fmt: str) -> HttpResponse:
    report = _published(org, year)
    if fmt == "xlsx":
        return _xlsx(report)
    if fmt != "pdf":
        raise Http404("没有这种格式")
    response = HttpResponse(documents.pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{report.organisation.slug}-{year}-website-report.pdf"'
    return response
