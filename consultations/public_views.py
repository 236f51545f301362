"""The public side of 预公开: open and closed consultations (意见征集), the draft with its notes, commenting on
the whole draft or one section, and a receipt code to see one's comment again. No commenter's name or contact
appears on any public page."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from disclosure import columns
from disclosure.models import ItemStatus
from disclosure.selectors import organisation_with_column
from disclosure.views.public import column_breadcrumbs
from portal import challenge
from portal.forms import add_service_errors

from . import files, rules
from .comments import services as comments
from .comments.forms import CommentForm
from .comments.public_views import SHOWN_ON_PAGE, shown
from .hearings.models import HearingStatus
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
        refused = challenge.refusal(request, COMMENTS, "意见")
        if refused:
            form.is_valid()
            form.add_error(None, refused)
        elif form.is_valid():
            data = form.cleaned_data
            try:
                received = comments.comment(
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
    today = timezone.localdate()
    phases = sorted((p.as_of(consultation, today) for p in matter.phases.all()), key=lambda p: p.position)
    decision = consultation.decision_item
    return {
        "public_phases": [(phase, [d for d in documents if d.phase_id == phase.pk]) for phase in phases],
        "documents": [d for d in documents if d.consultation_id == consultation.pk],
        "hearings": matter.hearings.filter(status=HearingStatus.PUBLISHED),
        "shown": list(shown(consultation)[:SHOWN_ON_PAGE]) if consultation.publish_comments else [],
        "decision": decision if decision is not None and decision.status == ItemStatus.PUBLISHED else None,
    }


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
