"""The public side of 预公开: open and closed consultations (意见征集), the draft with its notes, commenting on
the whole draft or one section, and a receipt code to see one's comment again. No commenter's name or contact
appears on any public page."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from disclosure import columns
from disclosure.models import ItemStatus
from disclosure.selectors import organisation_with_column
from disclosure.views.public import column_breadcrumbs
from portal import challenge
from portal.forms import add_service_errors

from . import files, rules, services
from .forms import CommentForm, ReceiptForm
from .meetings import HearingStatus
from .models import (
    AdoptionReport,
    AdoptionStatus,
    Consultation,
    ConsultationStatus,
    Document,
    DocumentStatus,
    Hearing,
)

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
        "hearings": Hearing.objects.filter(organisation=organisation, status=HearingStatus.PUBLISHED)[:20],
        "breadcrumbs": column_breadcrumbs(organisation, (columns.CONSULTATION.name, "")),
    }
    return render(request, "consultations/list.html", context)


def consultation_page(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisation = organisation_with_column(org)
    today = timezone.localdate()
    consultation = get_object_or_404(
        Consultation.objects.select_related("matter", "decision_item", "adoption_report"),
        pk=pk,
        organisation=organisation,
        status=ConsultationStatus.PUBLISHED,
        opens_on__lte=today,
    )
    sections = list(consultation.sections.all())
    form = CommentForm(
        request.POST or None,
        request.FILES or None,
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
                    upload=data["attachment"],
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
        "report": _published_report(consultation),
        "breadcrumbs": column_breadcrumbs(organisation, (columns.CONSULTATION.name, ""), (consultation.title, "")),
        **_decision_context(consultation),
    }
    return render(request, "consultations/consultation.html", context, status=status)


def _published_report(consultation: Consultation) -> AdoptionReport | None:
    report = getattr(consultation, "adoption_report", None)  # read with the consultation
    return report if report is not None and report.status == AdoptionStatus.PUBLISHED else None


def _decision_context(consultation: Consultation) -> dict[str, Any]:
    """What the public follows of the decision: phases with their public files, hearings, moderated comments,
    the final decision. A bounded number of queries whatever the number of comments."""
    matter = consultation.matter
    documents = list(files.public(matter.documents.all()))
    phases = sorted(matter.phases.all(), key=lambda p: p.position)
    decision = consultation.decision_item
    return {
        "public_phases": [(phase, [d for d in documents if d.phase_id == phase.pk]) for phase in phases],
        "documents": [d for d in documents if d.consultation_id == consultation.pk],
        "hearings": matter.hearings.filter(status=HearingStatus.PUBLISHED),
        "shown": list(_shown(consultation)[:SHOWN_ON_PAGE]) if consultation.publish_comments else [],
        "decision": decision if decision is not None and decision.status == ItemStatus.PUBLISHED else None,
    }


SHOWN_ON_PAGE, SHOWN_PER_PAGE = 20, 50


def _shown(consultation: Consultation) -> Any:
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
    page = _shown(consultation)
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
    return render(request, "consultations/shown.html", context)


def document(request: HttpRequest, org: str, pk: int) -> FileResponse:
    """A decision's public file: reviewed and published, of a consultation already open."""
    organisation = organisation_with_column(org)
    found = get_object_or_404(
        Document.objects.select_related("consultation"), pk=pk, organisation=organisation,
        status=DocumentStatus.PUBLISHED,
    )  # fmt: skip
    if found.consultation is not None and found.consultation.opens_on > timezone.localdate():
        raise Http404("未找到")
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=found.name)


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
