"""Staff pages of 互动交流: the queue by deadline, and a question's page to answer, pass on, propose a conversion,
send the answer for review to be published, and (the office head) dismiss, list as 常见问题 or take down. The
organisation's editors, case officers and office head handle questions; inspectors read."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from portal import page_cache
from portal.crypto import mask_contact
from portal.forms import add_service_errors
from portal.models import AuditKind, Role
from portal.permissions import business_required, get_for_staff, scope_for_staff
from portal.services import record_audit
from portal.workdays import working_days_between
from requests_app.forms.staff import RevealForm
from review import services as review

from . import services
from .forms import AnswerForm, DismissForm, ProposeForm, TransferForm, UnpublishForm
from .models import Question
from .states import Status

HANDLERS = (Role.EDITOR, Role.CASE_OFFICER, Role.OFFICE_HEAD)
HEADS = (Role.OFFICE_HEAD,)
STATES = {"open": "待答复", "answered": "已答复", "published": "已公开", "closed": "已转办或不予答复", "all": "全部"}


@business_required
def queue(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    state = request.GET.get("status", "open")
    questions = scope_for_staff(request.user, Question.objects.select_related("organisation"), also=_offices(request))
    if state == "open":
        questions = questions.filter(status=Status.OPEN).order_by("due_on", "pk")
    elif state == "answered":
        questions = questions.filter(status=Status.ANSWERED, published_at__isnull=True).order_by("-answered_on", "-pk")
    elif state == "published":
        questions = questions.filter(published_at__isnull=False).order_by("-published_at", "-pk")
    elif state == "closed":
        questions = questions.filter(status__in=[Status.CONVERTED, Status.DISMISSED]).order_by("-closed_on", "-pk")
    else:
        questions = questions.order_by("-received_on", "-pk")
    rows = [(q, _days_left(q, today)) for q in questions[:200]]
    context = {"rows": rows, "state": state, "states": STATES, "days": settings.QUESTION_REPLY_WORKING_DAYS}
    return render(request, "consultations/questions/staff/queue.html", context)


def _offices(request: HttpRequest) -> Q:
    """Questions of the offices that publish through a column its staff handle (docs/adr/0008)."""
    return Q(organisation_id__in=services.handling_ids(request.user))


def _days_left(question: Question, today: date) -> int | None:
    if question.status != Status.OPEN:
        return None
    return working_days_between(today, question.due_on).value


@business_required
def question_page(request: HttpRequest, pk: int) -> HttpResponse:
    chosen = Question.objects.select_related("organisation", "asked_of", "item")
    question = get_for_staff(request, chosen, also=_offices(request), pk=pk)
    can_handle = question.organisation_id in services.handling_ids(request.user, *HANDLERS)
    is_head = question.organisation_id in services.handling_ids(request.user, *HEADS)
    forms_: dict[str, forms.Form] = {
        "answer": AnswerForm(prefix="answer"), "transfer": TransferForm(prefix="transfer"),
        "dismiss": DismissForm(prefix="dismiss"), "propose": ProposeForm(prefix="propose"),
        "unpublish": UnpublishForm(prefix="unpublish"),
        "reveal": RevealForm(),
    }  # fmt: skip
    contact = None
    action = request.POST.get("action", "")
    if request.method == "POST":
        allowed = {"answer", "transfer", "propose", "submit", "reveal"} if can_handle else set()
        if is_head:
            allowed |= {"dismiss", "faq", "unfaq", "unpublish"}
        if action not in allowed:
            raise Http404("未找到")
        try:
            done = _act(request, question, action, forms_)
        except ValidationError as error:
            add_service_errors(forms_.get(action, forms_["answer"]), error)
        else:
            if done:
                messages.success(request, done)
                return redirect("questions-staff:question", pk=pk)
            if action == "reveal" and forms_["reveal"].is_valid():
                contact = question.personal("contact")
                reason = forms_["reveal"].cleaned_data["reason"]
                record_audit(kind=AuditKind.DATA_REVEALED, actor=request.user, request=request,
                             target=f"政务咨询 {question.pk}", detail={"reason": reason})  # fmt: skip
    submission = review.open_submission(question)
    context: dict[str, Any] = {
        "question": question,
        "name": question.personal("name"),
        "masked_contact": mask_contact(question.personal("contact")) if question.contact_encrypted else "",
        "contact": contact,
        "can_handle": can_handle,
        "is_head": is_head,
        "forms": forms_,
        "submission": submission,
        "can_submit": can_handle
        and question.status == Status.ANSWERED
        and question.public_allowed
        and question.published_at is None
        and submission is None,
        "events": question.events.select_related("actor", "from_organisation", "to_organisation"),
        "days_left": _days_left(question, timezone.localdate()),
    }
    failed = any(f.errors for f in forms_.values())
    response = render(request, "consultations/questions/staff/question.html", context, status=400 if failed else 200)
    response["Cache-Control"] = "no-store"
    return response


def _act(request: HttpRequest, question: Question, action: str, forms_: dict[str, forms.Form]) -> str:
    """Carry out the action; returns the confirmation, or "" when its form has errors (shown on the page)."""
    today, actor = timezone.localdate(), request.user
    if action in ("answer", "transfer", "dismiss", "propose", "unpublish", "reveal"):
        form = type(forms_[action])(request.POST, prefix=forms_[action].prefix)
        forms_[action] = form
        if not form.is_valid() or action == "reveal":
            return ""
        data = form.cleaned_data
    if action == "answer":
        services.answer(question=question, text=data["answer"], actor=actor, today=today)
        return "已答复：提问人凭回执码可以查看，留有电子邮箱的已发送邮件。"
    if action == "transfer":
        services.transfer(question=question, to=data["to"], reason=data["reason"], actor=actor, today=today)
        return f"已转交{data['to'].name}办理，提问人已获告知。"
    if action == "dismiss":
        services.dismiss(question=question, reason=data["reason"], actor=actor, today=today)
        return "已记录不予答复及理由。"
    if action == "propose":
        services.propose(question=question, into=data["into"], note=data["note"], actor=actor)
        return "已向提问人说明建议；提问人同意后自动转办，原文保留。"
    if action == "unpublish":
        services.unpublish(question=question, reason=data["reason"], actor=actor)
        page_cache.bump()
        return "已撤下公开的问答。"
    if action == "submit":
        services.submit_for_publication(question=question, actor=actor)
        return "已送审：审核通过后问题和答复在网站公开，姓名和联系方式不公开。"
    services.set_faq(question=question, faq=action == "faq")
    page_cache.bump()
    return "已列为常见问题。" if action == "faq" else "已不再列为常见问题。"
