"""Applications arrive: submitted online, registered by staff, confirmed (条例 第三十一条), assigned."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone

from portal.models import Organisation, Role
from portal.permissions import has_role

from ..models import (
    Application,
    ApplicationAttachment,
    Reminder,
    Status,
    Way,
)
from ..receipt import NEEDS_CONFIRMATION, Channel, letter_receipt, receipt_date
from ..states import Action
from .records import (
    PERSONAL_FIELDS,
    applicant_key,
    application_number,
    check_event_date,
    lock_for,
    new_tracking_code,
    reckon,
    record_event,
    save_state,
    set_personal,
    tracking_hash,
)

# ---------------------------------------------------------------- intake


@dataclass(frozen=True)
class Submitted:
    application: Application
    tracking_code: str


def _build(organisation: Organisation, data: dict[str, Any], **fields: Any) -> Application:
    personal = {f: data.pop(f, "") or "" for f in PERSONAL_FIELDS}
    application = Application(organisation=organisation, **data, **fields)
    for name, value in personal.items():
        set_personal(application, name, value)
    application.applicant_key = applicant_key(personal["id_number"] or application.credit_code)
    application.full_clean(exclude=["number", "data_id", "submission_key"])
    if application.way == Way.POST and not personal["address"]:
        raise ValidationError({"address": "选择邮寄的，请填写通信地址。"})
    if application.way == Way.EMAIL and not application.email:
        raise ValidationError({"email": "选择电子邮件的，请填写电子邮箱。"})
    return application


def attach(application: Application, files: Iterable[tuple[str, File]], *, provided: bool = False) -> None:
    """Files kept privately with the case: the applicant's, or (provided) information given to the applicant."""
    for name, content in files:
        ApplicationAttachment.objects.create(
            application=application, file=File(content, name=name), name=name[:200], size=content.size or 0,
            provided=provided,
        )  # fmt: skip


def submit_online(
    *,
    organisation: Organisation,
    data: dict[str, Any],
    submission_key: uuid.UUID,
    now: datetime | None = None,
    files: Iterable[tuple[str, File]] = (),
) -> Submitted:
    """An applicant submits the online form. Submitting the same form twice (double click, network retry)
    gives the one application: the submission key is unique. The receipt date is set when staff confirm
    (条例 第三十一条)."""
    code = new_tracking_code(submission_key)
    existing = Application.objects.filter(submission_key=submission_key).first()
    if existing is not None:
        return Submitted(existing, code)
    now = now or timezone.now()
    try:
        with transaction.atomic():
            application = _build(
                organisation,
                dict(data),
                channel=Channel.ONLINE,
                submitted_at=now,
                arrived_on=timezone.localdate(now),
                submission_key=submission_key,
                tracking_code_hash=tracking_hash(code),
                status=Status.SUBMITTED,
            )
            application.number = application_number(organisation, now.year)
            application.save()
            attach(application, files)
            record_event(application, Action.SUBMIT, None, timezone.localdate(now))
    except IntegrityError:
        existing = Application.objects.filter(submission_key=submission_key).first()
        if existing is None:
            raise
        return Submitted(existing, code)
    transaction.on_commit(lambda: _mail_new(application.pk, code), robust=True)
    return Submitted(application, code)


def _mail_new(application_pk: int, code: str) -> None:
    from ..mail import send_new_application, send_tracking_code

    send_new_application(application_pk)
    send_tracking_code(application_pk, code)


@transaction.atomic
def submit_correction_online(
    *, application: Application, text: str, files: Iterable[tuple[str, File]] = (), now: datetime | None = None
) -> Application:
    """条例 第三十条: the applicant sends the correction from the tracking page. Its arrival is recorded with the
    real time, the reply period restarts from that day, and the case officers are told."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    application, status = lock_for(application, Action.RECEIVE_CORRECTION)
    files = list(files)
    if not text.strip() and not files:
        raise ValidationError({"text": "请填写补正的内容，或上传补正材料。"})
    late = application.correction_due is not None and today > application.correction_due
    application.correction_received_on = application.clock_start = today
    application.correction_online_at = now
    save_state(application, status)
    attach(application, files)
    record_event(
        application, Action.RECEIVE_CORRECTION, None, today, text.strip(), online=True, at=now.isoformat(),
        files=[name for name, _ in files], late=late,
    )  # fmt: skip
    pk = application.pk
    transaction.on_commit(lambda: _mail_correction(pk), robust=True)
    return application


def _mail_correction(application_pk: int) -> None:
    from ..mail import send_correction_received

    send_correction_received(application_pk)


@transaction.atomic
def register(
    *,
    organisation: Organisation,
    data: dict[str, Any],
    channel: Channel,
    arrived_on: date,
    actor: Any,
    confirmed_on: date | None = None,
    late_reason: str = "",
    unreachable: bool = False,
    filled_in_by_staff: bool = False,
    now: datetime | None = None,
    files: Iterable[tuple[str, File]] = (),
) -> Submitted:
    """A case officer registers a paper, fax, email, in-person or oral application. Its receipt date follows
    条例 第三十一条: in person, oral, signed-for post and email the day it arrived (was handed in, signed for);
    an ordinary letter or a fax the day receipt is confirmed with the applicant (`confirmed_on`)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    check_event_date(arrived_on, today, after=None, label="到达日期", field="arrived_on")
    if confirmed_on:
        check_event_date(confirmed_on, today, after=arrived_on, label="确认日期", field="confirmed_on")
    received = receipt_date(
        channel, handed_in=arrived_on, signed_for=arrived_on, arrived=arrived_on, confirmed=confirmed_on
    )
    if channel == Channel.ORDINARY_LETTER and confirmed_on:
        received = _letter_received(arrived_on, confirmed_on, late_reason, unreachable)
    code = new_tracking_code()
    application = _build(
        organisation,
        dict(data),
        channel=channel,
        submitted_at=now,
        arrived_on=arrived_on,
        received_on=received,
        confirmed_at=now if received and channel in NEEDS_CONFIRMATION else None,
        clock_start=received,
        filled_in_by_staff=filled_in_by_staff or channel == Channel.ORAL,
        tracking_code_hash=tracking_hash(code),
        status=Status.RECEIVED if received else Status.SUBMITTED,
        assignee=actor if has_role(actor, organisation, Role.CASE_OFFICER) else None,
    )
    application.number = application_number(organisation, arrived_on.year)
    reckon(application, [])
    application.save()
    attach(application, files)
    record_event(application, Action.REGISTER, actor, arrived_on, channel=str(Channel(channel).label))
    if received and channel in NEEDS_CONFIRMATION:
        record_event(application, Action.CONFIRM, actor, received)
    return Submitted(application, code)


def _letter_received(arrived: date, confirmed: date, late_reason: str, unreachable: bool) -> date:
    if confirmed > arrived and not late_reason.strip():
        raise ValidationError(
            {"late_reason": "平常信函应在到达当日与申请人确认（条例第三十一条第二项）：晚于到达日确认的，请说明原因。"}
        )
    return letter_receipt(arrived, confirmed, unreachable=unreachable)


@transaction.atomic
def confirm(
    *, application: Application, actor: Any, today: date, late_reason: str = "", unreachable: bool = False
) -> Application:
    """条例 第三十一条: for an online form or a fax the day of receipt is the day staff confirm receipt with the
    applicant; an ordinary letter is confirmed the day it arrives, and a later confirmation keeps that day
    unless the applicant could not be reached (letter_receipt)."""
    application, status = lock_for(application, Action.CONFIRM)
    if today < application.arrived_on:
        raise ValidationError("确认日期不能早于申请到达日期。")
    received = today
    if application.channel == Channel.ORDINARY_LETTER:
        received = _letter_received(application.arrived_on, today, late_reason, unreachable)
    application.received_on = application.clock_start = received
    application.confirmed_at = timezone.now()
    application.reminder = Reminder.NONE
    if application.assignee_id is None and has_role(actor, application.organisation, Role.CASE_OFFICER):
        application.assignee = actor
    save_state(application, status, [])
    record_event(application, Action.CONFIRM, actor, today, late_reason.strip(), received=str(received))
    if application.email:
        transaction.on_commit(lambda: _mail_confirmed(application.pk), robust=True)
    return application


def _mail_confirmed(application_pk: int) -> None:
    from ..mail import send_confirmed

    send_confirmed(application_pk)


@transaction.atomic
def assign(*, application: Application, actor: Any, assignee: Any, today: date) -> Application:
    application, status = lock_for(application, Action.ASSIGN)
    if not has_role(assignee, application.organisation, Role.CASE_OFFICER, Role.OFFICE_HEAD):
        raise ValidationError("承办人须为本机关的依申请公开办理人员或公开工作机构负责人。")
    application.assignee = assignee
    save_state(application, status)
    record_event(application, Action.ASSIGN, actor, today, assignee=assignee.get_username())
    return application
