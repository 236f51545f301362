"""Staff pages: prepare a consultation on a decision's draft and send it to review; see the comments."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from portal.forms import add_service_errors
from portal.models import Organisation, Role
from portal.permissions import business_required, get_for_staff, has_role, organisation_ids, scope_for_staff

from . import rules, services
from .forms import PrepareForm
from .models import Consultation

PREPARERS = (Role.EDITOR, Role.OFFICE_HEAD)


@business_required
def consultation_list(request: HttpRequest) -> HttpResponse:
    own = Organisation.objects.filter(pk__in=organisation_ids(request.user, *PREPARERS))
    form = PrepareForm(request.POST or None)
    if request.method == "POST":
        organisation = own.filter(pk=request.POST.get("organisation") or 0).first() or own.first()
        if organisation is None:
            raise Http404("没有可征求意见的机构")
        if form.is_valid():
            data = form.cleaned_data
            try:
                consultation = services.prepare(
                    organisation=organisation,
                    actor=request.user,
                    matter={
                        "title": data["matter_title"],
                        "kind": data["kind"],
                        "market_related": data["market_related"],
                    },
                    fields={
                        k: data[k]
                        for k in ("title", "explanation", "how_to_comment", "opens_on", "closes_on", "short_reason")
                    },
                    draft_text=data["draft_text"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("consultations-staff:consultation", pk=consultation.pk)
    consultations = scope_for_staff(request.user, Consultation.objects.select_related("matter", "organisation"))
    context = {
        "form": form if own.exists() else None,
        "organisations": own,
        "consultations": consultations,
        "today": timezone.localdate(),
    }
    return render(request, "consultations/staff/list.html", context, status=400 if form.errors else 200)


def _consultation(request: HttpRequest, pk: int) -> Consultation:
    return get_for_staff(request, Consultation.objects.select_related("matter", "organisation"), pk=pk)


@business_required
def consultation_page(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    matter = consultation.matter
    context = {
        "consultation": consultation,
        "sections": consultation.sections.all(),
        "comments": consultation.comments.select_related("section").order_by("submitted_at", "id")[:500],
        "comment_count": consultation.comments.count(),
        "problems": services.review_problems(consultation),
        "minimum": rules.minimum_text(matter.kind, matter.market_related),
        "short": rules.is_short(matter.kind, matter.market_related, consultation.opens_on, consultation.closes_on),
        "can_submit": consultation.status == "draft" and has_role(request.user, consultation.organisation, *PREPARERS),
        "today": timezone.localdate(),
    }
    return render(request, "consultations/staff/consultation.html", context)


@require_POST
@business_required
def consultation_submit(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    if not has_role(request.user, consultation.organisation, *PREPARERS):
        raise Http404("未找到")
    try:
        services.submit(consultation=consultation, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, "已提交审核：审核通过后于开始日期起公开征求意见。")
    return redirect("consultations-staff:consultation", pk=consultation.pk)
