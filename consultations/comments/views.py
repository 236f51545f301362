"""Staff pages for comments: answering them (identical ones together), the adoption report, spam; those that did
not come online, the meetings where opinions were raised, the moderated publication of comments, and a comment's
attachment."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from portal.forms import add_service_errors
from portal.permissions import business_required

from ..views import consultation_for_preparer, consultation_for_staff, flash, page_context
from . import answers, services
from .forms import MeetingForm, RegisterCommentForm
from .models import AdoptionReport


@require_POST
@business_required
def register_comment(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = consultation_for_preparer(request, pk)
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
            received = services.register_comment(
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
    consultation = consultation_for_preparer(request, pk)
    form = MeetingForm(request.POST, prefix="meeting")
    if form.is_valid():
        try:
            meeting = services.record_meeting(consultation=consultation, actor=request.user, **form.cleaned_data)
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
    consultation = consultation_for_preparer(request, pk)
    ids = [int(v) for v in request.POST.getlist("comment") if v.isdigit()]
    shown = request.POST.get("action") == "show"
    try:
        done = services.show(consultation=consultation, comment_ids=ids, shown=shown)
    except ValidationError as error:
        flash(request, error)
    else:
        verb = "公开（个人信息已遮盖）" if shown else "撤下"
        messages.success(request, f"已{verb} {done} 条意见。")
    return redirect(reverse("consultations-staff:consultation", args=[pk]) + "#answers")


@business_required
def comment_attachment(request: HttpRequest, pk: int, comment_pk: int) -> FileResponse:
    consultation = consultation_for_staff(request, pk)
    comment = get_object_or_404(consultation.comments, pk=comment_pk)
    if not comment.attachment:
        raise Http404("该意见没有附件")
    return FileResponse(comment.attachment.open("rb"), as_attachment=True, filename=comment.attachment_name)


@require_POST
@business_required
def answer_comments(request: HttpRequest, pk: int) -> HttpResponse:
    """One answer for the comments ticked (identical comments are answered together)."""
    consultation = consultation_for_preparer(request, pk)
    ids = [int(v) for v in request.POST.getlist("comment") if v.isdigit()]
    try:
        done = answers.answer(consultation=consultation, comment_ids=ids, outcome=request.POST.get("outcome", ""),
                              text=request.POST.get("answer", ""), actor=request.user)  # fmt: skip
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"已答复 {done} 条意见。")
    return redirect(reverse("consultations-staff:consultation", args=[pk]) + "#answers")


@require_POST
@business_required
def adoption_report(request: HttpRequest, pk: int) -> HttpResponse:
    """Generate (again) the adoption report from the answers, save its edited text, or send it to review."""
    consultation = consultation_for_preparer(request, pk)
    action = request.POST.get("action", "generate")
    try:
        if action == "generate":
            answers.prepare_report(consultation=consultation, actor=request.user)
            messages.success(request, "已根据答复生成意见采纳情况说明，请核对修改。")
        else:
            report = consultation.adoption_report
            if action == "save" and report.status == "draft":
                report.text = request.POST.get("text", "").strip() or report.text
                report.save(update_fields=["text"])
                messages.success(request, "已保存意见采纳情况说明。")
            elif action == "submit":
                answers.submit(report=report, actor=request.user)
                messages.success(request, "已提交审核：审核通过后与各条答复一并公布。")
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    except AdoptionReport.DoesNotExist as error:
        raise Http404("尚未生成意见采纳情况说明") from error
    return redirect(reverse("consultations-staff:consultation", args=[pk]) + "#adoption")


@require_POST
@business_required
def mark_spam(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = consultation_for_preparer(request, pk)
    comment_id = request.POST.get("comment", "")
    try:
        answers.mark_spam(consultation=consultation, comment_id=int(comment_id) if comment_id.isdigit() else 0,
                          reason=request.POST.get("reason", ""), actor=request.user)  # fmt: skip
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, "已标记为无关信息：保留存档，单独计数，不需答复。")
    return redirect(reverse("consultations-staff:consultation", args=[pk]) + "#answers")
