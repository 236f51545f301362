"""Staff pages of a hearing: the notice and its review, registrations (online and on paper), the selection and
the participant list, the materials delivered, the signed record, and the hearing report."""

from __future__ import annotations

import uuid
from pathlib import PurePath
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from portal.crypto import mask_contact
from portal.forms import add_service_errors
from portal.permissions import business_required, get_for_staff, has_role
from requests_app.forms.staff import RevealForm

from ..views import PREPARERS, consultation_for_preparer, flash, page_context
from . import services as hearings
from .forms import HearingForm, RecordForm, RegistrationForm
from .models import Channel, Hearing, HearingReport


@require_POST
@business_required
def create_hearing(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = consultation_for_preparer(request, pk)
    form = HearingForm(request.POST, prefix="hearing")
    if form.is_valid():
        try:
            hearing = hearings.prepare(matter=consultation.matter, actor=request.user, fields=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "已起草听证会公告：请核对后提交审核。")
            return redirect("consultations-staff:hearing", pk=hearing.pk)
    context = page_context(request, consultation, hearing_form=form)
    return render(request, "consultations/staff/consultation.html", context, status=400)


def _hearing(request: HttpRequest, pk: int, *, change: bool = False) -> Hearing:
    hearing = get_for_staff(request, Hearing.objects.select_related("matter", "organisation"), pk=pk)
    if change and not has_role(request.user, hearing.organisation, *PREPARERS):
        raise Http404("未找到")
    return hearing


def _context(request: HttpRequest, hearing: Hearing, **forms: Any) -> dict[str, Any]:
    registrations = list(hearing.registrations.all())
    names = {}
    for person in registrations:
        names[person.pk] = person.name = person.personal("name")  # type: ignore[attr-defined]
        person.contact = mask_contact(person.personal("contact"))  # type: ignore[attr-defined]
    return {
        "hearing": hearing,
        "consultation": hearing.matter.consultations.order_by("pk").first(),
        "registrations": registrations,
        "selected": [p for p in registrations if p.selected],
        "warnings": [(names[w.registration.pk], w.text) for w in hearings.materials_warnings(hearing)],
        "materials_due": hearings.materials_due(hearing),
        "problems": hearings.notice_problems(hearing),
        "report": HearingReport.objects.filter(hearing=hearing).first(),
        "can_change": has_role(request.user, hearing.organisation, *PREPARERS),
        "held": hearings.hearing_day(hearing) <= timezone.localdate(),
        "paper_form": forms.get("paper_form")
        or RegistrationForm(initial={"submission_key": uuid.uuid4(), "channel": Channel.PAPER}),
        "record_form": forms.get("record_form") or RecordForm(),
    }


@business_required
def hearing_page(request: HttpRequest, pk: int) -> HttpResponse:
    hearing = _hearing(request, pk)
    return render(request, "consultations/hearings/staff/hearing.html", _context(request, hearing))


def _back(pk: int, anchor: str = "") -> HttpResponse:
    return redirect(reverse("consultations-staff:hearing", args=[pk]) + anchor)


@require_POST
@business_required
def hearing_action(request: HttpRequest, pk: int) -> HttpResponse:
    """The one-button steps: submit the notice, record the selection, publish the list, record deliveries, save
    or submit the report."""
    hearing = _hearing(request, pk, change=True)
    action = request.POST.get("action", "")
    chosen = [int(v) for v in request.POST.getlist("registration") if v.isdigit()]
    try:
        if action == "submit":
            hearings.submit_notice(hearing=hearing, actor=request.user)
            messages.success(request, "听证会公告已提交审核。")
        elif action == "select":
            done = hearings.select(hearing=hearing, chosen=chosen, note=request.POST.get("note", ""))
            messages.success(request, f"已记录遴选结果：入选 {done} 人。")
        elif action == "publish_list":
            hearings.publish_list(hearing=hearing, now=timezone.now())
            messages.success(request, "参加人名单已在听证会公告页面公布（仅姓名和类别）。")
        elif action == "deliver":
            on = _date(request.POST.get("on", ""))
            done = hearings.deliver(hearing=hearing, chosen=chosen, on=on)
            messages.success(request, f"已记录 {done} 人的材料送达日期。")
        elif action in ("save_report", "submit_report"):
            report = hearings.save_report(hearing=hearing, text=request.POST.get("text", ""), actor=request.user)
            if action == "submit_report":
                hearings.submit_report(report=report, actor=request.user)
                messages.success(request, "听证报告已提交审核，审核通过后公开。")
            else:
                messages.success(request, "已保存听证报告。")
        else:
            raise Http404("未知操作")
    except ValidationError as error:
        flash(request, error)
    return _back(pk)


def _date(value: str) -> Any:
    from django import forms

    try:
        return forms.DateField().clean(value)
    except ValidationError as error:
        raise ValidationError({"on": "请填写送达日期，格式如 2026-03-10。"}) from error


@require_POST
@business_required
def paper_registration(request: HttpRequest, pk: int) -> HttpResponse:
    hearing = _hearing(request, pk, change=True)
    form = RegistrationForm(request.POST)
    if form.is_valid():
        try:
            hearings.register(hearing=hearing, **{**form.cleaned_data, "channel": Channel.PAPER})
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "已登记书面报名。")
            return _back(pk, "#registrations")
    return render(
        request, "consultations/hearings/staff/hearing.html", _context(request, hearing, paper_form=form), status=400
    )


@require_POST
@business_required
def record(request: HttpRequest, pk: int) -> HttpResponse:
    hearing = _hearing(request, pk, change=True)
    form = RecordForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            hearings.keep_record(hearing=hearing, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "已上传经参加人签字确认的听证笔录。")
            return _back(pk, "#record")
    return render(
        request, "consultations/hearings/staff/hearing.html", _context(request, hearing, record_form=form), status=400
    )


@business_required
def record_file(request: HttpRequest, pk: int) -> FileResponse:
    hearing = _hearing(request, pk)
    if not hearing.record:
        raise Http404("尚未上传听证笔录")
    suffix = PurePath(hearing.record.name or "").suffix
    return FileResponse(hearing.record.open("rb"), as_attachment=True, filename=f"听证笔录{suffix}")


@business_required
def contacts(request: HttpRequest, pk: int) -> HttpResponse:
    """The registrants' full contacts, to tell them the selection and deliver the materials; audited."""
    hearing = _hearing(request, pk, change=True)
    form = RevealForm(request.POST or None)
    values = None
    if request.method == "POST" and form.is_valid():
        try:
            values = hearings.reveal_contacts(hearing=hearing, actor=request.user, reason=form.cleaned_data["reason"],
                                              request=request)  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
    response = render(
        request, "consultations/hearings/staff/contacts.html", {"hearing": hearing, "form": form, "values": values}
    )
    response["Cache-Control"] = "no-store"
    return response
