"""How a website report goes through the review queue (review/registry.py)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from review.registry import Publishable, register
from review.scanner import Text

from . import documents, services
from .models import WebsiteReport


def texts(report: WebsiteReport) -> list[Text]:
    return [Text(name, str(report.entered[name])) for name in services.TEXTS if report.entered.get(name)]


def formed_on(report: WebsiteReport) -> date | None:
    return None  # due by 31 January (国办函〔2018〕12号), not 20 working days after it was written


def page_url(report: WebsiteReport) -> str:
    return reverse("website-report:report", args=[report.pk])


def preview_html(report: WebsiteReport) -> str:
    return documents.html(report, "supervision/website_report/_preview.html")


def register_report() -> None:
    register(
        WebsiteReport,
        Publishable(
            label="政府网站工作年度报表",
            texts=texts,
            unread=lambda report: [],
            previous_texts=lambda report: [],
            formed_on=formed_on,
            metadata_errors=services.submission_problems,
            internal_links=lambda report: [],
            preview_url=page_url,
            edit_url=page_url,
            preview_html=preview_html,
            publish=lambda report, approver, now: services.publish(report=report, approver=approver, now=now),
            send_back=lambda report, actor, reason: services.send_back(report=report, actor=actor, reason=reason),
            mask=lambda report, hits, actor: services.mask(report=report, hits=hits, actor=actor),
        ),
    )
