"""Staff screens for applications: the queue, registration, the case page with its actions and notices."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from disclosure.models import Column
from portal.forms import add_service_errors
from portal.models import AuditKind, Membership, Organisation, Role
from portal.permissions import business_required, get_for_staff, has_role, is_inspector, organisation_ids
from portal.services import record_audit

from . import selectors, services
from .forms import public
from .forms import staff as f
from .models import Application, ApplicationAttachment, Notice, Status
from .receipt import Channel
from .services import appeals
from .states import Action
from .views import notice_response, refused_status

HANDLING_ROLES = (Role.CASE_OFFICER, Role.OFFICE_HEAD)


@dataclass(frozen=True)
class ActionSpec:
    form: type[forms.Form]
    run: Callable[..., Any]
    today_arg: str | None = "today"
    actor_arg: str = "actor"
    notice: bool = False
    roles: tuple[Role, ...] = HANDLING_ROLES


SPECS: dict[str, ActionSpec] = {
    Action.CONFIRM: ActionSpec(f.ConfirmForm, services.confirm),
    Action.ASSIGN: ActionSpec(f.AssignForm, services.assign),
    Action.REQUEST_CORRECTION: ActionSpec(f.CorrectionForm, services.request_correction, notice=True),
    Action.RECEIVE_CORRECTION: ActionSpec(f.ReceiveCorrectionForm, services.receive_correction),
    Action.CLOSE_NO_CORRECTION: ActionSpec(f.EmptyForm, services.close_no_correction),
    Action.CONSULT: ActionSpec(f.ConsultForm, services.consult, notice=True),
    Action.RECORD_LETTER_RECEIPT: ActionSpec(f.LetterReceiptForm, services.record_letter_receipt),
    Action.RECORD_OPINION: ActionSpec(f.OpinionForm, services.record_opinion),
    Action.EXTEND: ActionSpec(
        f.ExtendForm, services.extend, actor_arg="approver", notice=True, roles=(Role.OFFICE_HEAD,)
    ),
    Action.ASK_REASONS: ActionSpec(f.ReasonsForm, services.ask_reasons, notice=True),
    Action.RECEIVE_REASONS: ActionSpec(f.ReceiveReasonsForm, services.receive_reasons),
    Action.SET_LATER_DATE: ActionSpec(f.LaterDateForm, services.set_later_date, notice=True),
    Action.NOTIFY_FEE: ActionSpec(f.FeeForm, services.notify_fee, notice=True),
    Action.DELIVER_FEE_NOTICE: ActionSpec(f.FeeNoticeDeliveryForm, services.deliver_fee_notice),
    Action.REDUCE_FEE: ActionSpec(f.ReduceFeeForm, services.reduce_fee, notice=True),
    Action.WAIVE_FEE: ActionSpec(f.WaiveFeeForm, services.waive_fee),
    Action.RECORD_PAYMENT: ActionSpec(f.PaymentForm, services.record_payment),
    Action.CLOSE_FEE_UNPAID: ActionSpec(f.EmptyForm, services.close_fee_unpaid),
    Action.REPLY: ActionSpec(f.ReplyForm, services.reply, notice=True),
    Action.PREPARE_REPLY: ActionSpec(f.ReplyForm, services.prepare_reply, notice=True),
    Action.SIGN_OFF: ActionSpec(f.SignOffForm, services.sign_off, actor_arg="approver", roles=(Role.OFFICE_HEAD,)),
    Action.RETURN_REPLY: ActionSpec(
        f.ReasonForm, services.return_reply, actor_arg="approver", roles=(Role.OFFICE_HEAD,)
    ),
    Action.REQUEST_EXTENSION: ActionSpec(f.RequestExtensionForm, services.request_extension),
    Action.APPROVE_EXTENSION: ActionSpec(
        f.EmptyNoticeForm, services.approve_extension, actor_arg="approver", notice=True, roles=(Role.OFFICE_HEAD,)
    ),
    Action.DECLINE_EXTENSION: ActionSpec(
        f.ReasonForm, services.decline_extension, actor_arg="approver", roles=(Role.OFFICE_HEAD,)
    ),
    Action.DELIVER: ActionSpec(f.DeliverForm, services.deliver),
    Action.WITHDRAW: ActionSpec(public.WithdrawForm, services.withdraw),
    Action.ARCHIVE: ActionSpec(f.EmptyForm, services.archive),
    Action.MAKE_PROACTIVE: ActionSpec(f.ProactiveForm, services.make_proactive),
    Action.PROVIDE_FILES: ActionSpec(f.ProvideFilesForm, services.provide_files),
}


def _application(request: HttpRequest, pk: int, *, write: bool = False) -> Application:
    related = ("organisation", "assignee", "proactive_item")
    if write:
        queryset = Application.objects.select_related(*related)
        return get_for_staff(request, queryset, roles=HANDLING_ROLES, write=True, pk=pk)
    return get_for_staff(request, selectors.visible(request.user).select_related(*related), pk=pk)


@business_required
def queue(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    applications = selectors.queue(request.user, request.GET, today)
    page = Paginator(applications.values_list("id", flat=True), 50).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "rows": selectors.rows(selectors.page_rows(list(page.object_list)), today),
        "params": request.GET,
        "statuses": Status.choices,
        "reminder_days": settings.REMINDER_WORKING_DAYS,
        "can_register": bool(organisation_ids(request.user, *HANDLING_ROLES)),
        "several_organisations": is_inspector(request.user) or len(organisation_ids(request.user, *HANDLING_ROLES)) > 1,
    }
    return render(request, "requests_app/staff/queue.html", context)


@business_required
def register(request: HttpRequest) -> HttpResponse:
    organisations = Organisation.objects.filter(pk__in=organisation_ids(request.user, *HANDLING_ROLES))
    if not organisations:
        raise PermissionDenied
    chosen = request.POST.get("organisation") or request.GET.get("organisation")
    organisation = get_object_or_404(organisations, pk=chosen) if chosen else organisations.first()
    assert organisation is not None
    form = f.RegisterForm(request.POST or None, initial={"arrived_on": timezone.localdate()})
    files = public.AttachmentsForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid() and files.is_valid():
        data = form.cleaned_data
        try:
            submitted = services.register(
                organisation=organisation,
                data=form.application_data(),
                channel=Channel(data["channel"]),
                arrived_on=data["arrived_on"],
                confirmed_on=data.get("confirmed_on"),
                late_reason=data["late_reason"],
                unreachable=data["unreachable"],
                filled_in_by_staff=data["filled_in_by_staff"],
                actor=request.user,
                files=[(u.name, u) for u in files.cleaned_data["uploads"]],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"申请已登记，编号 {submitted.application.number}，查询码 {submitted.tracking_code}"
                "（请告知申请人；查询码不会再次显示）。",
            )
            return redirect("requests-staff:case", pk=submitted.application.pk)
    context = {"form": form, "files": files, "organisation": organisation, "organisations": organisations}
    return render(request, "requests_app/staff/register.html", context)


def _tasks(application: Application, user: Any) -> list[dict[str, Any]]:
    """The case's task list: what services.available says may happen next, and who may do it."""
    if not has_role(user, application.organisation, *HANDLING_ROLES):
        return []
    tasks = []
    for action, missing in services.available(application, user):
        if action not in SPECS:
            continue
        tasks.append({
            "title": action.label,
            "url": "" if missing else reverse("requests-staff:act", args=[application.pk, action.value]),
            "status": missing,
            "colour": "orange" if action in (Action.SIGN_OFF, Action.APPROVE_EXTENSION) and not missing else "grey",
        })  # fmt: skip
    return tasks


@business_required
def case(request: HttpRequest, pk: int) -> HttpResponse:
    """The case as a task list: the deadline and how it was computed, actions, notices, timeline."""
    return _case_page(request, _application(request, pk))


def _case_page(
    request: HttpRequest,
    application: Application,
    *,
    appeal_form: forms.Form | None = None,
    result_forms: dict[int, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    today = timezone.localdate()
    can_handle = has_role(request.user, application.organisation, *HANDLING_ROLES)
    result_forms = result_forms or {}
    recorded = [
        (appeal, result_forms.get(appeal.pk) or f.AppealResultForm(prefix=f"appeal-{appeal.pk}"))
        for appeal in application.appeals.all()
    ]
    row = selectors.rows([application], today)[0]
    context = {
        "application": application,
        "row": row,
        "tasks": _tasks(application, request.user),
        "can_handle": can_handle,
        "appeals": recorded,
        "appeal_form": appeal_form or f.AppealForm(),
        "events": application.events.select_related("actor").order_by("on", "at", "id"),  # by the date of the event
        "notices": application.notices.all(),
        "consultations": application.consultations.all(),
        "attachments": application.attachments.all(),
    }
    return render(request, "requests_app/staff/case.html", context, status=status)


def _form_kwargs(application: Application, action: str) -> dict[str, Any]:
    if action == Action.ASSIGN:
        users = Membership.objects.filter(organisation=application.organisation, role__in=HANDLING_ROLES)
        return {"candidates": get_user_model().objects.filter(pk__in=users.values("user_id"), is_active=True)}
    if action == Action.MAKE_PROACTIVE:
        from disclosure.selectors import columns_for

        return {"columns": Column.objects.filter(pk__in=[c.pk for c in columns_for(application.organisation)])}
    if action in (Action.REPLY, Action.PREPARE_REPLY):
        return {"kind": application.kind}
    if action == Action.SIGN_OFF:
        return {"prepared": application.prepared_reply}
    if action == Action.CONFIRM:
        return {"channel": application.channel}
    return {}


def _inputs_digest(data: Any) -> str:
    """What a generated notice was generated from: the action's inputs, without the notice text."""
    skip = {"csrfmiddlewaretoken", "notice_text", "preview", "issue", "previewed_for"}
    items = sorted((k, v) for k in data for v in data.getlist(k) if k not in skip)
    return hashlib.sha256(repr(items).encode("utf-8")).hexdigest()


@business_required
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One workflow action. Actions with a written notice are done in two steps: generate the notice from the
    case, edit it if need be, then issue: the action and the frozen notice are written together."""
    spec = SPECS.get(action)
    if spec is None:
        raise Http404("没有这项操作")
    application = _application(request, pk, write=True)
    if not has_role(request.user, application.organisation, *spec.roles):
        raise PermissionDenied
    posted = request.method == "POST"  # a form with no fields left (confirming an online application) posts nothing
    form = spec.form(request.POST if posted else None, request.FILES if posted else None,
                     **_form_kwargs(application, action))  # fmt: skip
    if posted and form.is_valid():
        kwargs: dict[str, Any] = {"application": application, spec.actor_arg: request.user}
        if spec.today_arg:
            kwargs[spec.today_arg] = timezone.localdate()
        kwargs.update(form.action_kwargs())  # type: ignore[attr-defined]
        try:
            if spec.notice and "issue" not in request.POST:
                data = request.POST.copy()
                data["notice_text"] = services.preview(spec.run, **kwargs)
                data["previewed_for"] = _inputs_digest(request.POST)
                form = spec.form(data, **_form_kwargs(application, action))
                form.is_valid()
            elif spec.notice and request.POST.get("previewed_for") != _inputs_digest(request.POST):
                form.add_error(None, "生成告知书后又修改了上面的内容：请重新生成告知书，核对后再签发。")
            else:
                if spec.notice:
                    kwargs["notice_text"] = form.cleaned_data["notice_text"] or None
                result = spec.run(**kwargs)
                messages.success(request, f"已完成：{Action(action).label}。")
                if action == Action.MAKE_PROACTIVE:
                    return redirect("disclosure-staff:item", pk=result.pk)
                return redirect("requests-staff:case", pk=application.pk)
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
    context = {
        "application": application,
        "form": form,
        "action": Action(action),
        "spec": spec,
        "previewed": bool(spec.notice and form.data.get("notice_text")),
        "previewed_for": form.data.get("previewed_for", ""),
    }
    return render(request, "requests_app/staff/action.html", context, status=refused_status(form) if posted else 200)


@business_required
def reveal(request: HttpRequest, pk: int) -> HttpResponse:
    """The full ID number, phone and address, after a stated reason that goes to the audit log."""
    application = _application(request, pk, write=True)
    form = f.RevealForm(request.POST or None)
    values = None
    if request.method == "POST" and form.is_valid():
        try:
            values = services.reveal(
                application=application, actor=request.user, reason=form.cleaned_data["reason"], request=request
            )
        except ValidationError as error:
            add_service_errors(form, error)
    context = {"application": application, "form": form, "values": values}
    response = render(request, "requests_app/staff/reveal.html", context)
    response["Cache-Control"] = "no-store"
    return response


@business_required
def notice(request: HttpRequest, pk: int, pdf: bool = False) -> HttpResponse:
    found = get_object_or_404(Notice.objects.select_related("application__organisation"), pk=pk)
    _application(request, found.application_id)
    return notice_response(request, found, pdf=pdf)


@business_required
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    """Applicants' attachments are private: served only to staff of the organisation."""
    found = get_object_or_404(ApplicationAttachment, pk=pk)
    application = _application(request, found.application_id, write=True)
    record_audit(
        kind=AuditKind.ATTACHMENT_READ, actor=request.user, request=request,
        target=f"依申请公开 {application.number}：{found.name}",
    )  # fmt: skip
    response = FileResponse(found.file.open("rb"), as_attachment=True, filename=found.name)
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@business_required
def appeal_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a reconsideration or lawsuit about this application (table 四 of the annual report)."""
    application = get_for_staff(request, Application.objects.all(), roles=HANDLING_ROLES, pk=pk)
    form = f.AppealForm(request.POST)
    if form.is_valid():
        try:
            appeals.record_appeal(application=application, actor=request.user, today=timezone.localdate(),
                                  **form.cleaned_data)  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "已登记行政复议或行政诉讼。")
            return redirect("requests-staff:case", pk=pk)
    return _case_page(request, application, appeal_form=form, status=400)


@require_POST
@business_required
def appeal_result(request: HttpRequest, pk: int, appeal_pk: int) -> HttpResponse:
    application = get_for_staff(request, Application.objects.all(), roles=HANDLING_ROLES, pk=pk)
    appeal = get_object_or_404(application.appeals, pk=appeal_pk)
    form = f.AppealResultForm(request.POST, prefix=f"appeal-{appeal.pk}")
    if form.is_valid():
        try:
            appeals.record_result(appeal=appeal, actor=request.user, today=timezone.localdate(), **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"已登记{appeal.get_kind_display()}的结果。")
            return redirect("requests-staff:case", pk=pk)
    return _case_page(request, application, result_forms={appeal.pk: form}, status=400)
