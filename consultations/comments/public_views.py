"""The public side of comments: those staff chose to publish (text only, personal data masked, never a name or
contact), and a commenter's own comment again with the receipt code (and, once published, its answer)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from disclosure import columns
from disclosure.selectors import organisation_with_column
from disclosure.views.public import column_breadcrumbs
from portal import challenge

from ..models import Consultation, ConsultationStatus
from . import services
from .forms import ReceiptForm
from .models import AdoptionReport, AdoptionStatus

RECEIPT_FAILURES, RECEIPT_ATTEMPTS = "consultation-receipts", 10  # wrong codes per address in 15 minutes
SHOWN_ON_PAGE, SHOWN_PER_PAGE = 20, 50


def shown(consultation: Consultation) -> Any:
    return (
        consultation.comments.filter(shown=True)
        .select_related("section")
        .only("pk", "public_text", "submitted_at", "section__heading", "outcome", "answer", "source")
        .order_by("-pk")
    )


def shown_comments(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    """Every comment staff chose to publish, newest first, 50 a page by the last one seen (no OFFSET)."""
    organisation = organisation_with_column(org)
    consultation = get_object_or_404(
        Consultation, pk=pk, organisation=organisation, status=ConsultationStatus.PUBLISHED,
        opens_on__lte=timezone.localdate(), publish_comments=True,
    )  # fmt: skip
    before = request.GET.get("before", "")
    page = shown(consultation)
    if before.isdigit():
        page = page.filter(pk__lt=int(before))
    rows = list(page[: SHOWN_PER_PAGE + 1])
    context = {
        "organisation": organisation,
        "consultation": consultation,
        "shown": rows[:SHOWN_PER_PAGE],
        "next_before": rows[SHOWN_PER_PAGE - 1].pk if len(rows) > SHOWN_PER_PAGE else None,
        "answered": AdoptionReport.objects.filter(consultation=consultation, status=AdoptionStatus.PUBLISHED).exists(),
        "breadcrumbs": column_breadcrumbs(
            organisation,
            (columns.CONSULTATION.name, reverse("consultations:list", args=[organisation.slug])),
            (consultation.title, reverse("consultations:consultation", args=[organisation.slug, consultation.pk])),
            ("公开的意见", ""),
        ),
    }
    return render(request, "consultations/comments/shown.html", context)


def receipt(request: HttpRequest, org: str) -> HttpResponse:
    """A commenter sees their comment again with the receipt code (and, once published, its answer)."""
    organisation = organisation_with_column(org)
    form = ReceiptForm(request.POST or None)
    found = None
    if request.method == "POST" and challenge.volume(request, RECEIPT_FAILURES) >= RECEIPT_ATTEMPTS:
        form.is_valid()
        form.add_error(None, "查询失败次数过多，请15分钟后再试。")
    elif request.method == "POST" and form.is_valid():
        found = services.find_by_receipt(form.cleaned_data["code"])
        if found is None or found.consultation.organisation_id != organisation.pk:
            challenge.count(request, RECEIPT_FAILURES, 15 * 60)
            found = None
            form.add_error("code", "回执码不正确，请核对后重新输入。")
    answered = (
        found is not None
        and AdoptionReport.objects.filter(
            consultation_id=found.consultation_id, status=AdoptionStatus.PUBLISHED
        ).exists()
    )
    context = {
        "organisation": organisation,
        "form": form,
        "found": found,
        "answered": answered,
        "breadcrumbs": column_breadcrumbs(organisation, (columns.CONSULTATION.name, ""), ("查询我的意见", "")),
    }
    return render(request, "consultations/comments/receipt.html", context, status=400 if form.errors else 200)
