"""How an annual report goes through the review queue (review/registry.py)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from review.registry import Publishable, register
from review.scanner import Text

from . import documents, services
from .models import AnnualReport, ReportStatus


def texts(report: AnnualReport) -> list[Text]:
    return [Text(name, getattr(report, name)) for name in services.PROSE if getattr(report, name)]


def previous_texts(report: AnnualReport) -> list[Text]:
    previous = AnnualReport.objects.filter(
        organisation=report.organisation, year=report.year, status=ReportStatus.PUBLISHED
    ).first()
    return texts(previous) if previous else []


def formed_on(report: AnnualReport) -> date | None:
    return None  # due by the platform's annual-report date, not 20 working days after it was written


def metadata_errors(report: AnnualReport) -> list[str]:
    return services.submission_problems(report)


def page_url(report: AnnualReport) -> str:
    return reverse("supervision:report", args=[report.pk])


def preview_html(report: AnnualReport) -> str:
    return documents.html(report, "supervision/annual_report/_preview.html")


def register_report() -> None:
    register(
        AnnualReport,
        Publishable(
            label="年度报告",
            texts=texts,
            unread=lambda report: [],
            previous_texts=previous_texts,
            formed_on=formed_on,
            metadata_errors=metadata_errors,
            internal_links=lambda report: [],
            preview_url=page_url,
            edit_url=page_url,
            preview_html=preview_html,
            publish=lambda report, approver, now: services.publish(report=report, approver=approver, now=now),
            send_back=lambda report, actor, reason: services.send_back(report=report, actor=actor, reason=reason),
            mask=lambda report, hits, actor: services.mask(report=report, hits=hits, actor=actor),
        ),
    )
