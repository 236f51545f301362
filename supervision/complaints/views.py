"""Staff pages of complaints: the queue by deadline, and a complaint's page to reply, record the finding and the
rectification. The head of the disclosure office handles them; the organisation's staff and inspectors read."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from portal.crypto import mask_contact
from portal.forms import add_service_errors
from portal.models import AuditKind, Role
from portal.permissions import business_required, get_for_staff, has_role, scope_for_staff
from portal.services import record_audit
from portal.workdays import working_days_between
from requests_app.forms.staff import RevealForm

from . import services
from .forms import CloseForm, ReplyForm
from .models import Complaint, ComplaintStatus

HANDLERS = (Role.OFFICE_HEAD,)


@business_required
def queue(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    state = request.GET.get("status", "open")
    complaints = scope_for_staff(request.user, Complaint.objects.select_related("organisation"))
    if state == "open":
        complaints = complaints.exclude(status=ComplaintStatus.CLOSED)
    elif state in ComplaintStatus.values:
        complaints = complaints.filter(status=state)
    rows = [(c, _days_left(c, today)) for c in complaints.order_by("due_on", "id")[:200]]
    return render(request, "supervision/complaints/queue.html", {"rows": rows, "state": state, "today": today})


def _days_left(complaint: Complaint, today: date) -> int | None:
    if complaint.status != ComplaintStatus.OPEN:
        return None
    return working_days_between(today, complaint.due_on).value


def _complaint(request: HttpRequest, pk: int) -> Complaint:
    return get_for_staff(request, Complaint.objects.select_related("organisation"), pk=pk)


@business_required
def complaint_page(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _complaint(request, pk)
    can_handle = has_role(request.user, complaint.organisation, *HANDLERS)
    reply_form, close_form, reveal_form = ReplyForm(prefix="reply"), CloseForm(prefix="close"), RevealForm()
    contact = None
    if request.method == "POST":
        if not can_handle:
            raise Http404("未找到")
        action, today = request.POST.get("action"), timezone.localdate()
        try:
            if action == "reply":
                reply_form = ReplyForm(request.POST, prefix="reply")
                if reply_form.is_valid():
                    services.reply(complaint=complaint, text=reply_form.cleaned_data["reply"], actor=request.user,
                                   today=today)  # fmt: skip
                    messages.success(request, "已答复：投诉人凭回执码可以查看，留有电子邮箱的已发送邮件。")
                    return redirect("complaints-staff:complaint", pk=pk)
            elif action == "close":
                close_form = CloseForm(request.POST, prefix="close")
                if close_form.is_valid():
                    services.close(complaint=complaint, actor=request.user, today=today, **close_form.cleaned_data)
                    messages.success(request, "已办结，调查结论和整改情况已记录。")
                    return redirect("complaints-staff:complaint", pk=pk)
            elif action == "reveal":
                reveal_form = RevealForm(request.POST)
                if reveal_form.is_valid():
                    contact = complaint.personal("contact") if complaint.contact_encrypted else ""
                    reason = reveal_form.cleaned_data["reason"]
                    record_audit(kind=AuditKind.DATA_REVEALED, actor=request.user, request=request,
                                 target=f"投诉举报 {complaint.pk}", detail={"reason": reason})  # fmt: skip
        except ValidationError as error:
            add_service_errors(close_form if action == "close" else reply_form, error)
    context: dict[str, Any] = {
        "complaint": complaint,
        "name": complaint.personal("name") if complaint.name_encrypted else "",
        "masked_contact": mask_contact(complaint.personal("contact")) if complaint.contact_encrypted else "",
        "contact": contact,
        "can_handle": can_handle,
        "reply_form": reply_form,
        "close_form": close_form,
        "reveal_form": reveal_form,
        "days_left": _days_left(complaint, timezone.localdate()),
    }
    failed = any(f.errors for f in (reply_form, close_form, reveal_form))
    response = render(request, "supervision/complaints/complaint.html", context, status=400 if failed else 200)
    response["Cache-Control"] = "no-store"
    return response


@business_required
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    complaint = _complaint(request, pk)
    if not complaint.attachment:
        raise Http404("没有附件")
    return FileResponse(complaint.attachment.open("rb"), as_attachment=True, filename=complaint.attachment_name)
