"""Numbers, tracking codes, personal data, the stored deadline, events and notices: what every action uses."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.crypto import salted_hmac

from portal.crypto import encrypt, mask_id_number, mask_phone
from portal.models import Organisation
from portal.models.staff import display_name
from portal.templatetags.portal_tags import cn_date
from portal.workdays import working_days_between

from .. import notices
from ..deadlines import (
    Pause,
    reply_deadline,
)
from ..models import (
    Application,
    ApplicationSerial,
    Consultation,
    Event,
    Kind,
    Notice,
    NoticeKind,
    Status,
)
from ..outcomes import Outcome
from ..states import Action, ensure_allowed

PERSONAL_FIELDS = ("id_number", "phone", "address")
TRACKING_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
# Outcomes with their own closing action; a reply gives any other.
CLOSING_OUTCOMES = {Outcome.OTHER_NO_CORRECTION, Outcome.OTHER_FEE_UNPAID}


# ---------------------------------------------------------------- numbers, codes and personal data


def _next_serial(organisation: Organisation, year: int, series: str) -> int:
    serial, _ = ApplicationSerial.objects.select_for_update().get_or_create(
        organisation=organisation, year=year, series=series
    )
    ApplicationSerial.objects.filter(pk=serial.pk).update(last=F("last") + 1)
    serial.refresh_from_db(fields=["last"])
    return serial.last


def application_number(organisation: Organisation, year: int) -> str:
    """E.g. 2026-003-00012: year, organisation, serial. Never reused."""
    return f"{year}-{organisation.pk:03d}-{_next_serial(organisation, year, 'application'):05d}"


def notice_number(organisation: Organisation, year: int) -> str:
    """E.g. 示例镇依申〔2026〕12号."""
    return f"{organisation.short_name}依申〔{year}〕{_next_serial(organisation, year, 'notice')}号"


def new_tracking_code(submission_key: uuid.UUID | None = None) -> str:
    """12 characters from an unambiguous alphabet. Derived from the submission key when there is one, so a
    repeated submit of the same form shows the applicant the same code."""
    if submission_key is None:
        raw = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(12))
    else:
        digest = salted_hmac("requests_app.tracking", str(submission_key), algorithm="sha256").digest()
        raw = "".join(TRACKING_ALPHABET[b % len(TRACKING_ALPHABET)] for b in digest[:12])
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def tracking_hash(code: str) -> str:
    normalised = "".join(c for c in code.upper() if c.isalnum())
    return hashlib.sha256(normalised.encode("ascii", "ignore")).hexdigest()


def applicant_key(identifier: str) -> str:
    identifier = identifier.strip().upper()
    return salted_hmac("requests_app.applicant", identifier, algorithm="sha256").hexdigest() if identifier else ""


def set_personal(application: Application, field: str, value: str) -> None:
    value = value.strip()
    setattr(application, f"{field}_encrypted", encrypt(value, context=application.context(field)))
    if field == "id_number":
        application.id_number_masked = mask_id_number(value) if value else ""
    elif field == "phone":
        application.phone_masked = mask_phone(value) if value else ""


# ---------------------------------------------------------------- deadlines


def pauses_of(application: Application, consultations: Iterable[Consultation]) -> tuple[Pause, ...]:
    """Consultation time is not counted (条例 第三十三条第三款): from the letter to the answer, at most to the
    answer's due date; an unanswered one is assumed to last to its due date. The fee wait counts too when
    FEE_WAIT_PAUSES_CLOCK is on."""
    pauses = [Pause(c.sent_on, min(c.answered_on or expected_due(c), expected_due(c))) for c in consultations]
    if settings.FEE_WAIT_PAUSES_CLOCK and application.fee_notified_on:
        from ..deadlines import fee_payment_due

        # until the notice's delivery is recorded, the wait lasts at least as if it was received the day it was sent
        end = application.fee_paid_on or application.fee_due or fee_payment_due(application.fee_notified_on).value
        pauses.append(Pause(application.fee_notified_on, end))
    return tuple(pauses)


def expected_due(consultation: Consultation) -> date:
    """The answer's due date: 15 working days from the day the party received the letter (条例 第三十二条、
    第三十四条); until that day is known, at least 15 working days from the day it was sent."""
    from ..deadlines import inter_agency_answer_due, third_party_answer_due
    from ..models import ConsultationKind

    if consultation.due:
        return consultation.due
    due_for = third_party_answer_due if consultation.kind == ConsultationKind.THIRD_PARTY else inter_agency_answer_due
    return due_for(consultation.sent_on).value


def reckon(application: Application, consultations: Iterable[Consultation] | None = None) -> None:
    """Set the stored deadline and its statement from the case's dates (without saving)."""
    if application.clock_start is None or application.status in (Status.SUBMITTED, Status.CORRECTION):
        application.deadline, application.deadline_statement = None, ""
        return
    if consultations is None:
        consultations = list(application.consultations.all()) if application.pk else []
    reckoning = reply_deadline(
        received=application.clock_start,
        pauses=pauses_of(application, consultations),
        extension_working_days=application.extension_working_days,
    )
    application.deadline, application.deadline_statement = reckoning.deadline, reckoning.explain()
    if application.later_reply_date and application.later_reply_date > reckoning.deadline:
        application.deadline = application.later_reply_date
        application.deadline_statement += (
            f"依条例第三十五条确定延迟答复的期限为{cn_date(application.later_reply_date)}。"
        )


# ---------------------------------------------------------------- events and notices


def check_event_date(day: date, today: date, *, after: date | None, label: str, field: str = "") -> None:
    """No recorded date of an event may lie in the future or before the event it follows (regulation.md §1.2)."""
    problem = ""
    if day > today:
        problem = f"{label}不能晚于今天（{cn_date(today)}）。"
    elif after is not None and day < after:
        problem = f"{label}不能早于{cn_date(after)}。"
    if problem:
        raise ValidationError({field: problem} if field else problem, code="date")


def record_event(
    application: Application, action: Action, actor: Any, on: date, note: str = "", **detail: Any
) -> Event:
    label = display_name(actor) if actor is not None else "申请人"
    return Event.objects.create(
        application=application,
        action=action,
        actor=actor,
        actor_label=label[:60],
        on=on,
        note=note,
        detail=detail,
        status_before=getattr(application, "status_before", "") or application.status,
        status_after=application.status,
    )


def issue_notice(
    application: Application,
    kind: NoticeKind,
    *,
    text: str,
    actor: Any,
    on: date,
    title: str = "",
    recipient: str = "",
    to_applicant: bool = True,
) -> Notice:
    if not text.strip():
        raise ValidationError("告知书正文不能为空。", code="notice")
    notice = Notice.objects.create(
        application=application,
        kind=kind,
        number=notice_number(application.organisation, on.year),
        title=title or notices.TITLES[kind],
        recipient=recipient or application.name,
        to_applicant=to_applicant,
        body=text.strip(),
        issued_on=on,
        issued_by=actor,
    )
    if to_applicant and application.email:
        transaction.on_commit(lambda: _mail_notice(notice.pk), robust=True)
    return notice


def mail_head(application_pk: int, what: str) -> None:
    """After commit: the disclosure office head learns that a reply or an extension waits for them."""
    from ..mail import send_to_head

    send_to_head(application_pk, what)


def _mail_notice(notice_pk: int) -> None:
    from ..mail import send_notice

    send_notice(notice_pk)


# While a prepared reply waits for the head, the case does not change under it.
WAIT_FOR_SIGN_OFF = {Action.REPLY, Action.REQUEST_CORRECTION, Action.CONSULT, Action.NOTIFY_FEE, Action.ASK_REASONS}
HEAD_ACTIONS = {Action.EXTEND, Action.SIGN_OFF, Action.RETURN_REPLY, Action.APPROVE_EXTENSION, Action.DECLINE_EXTENSION}


def role_missing(application: Application, action: Action, user: Any) -> str:
    """Why this user may not take the action on this case, or ""."""
    from portal.models import Role
    from portal.permissions import has_role

    head = has_role(user, application.organisation, Role.OFFICE_HEAD)
    if action in HEAD_ACTIONS and not head:
        return "须政府信息公开工作机构负责人办理。"
    if action == Action.REPLY and settings.REPLY_SIGN_OFF and not head:
        return "答复须经政府信息公开工作机构负责人签发：请“拟定答复”报负责人签发。"
    return ""


def blocked(application: Application, action: Action) -> str:
    """Why the state of the case rules the action out now, or "": the one answer that the case page's task
    list and every service share (the transition table is checked apart, roles by role_missing)."""
    if action in WAIT_FOR_SIGN_OFF and application.prepared_reply:
        return "已有拟定的答复等待签发：请负责人先签发或退回。"
    if action == Action.PREPARE_REPLY and (application.prepared_reply or not settings.REPLY_SIGN_OFF):
        return "已有拟定的答复等待签发。" if application.prepared_reply else "无须签发，可直接作出答复。"
    if action in (Action.SIGN_OFF, Action.RETURN_REPLY) and not application.prepared_reply:
        return "没有待签发的答复。"
    if action in (Action.EXTEND, Action.REQUEST_EXTENSION, Action.APPROVE_EXTENSION) and (
        application.extension_working_days
    ):
        return "答复期限只能延长一次（条例第三十三条）。"
    if action == Action.REQUEST_EXTENSION and application.extension_request:
        return "已申请延期，等待负责人审批。"
    if action in (Action.APPROVE_EXTENSION, Action.DECLINE_EXTENSION) and not application.extension_request:
        return "没有待审批的延期申请。"
    if action == Action.REQUEST_CORRECTION and application.correction_requested_on:
        return "补正通知只能发出一次（条例第三十条）。"
    if action == Action.ASK_REASONS and application.reasons_requested_on:
        return "已要求申请人说明理由。"
    if action == Action.RECEIVE_REASONS and not application.reasons_requested_on:
        return "尚未要求申请人说明理由。"
    if action == Action.RECEIVE_REASONS and application.reasons_received_on:
        return "已登记申请人说明的理由。"
    if action == Action.NOTIFY_FEE and application.kind == Kind.RECORD_CORRECTION:
        return "更正政府信息记录的申请不提供信息，不收取信息处理费（条例第四十一条、第四十二条）。"
    if action == Action.NOTIFY_FEE and application.fee_paid_on:
        return "本申请已缴纳信息处理费：一件申请只发一份收费通知，不能再次收费。"
    if action == Action.MAKE_PROACTIVE and application.proactive_item_id:
        return "已转为主动公开草稿。"
    return ""


def available(application: Application, user: Any) -> list[tuple[Action, str]]:
    """The actions the table allows from the case's status and its state does not block, each with "" or the
    reason this user cannot take it (the task list shows it as waiting for the office head)."""
    from ..states import allowed_actions

    return [
        (action, role_missing(application, action, user))
        for action in allowed_actions(application.status)
        if not blocked(application, action)
    ]


def lock_for(application: Application, action: Action, actor: Any = None) -> tuple[Application, str]:
    """The case locked for an action that its status allows, its state does not block and, when the actor is
    given, the actor may take — each refusal said in Chinese."""
    current = Application.objects.select_for_update().select_related("organisation").get(pk=application.pk)
    current.status_before = current.status  # type: ignore[attr-defined]  # for the event the action records
    status = ensure_allowed(current.status, action)
    missing = role_missing(current, action, actor) if actor is not None else ""
    if missing:
        raise PermissionDenied(missing)
    reason = blocked(current, action)
    if reason:
        raise ValidationError(reason, code="blocked")
    return current, status


def save_state(application: Application, status: str, consultations: list[Consultation] | None = None) -> None:
    application.status = status
    reckon(application, consultations)
    application.save()


def days_left(application: Application, today: date) -> int | None:
    """Working days to the deadline (negative: overdue)."""
    if application.deadline is None:
        return None
    if today <= application.deadline:
        return working_days_between(today, application.deadline).value
    return -working_days_between(application.deadline, today).value


def preview[T](action: Callable[..., T], **kwargs: Any) -> str:
    """The notice text an action would issue, from a dry run of the action rolled back."""

    class Rollback(Exception):
        pass

    application: Application = kwargs["application"]
    issued = list(Notice.objects.filter(application_id=application.pk).values_list("pk", flat=True))
    try:
        with transaction.atomic():
            result = action(**kwargs)
            notice = Notice.objects.filter(application_id=application.pk).exclude(pk__in=issued).order_by("id").first()
            prepared = getattr(result, "prepared_reply", None) or {}  # a reply prepared for sign-off
            text = notice.body if notice else prepared.get("notice_text", "")
            raise Rollback
    except Rollback:
        return text


def close_with(application: Application, status: str, outcome: Outcome, reason: str, today: date) -> None:
    application.outcome, application.reason, application.closed_on = outcome, reason, today
    save_state(application, status)
