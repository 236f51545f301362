"""Staff pages: prepare a consultation on a decision's draft and send it to review; its phases, extension, files and
decision; the page that gathers its comments (comments/views.py) and hearings (hearings/views.py)."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from portal.forms import add_service_errors
from portal.models import Organisation, Role
from portal.permissions import business_required, get_for_staff, has_role, organisation_ids, scope_for_staff

from . import files, rules, services
from .comments import answers
from .comments.forms import MeetingForm, RegisterCommentForm
from .comments.models import AdoptionReport
from .forms import DecisionForm, DocumentForm, ExtendForm, PhaseForm, PrepareForm
from .hearings.forms import HearingForm
from .models import AnswerOutcome, Consultation, Document, Phase

PREPARERS = (Role.EDITOR, Role.OFFICE_HEAD)


FIELDS = ("title", "explanation", "how_to_comment", "opens_on", "closes_on", "short_reason", "publish_comments")


def prepared(data: dict[str, Any]) -> dict[str, Any]:
    """The prepare form's data as the service takes it: the matter, the consultation's fields, the draft."""
    return {
        "matter": {"title": data["matter_title"], "kind": data["kind"], "market_related": data["market_related"]},
        "fields": {name: data[name] for name in FIELDS},
        "draft_text": data["draft_text"],
    }


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
                    **prepared(data),
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


def consultation_for_staff(request: HttpRequest, pk: int) -> Consultation:
    return get_for_staff(request, Consultation.objects.select_related("matter", "organisation"), pk=pk)


def page_context(request: HttpRequest, consultation: Consultation, **forms: Any) -> dict[str, Any]:
    """Everything on a consultation's staff page; a form that came back with errors is passed in bound."""
    matter = consultation.matter
    today = timezone.localdate()
    meetings = consultation.meetings.all()
    sections = consultation.sections.all()
    phases = sorted((p.as_of(consultation, today) for p in matter.phases.all()), key=lambda p: p.position)
    documents = list(matter.documents.all())
    return {
        "consultation": consultation,
        "staff": True,
        "sections": sections,
        "comments": consultation.comments.select_related("section", "meeting").order_by("submitted_at", "id")[:500],
        "comment_count": consultation.comments.count(),
        "problems": services.review_problems(consultation),
        "minimum": rules.minimum_text(matter.kind, matter.market_related),
        "short": rules.is_short(matter.kind, matter.market_related, consultation.opens_on, consultation.closes_on),
        "can_submit": consultation.status == "draft" and has_role(request.user, consultation.organisation, *PREPARERS),
        "today": today,
        "closed": consultation.closes_on < today and consultation.status == "published",
        "can_answer": has_role(request.user, consultation.organisation, *PREPARERS),
        "outcomes": AnswerOutcome.choices,
        "unanswered": answers.unanswered(consultation).count(),
        "waiting": answers.unanswered(consultation).only("pk", "text")[:50],
        "report": AdoptionReport.objects.filter(consultation=consultation).first(),
        "extend_form": ExtendForm(),
        "documents": [d for d in documents if d.consultation_id == consultation.pk],
        "document_form": DocumentForm(),
        "meetings": meetings,
        "register_form": forms.get("register_form")
        or RegisterCommentForm(
            sections=sections, meetings=meetings, initial={"submission_key": uuid.uuid4()}, prefix="register"
        ),
        "meeting_form": forms.get("meeting_form") or MeetingForm(prefix="meeting"),
        "decision_form": DecisionForm(),
        "hearings": matter.hearings.all(),
        "hearing_form": forms.get("hearing_form") or HearingForm(prefix="hearing"),
        "phases": [
            (
                phase,
                PhaseForm(
                    prefix=f"phase-{phase.pk}",
                    initial={
                        "status": phase.status,
                        "starts_on": phase.starts_on,
                        "ends_on": phase.ends_on,
                        "note": phase.note,
                    },
                ),
                [d for d in documents if d.phase_id == phase.pk],
            )
            for phase in phases
        ],
    }


@business_required
def consultation_page(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = consultation_for_staff(request, pk)
    return render(request, "consultations/staff/consultation.html", page_context(request, consultation))


def flash(request: HttpRequest, error: ValidationError, prefix: str = "") -> None:
    for message in error.messages:
        messages.error(request, f"{prefix}{message}")


@require_POST
@business_required
def consultation_submit(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = consultation_for_staff(request, pk)
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


def consultation_for_preparer(request: HttpRequest, pk: int) -> Consultation:
    consultation = consultation_for_staff(request, pk)
    if not has_role(request.user, consultation.organisation, *PREPARERS):
        raise Http404("未找到")
    return consultation


@require_POST
@business_required
def update_phase(request: HttpRequest, pk: int, phase_pk: int) -> HttpResponse:
    consultation = consultation_for_preparer(request, pk)
    phase = get_object_or_404(Phase, pk=phase_pk, matter=consultation.matter)
    form = PhaseForm(request.POST, prefix=f"phase-{phase.pk}")
    if form.is_valid():
        try:
            services.update_phase(phase=phase, today=timezone.localdate(), **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, f"{phase.get_kind_display()}：{message}")
        else:
            messages.success(request, f"已更新“{phase.get_kind_display()}”环节。")
    else:
        for problem in [m for errors in form.errors.values() for m in errors]:
            messages.error(request, f"{phase.get_kind_display()}：{problem}")
    return redirect(reverse("consultations-staff:consultation", args=[pk]) + "#phases")


@require_POST
@business_required
def extend(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = consultation_for_preparer(request, pk)
    form = ExtendForm(request.POST)
    if form.is_valid():
        try:
            services.extend(consultation=consultation, today=timezone.localdate(), **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, "已延长征求意见期限，并在公开页面上公告。")
    else:
        for problem in [m for errors in form.errors.values() for m in errors]:
            messages.error(request, str(problem))
    return redirect(reverse("consultations-staff:consultation", args=[pk]))


@require_POST
@business_required
def add_document(request: HttpRequest, pk: int) -> HttpResponse:
    """A file of the consultation (while a draft) or, with ?phase=, of one phase of the procedure."""
    consultation = consultation_for_preparer(request, pk)
    phase_pk = request.POST.get("phase", "")
    phase = get_object_or_404(Phase, pk=phase_pk, matter=consultation.matter) if phase_pk.isdigit() else None
    form = DocumentForm(request.POST, request.FILES)
    anchor = "#phases" if phase else "#documents"
    if not form.is_valid():
        for problem in [m for errors in form.errors.values() for m in errors]:
            messages.error(request, str(problem))
        return redirect(reverse("consultations-staff:consultation", args=[pk]) + anchor)
    try:
        document = files.add(upload=form.cleaned_data["upload"], name=form.cleaned_data["name"], actor=request.user,
                             consultation=None if phase else consultation, phase=phase)  # fmt: skip
    except ValidationError as error:
        flash(request, error, "上传失败：")
    else:
        messages.success(request, f"已上传“{document.name}”。" + ("提交审核通过后公开。" if phase else ""))
    return redirect(reverse("consultations-staff:consultation", args=[pk]) + anchor)


@require_POST
@business_required
def document_action(request: HttpRequest, pk: int, document_pk: int) -> HttpResponse:
    consultation = consultation_for_preparer(request, pk)
    document = get_object_or_404(Document, pk=document_pk, matter=consultation.matter)
    try:
        action = request.POST.get("action")
        if action == "submit":
            files.submit(document=document, actor=request.user)
            messages.success(request, f"“{document.name}”已提交审核。")
        elif action == "remove":
            files.remove(document=document)
            messages.success(request, f"已删除“{document.name}”。")
    except ValidationError as error:
        flash(request, error)
    return redirect(
        reverse("consultations-staff:consultation", args=[pk]) + ("#phases" if document.phase_id else "#documents")
    )


@business_required
def document_file(request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
    consultation = consultation_for_staff(request, pk)
    document = get_object_or_404(Document, pk=document_pk, matter=consultation.matter)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.name)


@require_POST
@business_required
def link_decision(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = consultation_for_preparer(request, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.link_decision(consultation=consultation, today=timezone.localdate(), **form.cleaned_data)
        except ValidationError as error:
            flash(request, error)
        else:
            messages.success(request, "已关联最终决策：公开页面和决策信息页面相互链接，“决策公布”环节已完成。")
    else:
        messages.error(request, "请填写最终决策的索引号。")
    return redirect(reverse("consultations-staff:consultation", args=[pk]) + "#phases")


@business_required
def consultation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """A draft changed before review, or after a reviewer sent it back."""
    consultation = consultation_for_preparer(request, pk)
    matter = consultation.matter
    initial = {name: getattr(consultation, name) for name in FIELDS} | {
        "matter_title": matter.title,
        "kind": matter.kind,
        "market_related": matter.market_related,
        "draft_text": services.draft_text(consultation),
    }
    form = PrepareForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.revise(consultation=consultation, **prepared(form.cleaned_data))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "已保存修改。")
            return redirect("consultations-staff:consultation", pk=pk)
    context = {"consultation": consultation, "form": form}
    return render(request, "consultations/staff/edit.html", context, status=400 if form.errors else 200)
