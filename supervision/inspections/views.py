"""Staff pages of inspections, leadership-group meetings and what they require: inspectors record inspections
and close rectifications; heads of disclosure offices record meetings, report rectifications and tasks done and
close their meetings' tasks; an organisation sees its own."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from portal.forms import add_service_errors
from portal.models import Organisation, Role
from portal.permissions import business_required, has_role, is_inspector, organisation_ids, scope_for_staff

from . import services
from .forms import InspectionForm, LeadershipMeetingForm
from .models import FollowUp, Inspection, LeadershipMeeting


def _inspected() -> Any:
    return Organisation.objects.filter(runs_own_column=True).order_by("position", "name")


def _heads_of(request: HttpRequest) -> Any:
    return Organisation.objects.filter(pk__in=organisation_ids(request.user, Role.OFFICE_HEAD))


def page_context(request: HttpRequest, **forms: Any) -> dict[str, Any]:
    inspector = is_inspector(request.user)
    return {
        "inspections": scope_for_staff(request.user, Inspection.objects.select_related("organisation"))[:100],
        "meetings": scope_for_staff(request.user, LeadershipMeeting.objects.select_related("organisation"))[:100],
        "follow_ups": scope_for_staff(
            request.user, FollowUp.objects.select_related("organisation", "inspection", "meeting")
        ).order_by("status", "due_on", "id")[:300],
        "today": timezone.localdate(),
        "inspector": inspector,
        "heads": set(_heads_of(request).values_list("pk", flat=True)),
        "inspection_form": forms.get("inspection_form")
        or (InspectionForm(organisations=_inspected(), prefix="inspection") if inspector else None),
        "meeting_form": forms.get("meeting_form")
        or (LeadershipMeetingForm(organisations=_heads_of(request), prefix="meeting") if _heads_of(request) else None),
    }


@business_required
def overview(request: HttpRequest) -> HttpResponse:
    return render(request, "supervision/inspections/page.html", page_context(request))


@require_POST
@business_required
def new_inspection(request: HttpRequest) -> HttpResponse:
    if not is_inspector(request.user):
        raise Http404("未找到")
    form = InspectionForm(request.POST, organisations=_inspected(), prefix="inspection")
    if form.is_valid():
        try:
            services.record_inspection(actor=request.user, today=timezone.localdate(), **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "已记录检查结果，整改要求已交被检查机构。")
            return redirect("inspections:follow-ups")
    return render(request, "supervision/inspections/page.html", page_context(request, inspection_form=form), status=400)


@require_POST
@business_required
def new_meeting(request: HttpRequest) -> HttpResponse:
    form = LeadershipMeetingForm(request.POST, organisations=_heads_of(request), prefix="meeting")
    if not _heads_of(request).exists():
        raise Http404("未找到")
    if form.is_valid():
        try:
            services.record_meeting(actor=request.user, today=timezone.localdate(), **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "已记录领导小组会议，督办事项已列入跟踪。")
            return redirect("inspections:follow-ups")
    return render(request, "supervision/inspections/page.html", page_context(request, meeting_form=form), status=400)


@require_POST
@business_required
def follow_up_action(request: HttpRequest, pk: int) -> HttpResponse:
    follow_up = get_object_or_404(scope_for_staff(request.user, FollowUp.objects.all()), pk=pk)
    action, today = request.POST.get("action", ""), timezone.localdate()
    head = has_role(request.user, follow_up.organisation, Role.OFFICE_HEAD)
    closer = is_inspector(request.user) if follow_up.inspection_id else head
    try:
        if action == "report" and head:
            services.report_done(follow_up=follow_up, report=request.POST.get("report", ""), today=today)
            messages.success(request, "已报告完成情况，等待销号。")
        elif action == "close" and closer:
            services.close(follow_up=follow_up, actor=request.user, today=today)
            messages.success(request, "已销号。")
        elif action == "send_back" and closer:
            services.send_back(follow_up=follow_up, reason=request.POST.get("reason", ""), today=today)
            messages.success(request, "已退回继续整改。")
        else:
            raise Http404("未找到")
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect(reverse("inspections:follow-ups") + f"#follow-up-{pk}")
