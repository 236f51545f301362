"""The public side of 预公开: open and closed consultations (意见征集), the draft with its notes, commenting on
the whole draft or one section, and a receipt code to see one's comment again. No commenter's name or contact
appears on any public page."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from disclosure import columns
from disclosure.selectors import organisation_with_column
from disclosure.views.public import column_breadcrumbs
from portal import challenge
from portal.forms import add_service_errors

from . import rules, services
from .forms import CommentForm, ReceiptForm
from .models import AdoptionReport, AdoptionStatus, Consultation, ConsultationStatus

COMMENTS = "consultation-comments"
RECEIPT_FAILURES, RECEIPT_ATTEMPTS = "consultation-receipts", 10  # wrong codes per address in 15 minutes


def consultation_list(request: HttpRequest, org: str) -> HttpResponse:
    organisation = organisation_with_column(org)
    today = timezone.localdate()
    published = Consultation.objects.filter(
        organisation=organisation, status=ConsultationStatus.PUBLISHED, opens_on__lte=today
    ).select_related("matter")
    context = {
        "organisation": organisation,
        "column": columns.CONSULTATION,
        "open": [(c, c.days_left(today)) for c in published.filter(closes_on__gte=today).order_by("closes_on")],
        "closed": published.filter(closes_on__lt=today).order_by("-closes_on")[:50],
        "breadcrumbs": column_breadcrumbs(organisation, (columns.CONSULTATION.name, "")),
    }
    return render(request, "consultations/list.html", context)


def consultation_page(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisation = organisation_with_column(org)
    today = timezone.localdate()
    consultation = get_object_or_404(
        Consultation.objects.select_related("matter"),
        pk=pk,
        organisation=organisation,
        status=ConsultationStatus.PUBLISHED,
        opens_on__lte=today,
    )
    sections = consultation.sections.all()
    form = CommentForm(
        request.POST or None,
        sections=sections,
        initial={"submission_key": uuid.uuid4(), "section": request.GET.get("section")},
    )
    received = None
    status = 200
    if request.method == "POST":
        status = 400
        if challenge.volume(request, COMMENTS) >= settings.COMMENTS_PER_ADDRESS_HOUR:
            form.is_valid()
            form.add_error(None, "同一网络地址在一小时内提交的意见过多，请稍后再提交；您填写的内容已保留。")
        elif challenge.needed(request, COMMENTS) and not challenge.passed(request.POST.get("altcha", "")):
            form.is_valid()
            form.add_error(None, "请等待页面完成安全验证后再提交；您填写的内容已保留。")
        elif form.is_valid():
            data = form.cleaned_data
            try:
                received = services.comment(
                    consultation=consultation,
                    text=data["text"],
                    name=data["name"],
                    contact=data["contact"],
                    section=data["section"],
                    submission_key=data["submission_key"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                challenge.count(request, COMMENTS)
                status = 200
    matter = consultation.matter
    context = {
        "organisation": organisation,
        "consultation": consultation,
        "sections": sections,
        "form": form,
        "received": received,
        "open": consultation.is_open(today),
        "days_left": consultation.days_left(today),
        "short": rules.is_short(matter.kind, matter.market_related, consultation.opens_on, consultation.closes_on),
        "minimum": rules.minimum_text(matter.kind, matter.market_related),
        "challenge": challenge.new() if challenge.needed(request, COMMENTS) else "",
        "report": AdoptionReport.objects.filter(consultation=consultation, status=AdoptionStatus.PUBLISHED).first(),
        "phases": sorted(matter.phases.all(), key=lambda p: p.position),
        "breadcrumbs": column_breadcrumbs(organisation, (columns.CONSULTATION.name, ""), (consultation.title, "")),
    }
    return render(request, "consultations/consultation.html", context, status=status)


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
    return render(request, "consultations/receipt.html", context, status=400 if form.errors else 200)
