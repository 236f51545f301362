"""Staff pages for comments that did not come online, the meetings where opinions were raised, the moderated
publication of comments, and a comment's attachment."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from portal.forms import add_service_errors
from portal.permissions import business_required

from . import registered
from .forms import MeetingForm, RegisterCommentForm
from .views import _consultation, _preparer, flash, page_context


@require_POST
@business_required
def register_comment(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _preparer(request, pk)
    form = RegisterCommentForm(
        request.POST,
        request.FILES,
        sections=consultation.sections.all(),
        meetings=consultation.meetings.all(),
        prefix="register",
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            received = registered.register_comment(
                consultation=consultation,
                source=data["source"],
                received_on=data["received_on"],
                text=data["text"],
                name=data["name"],
                contact=data["contact"],
                section=data["section"],
                meeting=data["meeting"],
                upload=data["attachment"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"已登记意见，回执码 {received.receipt_code}：可在答复来信时告知提出人，凭它在网站上查看答复。",
            )
            return redirect(reverse("consultations-staff:consultation", args=[pk]) + "#answers")
    context = page_context(request, consultation, register_form=form)
    return render(request, "consultations/staff/consultation.html", context, status=400)


@require_POST
@business_required
def record_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _preparer(request, pk)
    form = MeetingForm(request.POST, prefix="meeting")
    if form.is_valid():
        try:
            meeting = registered.record_meeting(consultation=consultation, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"已登记{meeting}：会上提出的意见请在下方“登记意见”中逐条登记，来源选“会议”。")
            return redirect(reverse("consultations-staff:consultation", args=[pk]) + "#meetings")
    context = page_context(request, consultation, meeting_form=form)
    return render(request, "consultations/staff/consultation.html", context, status=400)


@require_POST
@business_required
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _preparer(request, pk)
    ids = [int(v) for v in request.POST.getlist("comment") if v.isdigit()]
    shown = request.POST.get("action") == "show"
    try:
        done = registered.show(consultation=consultation, comment_ids=ids, shown=shown)
    except ValidationError as error:
        flash(request, error)
    else:
        verb = "公开（个人信息已遮盖）" if shown else "撤下"
        messages.success(request, f"已{verb} {done} 条意见。")
    return redirect(reverse("consultations-staff:consultation", args=[pk]) + "#answers")


@business_required
def comment_attachment(request: HttpRequest, pk: int, comment_pk: int) -> FileResponse:
    consultation = _consultation(request, pk)
    comment = get_object_or_404(consultation.comments, pk=comment_pk)
    if not comment.attachment:
        raise Http404("该意见没有附件")
    return FileResponse(comment.attachment.open("rb"), as_attachment=True, filename=comment.attachment_name)
