"""Every write to an application: intake, each workflow action (regulation.md §1.3–1.7), notices and reveal.

A transition locks the row, checks the transition table, writes, records an event and schedules mail after
commit. Each action that sends a written notice takes `notice_text`: the text staff edited from the generated
one (None: the generated text as it is). The notice is frozen with its number in the same transaction.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from portal.crypto import encrypt, mask_id_number, mask_phone
from portal.models import AuditKind, Organisation, Role
from portal.models.staff import display_name
from portal.permissions import has_role
from portal.services import record_audit
from portal.workdays import add_working_days, working_days_between

from . import fees, notices
from .deadlines import (
    Pause,
    correction_notice_due,
    fee_payment_due,
    inter_agency_answer_due,
    reply_deadline,
    third_party_answer_due,
)
from .models import (
    Application,
    ApplicationAttachment,
    ApplicationSerial,
    Consultation,
    ConsultationAnswer,
    ConsultationKind,
    Event,
    Kind,
    Notice,
    NoticeKind,
    RecordCorrectionOutcome,
    Status,
    Way,
)
from .outcomes import NEEDS_GROUND_AND_REASON, Outcome
from .receipt import NEEDS_CONFIRMATION, Channel, receipt_date
from .rules import EXTENSION_WORKING_DAYS
from .states import Action, ensure_allowed

PERSONAL_FIELDS = ("id_number", "phone", "address")
CORRECTION_PERIOD_MIN, CORRECTION_PERIOD_MAX = 5, 30  # [choice] "a reasonable period" (条例 第三十条), working days
TRACKING_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
# Outcomes with their own closing action; a reply gives any other.
CLOSING_OUTCOMES = {Outcome.OTHER_NO_CORRECTION, Outcome.OTHER_FEE_UNPAID}


class StaleAction(ValidationError):
    pass


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
    pauses = [Pause(c.sent_on, min(c.answered_on or c.due, c.due)) for c in consultations]
    if settings.FEE_WAIT_PAUSES_CLOCK and application.fee_notified_on and application.fee_due:
        pauses.append(Pause(application.fee_notified_on, application.fee_paid_on or application.fee_due))
    return tuple(pauses)


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
            f"依条例第三十五条确定延迟答复的期限为{notices.d(application.later_reply_date)}。"
        )


# ---------------------------------------------------------------- events and notices


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
        transaction.on_commit(lambda: _mail_notice(notice.pk))
    return notice


def _mail_notice(notice_pk: int) -> None:
    from .mail import send_notice

    send_notice(notice_pk)


def _lock(application: Application, action: Action) -> tuple[Application, str]:
    current = Application.objects.select_for_update().select_related("organisation").get(pk=application.pk)
    return current, ensure_allowed(current.status, action)


def _save(application: Application, status: str, consultations: list[Consultation] | None = None) -> None:
    application.status = status
    reckon(application, consultations)
    application.lock_version += 1
    application.save()


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


def _attach(application: Application, files: Iterable[tuple[str, File]]) -> None:
    for name, content in files:
        ApplicationAttachment.objects.create(
            application=application, file=File(content, name=name), name=name[:200], size=content.size or 0
        )


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
            _attach(application, files)
            record_event(application, Action.SUBMIT, None, timezone.localdate(now))
    except IntegrityError:
        existing = Application.objects.filter(submission_key=submission_key).first()
        if existing is None:
            raise
        return Submitted(existing, code)
    transaction.on_commit(lambda: _mail_new(application.pk))
    return Submitted(application, code)


def _mail_new(application_pk: int) -> None:
    from .mail import send_new_application

    send_new_application(application_pk)


@transaction.atomic
def register(
    *,
    organisation: Organisation,
    data: dict[str, Any],
    channel: Channel,
    arrived_on: date,
    actor: Any,
    confirmed_on: date | None = None,
    filled_in_by_staff: bool = False,
    now: datetime | None = None,
    files: Iterable[tuple[str, File]] = (),
) -> Submitted:
    """A case officer registers a paper, fax, email, in-person or oral application. Its receipt date follows
    条例 第三十一条: in person, oral, signed-for post and email the day it arrived (was handed in, signed for);
    an ordinary letter or a fax the day receipt is confirmed with the applicant (`confirmed_on`)."""
    now = now or timezone.now()
    received = receipt_date(
        channel, handed_in=arrived_on, signed_for=arrived_on, arrived=arrived_on, confirmed=confirmed_on
    )
    if confirmed_on and confirmed_on < arrived_on:
        raise ValidationError({"confirmed_on": "确认日期不能早于申请到达日期。"})
    if arrived_on > timezone.localdate(now):
        raise ValidationError({"arrived_on": "到达日期不能晚于今天。"})
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
    _attach(application, files)
    record_event(application, Action.REGISTER, actor, arrived_on, channel=str(Channel(channel).label))
    if received and channel in NEEDS_CONFIRMATION:
        record_event(application, Action.CONFIRM, actor, received)
    return Submitted(application, code)


@transaction.atomic
def confirm(*, application: Application, actor: Any, today: date) -> Application:
    """条例 第三十一条: for an online form, a fax or an ordinary letter the day of receipt is the day staff
    confirm receipt with the applicant."""
    application, status = _lock(application, Action.CONFIRM)
    if today < application.arrived_on:
        raise ValidationError("确认日期不能早于申请到达日期。")
    application.received_on = application.clock_start = today
    application.confirmed_at = timezone.now()
    if application.assignee_id is None and has_role(actor, application.organisation, Role.CASE_OFFICER):
        application.assignee = actor
    _save(application, status, [])
    record_event(application, Action.CONFIRM, actor, today)
    if application.email:
        transaction.on_commit(lambda: _mail_confirmed(application.pk))
    return application


def _mail_confirmed(application_pk: int) -> None:
    from .mail import send_confirmed

    send_confirmed(application_pk)


@transaction.atomic
def assign(*, application: Application, actor: Any, assignee: Any, today: date) -> Application:
    application, status = _lock(application, Action.ASSIGN)
    if not has_role(assignee, application.organisation, Role.CASE_OFFICER, Role.OFFICE_HEAD):
        raise ValidationError("承办人须为本机关的依申请公开办理人员或公开工作机构负责人。")
    application.assignee = assignee
    _save(application, status)
    record_event(application, Action.ASSIGN, actor, today, assignee=assignee.get_username())
    return application


# ---------------------------------------------------------------- correction (条例 第三十条)


@transaction.atomic
def request_correction(
    *,
    application: Application,
    actor: Any,
    items: list[str],
    period_working_days: int,
    today: date,
    notice_text: str | None = None,
) -> Application:
    """条例 第三十条: one correction notice, within 7 working days of receipt, listing everything to correct
    and a reasonable period."""
    application, status = _lock(application, Action.REQUEST_CORRECTION)
    if application.correction_requested_on:
        raise ValidationError("补正通知只能发出一次（条例第三十条）。", code="once")
    assert application.received_on is not None
    if today > correction_notice_due(application.received_on).value:
        raise ValidationError("已超过收到申请之日起7个工作日，不能再通知补正（条例第三十条）。", code="late")
    items = [i.strip() for i in items if i.strip()]
    if not items:
        raise ValidationError("请逐项列明需要补正的事项。", code="items")
    if not CORRECTION_PERIOD_MIN <= period_working_days <= CORRECTION_PERIOD_MAX:
        raise ValidationError(f"补正期限应为{CORRECTION_PERIOD_MIN}至{CORRECTION_PERIOD_MAX}个工作日。")
    application.correction_requested_on = today
    application.correction_due = add_working_days(today, period_working_days).value
    _save(application, status)
    text = notice_text or notices.correction(application, items, application.correction_due)
    issue_notice(application, NoticeKind.CORRECTION, text=text, actor=actor, on=today)
    record_event(application, Action.REQUEST_CORRECTION, actor, today, items=items, due=str(application.correction_due))
    return application


@transaction.atomic
def receive_correction(*, application: Application, actor: Any, received_on: date, note: str = "") -> Application:
    """条例 第三十条: the reply period restarts from the day the corrected application arrives."""
    application, status = _lock(application, Action.RECEIVE_CORRECTION)
    assert application.correction_requested_on is not None and application.correction_due is not None
    if received_on < application.correction_requested_on:
        raise ValidationError("收到补正的日期不能早于补正通知日期。")
    if received_on > application.correction_due and not note.strip():
        raise ValidationError("补正逾期送达的，请说明正当理由。", code="late")
    application.correction_received_on = application.clock_start = received_on
    _save(application, status)
    record_event(application, Action.RECEIVE_CORRECTION, actor, received_on, note)
    return application


@transaction.atomic
def close_no_correction(*, application: Application, actor: Any, today: date) -> Application:
    """条例 第三十条: no correction within the period without good reason — treated as abandoned (其他处理 1)."""
    application, status = _lock(application, Action.CLOSE_NO_CORRECTION)
    assert application.correction_due is not None
    if today <= application.correction_due:
        raise ValidationError(f"补正期限至{notices.d(application.correction_due)}，期限届满后方可终止办理。")
    _close(application, status, Outcome.OTHER_NO_CORRECTION, "申请人无正当理由逾期不补正，视为放弃申请。", today)
    record_event(application, Action.CLOSE_NO_CORRECTION, actor, today)
    return application


def _close(application: Application, status: str, outcome: Outcome, reason: str, today: date) -> None:
    application.outcome, application.reason, application.closed_on = outcome, reason, today
    _save(application, status)


# ---------------------------------------------------------------- consultation (条例 第三十二条、第三十四条)


@transaction.atomic
def consult(
    *,
    application: Application,
    actor: Any,
    kind: str,
    party: str,
    party_address: str = "",
    today: date,
    notice_text: str | None = None,
) -> Consultation:
    """Ask a third party (15 working days, 第三十二条) or another agency (15 working days, silence is consent,
    第三十四条) in writing; the reply clock pauses until the answer (第三十三条第三款)."""
    application, status = _lock(application, Action.CONSULT)
    if not party.strip():
        raise ValidationError({"party": "请填写征求意见的对象。"})
    due_for = third_party_answer_due if kind == ConsultationKind.THIRD_PARTY else inter_agency_answer_due
    if kind not in ConsultationKind.values:
        raise ValidationError({"kind": "请选择征求意见类别。"})
    consultation = Consultation.objects.create(
        application=application,
        kind=kind,
        party=party.strip(),
        party_address=party_address.strip(),
        sent_on=today,
        due=due_for(today).value,
    )
    _save(application, status)
    text = notice_text or notices.consultation_letter(application, consultation)
    notice_kind = NoticeKind.THIRD_PARTY if kind == ConsultationKind.THIRD_PARTY else NoticeKind.AGENCY
    issue_notice(
        application, notice_kind, text=text, actor=actor, on=today, recipient=consultation.party, to_applicant=False
    )
    record_event(
        application, Action.CONSULT, actor, today, kind=kind, party=consultation.party, due=str(consultation.due)
    )
    return consultation


@transaction.atomic
def record_opinion(
    *, application: Application, actor: Any, answer: ConsultationAnswer, note: str = "", answered_on: date
) -> Application:
    """The answer ends the pause; an agency's silence counts as consent (第三十四条); a third party's silence
    leaves the decision to the office (第三十二条)."""
    application, status = _lock(application, Action.RECORD_OPINION)
    consultation = application.consultations.filter(answered_on__isnull=True).order_by("-sent_on", "-id").first()
    assert consultation is not None
    if answered_on < consultation.sent_on:
        raise ValidationError("答复日期不能早于发函日期。")
    if answer == ConsultationAnswer.NO_ANSWER and answered_on <= consultation.due:
        raise ValidationError(f"征求意见期限至{notices.d(consultation.due)}，期限届满后方可记录为逾期未答复。")
    if answer == ConsultationAnswer.OBJECTS and not note.strip():
        raise ValidationError({"note": "请记录第三方不同意公开的理由。"})
    if answer == ConsultationAnswer.NO_ANSWER and consultation.kind == ConsultationKind.AGENCY:
        answer, note = ConsultationAnswer.AGREES, note or "逾期未提出意见，视为同意（条例第三十四条）。"
    consultation.answered_on, consultation.answer, consultation.answer_note = answered_on, answer, note.strip()
    consultation.save()
    _save(application, status)
    record_event(application, Action.RECORD_OPINION, actor, answered_on, note, party=consultation.party, answer=answer)
    return application


# ---------------------------------------------------------------- extension, Art. 35, fees


@transaction.atomic
def extend(
    *,
    application: Application,
    approver: Any,
    working_days: int,
    reason: str,
    today: date,
    notice_text: str | None = None,
) -> Application:
    """条例 第三十三条第二款: one extension of at most 20 working days, with the consent of the head of the
    disclosure office, notified to the applicant before the original deadline."""
    application, status = _lock(application, Action.EXTEND)
    if not has_role(approver, application.organisation, Role.OFFICE_HEAD):
        raise PermissionDenied("延期答复须经政府信息公开工作机构负责人同意。")
    if application.extension_working_days:
        raise ValidationError("答复期限只能延长一次（条例第三十三条）。", code="once")
    if not 1 <= working_days <= EXTENSION_WORKING_DAYS:
        raise ValidationError("延长的期限最长不超过20个工作日（条例第三十三条）。", code="length")
    if not reason.strip():
        raise ValidationError({"reason": "请填写延期理由。"})
    old = application.deadline
    assert old is not None
    if today > old:
        raise ValidationError(f"原答复期限为{notices.d(old)}，已过期限，不能再延期（延期告知应在期限届满前发出）。")
    application.extension_working_days = working_days
    _save(application, status)
    assert application.deadline is not None
    text = notice_text or notices.extension(application, working_days, reason.strip(), old, application.deadline)
    issue_notice(application, NoticeKind.EXTENSION, text=text, actor=approver, on=today)
    record_event(
        application, Action.EXTEND, approver, today, reason.strip(), working_days=working_days,
        old_deadline=str(old), new_deadline=str(application.deadline),
    )  # fmt: skip
    return application


@transaction.atomic
def ask_reasons(
    *, application: Application, actor: Any, note: str, due: date, today: date, notice_text: str | None = None
) -> Application:
    """条例 第三十五条: the applications clearly exceed a reasonable range; the applicant is asked for reasons."""
    application, status = _lock(application, Action.ASK_REASONS)
    if due <= today:
        raise ValidationError({"due": "说明理由的期限应晚于今天。"})
    _save(application, status)
    text = notice_text or notices.reasons(application, note.strip(), due)
    issue_notice(application, NoticeKind.REASONS, text=text, actor=actor, on=today)
    record_event(application, Action.ASK_REASONS, actor, today, note, due=str(due))
    return application


@transaction.atomic
def set_later_date(
    *, application: Application, actor: Any, later: date, reason: str, today: date, notice_text: str | None = None
) -> Application:
    """条例 第三十五条: the reasons are reasonable but the deadline cannot be met; a later reply date is set."""
    application, status = _lock(application, Action.SET_LATER_DATE)
    if application.later_reply_date:
        raise ValidationError("已确定过延迟答复的期限。", code="once")
    if not reason.strip():
        raise ValidationError({"reason": "请填写理由。"})
    if application.deadline is None or later <= application.deadline:
        raise ValidationError({"later": "延迟答复的期限应晚于现有答复期限。"})
    application.later_reply_date = later
    _save(application, status)
    text = notice_text or notices.later_date(application, later, reason.strip())
    issue_notice(application, NoticeKind.LATER_DATE, text=text, actor=actor, on=today)
    record_event(application, Action.SET_LATER_DATE, actor, today, reason, later=str(later))
    return application


def applications_this_month(application: Application) -> int:
    """The application's place among the applicant's applications in its month of receipt (按件计费)."""
    received = application.received_on
    if not application.applicant_key or received is None:
        return 1
    return (
        Application.objects.filter(
            applicant_key=application.applicant_key,
            received_on__year=received.year,
            received_on__month=received.month,
        )
        .filter(received_on__lt=received)
        .count()
        + Application.objects.filter(
            applicant_key=application.applicant_key, received_on=received, pk__lte=application.pk
        ).count()
    )


FEE_METHODS = {"per_application": "按件计收", "per_page": "按量计收"}
FEE_RATES = {
    "per_application": "同一申请人一个自然月内累计申请10件以下（含）的不收费；11—30件（含）的部分每件100元；"
    "31件以上的部分，以10件为一档，每增加一档，收费标准提高100元/件。",
    "per_page": "30页以下（含）的不收费；31—100页（含）的部分每页10元；101—200页（含）的部分每页20元；"
    "200页以上的部分每页40元。",
}


@transaction.atomic
def notify_fee(
    *,
    application: Application,
    actor: Any,
    method: str,
    pages: int = 0,
    how_to_pay: str,
    today: date,
    notice_text: str | None = None,
) -> Application:
    """条例 第四十二条 and 国办函〔2020〕109号: a fee only where volume or frequency exceeds the free range, by one
    of two methods; the applicant has 20 working days from the day after the notice to pay."""
    application, status = _lock(application, Action.NOTIFY_FEE)
    if method == "per_application":
        nth = applications_this_month(application)
        amount, basis = fees.fee_per_application(nth), f"按件计收：本申请为您（单位）本月第{nth}件申请"
    elif method == "per_page":
        amount, basis = fees.fee_per_page(pages), f"按量计收：所需提供的信息共{pages}页"
    else:
        raise ValidationError({"method": "请选择计费方式。"})
    if amount <= 0:
        raise ValidationError("未超出免费范围，不得收取信息处理费。", code="free")
    if application.deadline and today > application.deadline:
        raise ValidationError("收费通知应在答复期限内发出。", code="late")
    if not how_to_pay.strip():
        raise ValidationError({"how_to_pay": "请说明缴费方式。"})
    application.fee_amount, application.fee_notified_on = amount, today
    application.fee_due = fee_payment_due(today).value
    _save(application, status)
    text = notice_text or notices.fee(application, basis, FEE_RATES[method], amount, application.fee_due, how_to_pay)
    issue_notice(application, NoticeKind.FEE, text=text, actor=actor, on=today)
    record_event(application, Action.NOTIFY_FEE, actor, today, basis, amount=amount, due=str(application.fee_due))
    return application


@transaction.atomic
def record_payment(*, application: Application, actor: Any, paid_on: date, note: str = "") -> Application:
    application, status = _lock(application, Action.RECORD_PAYMENT)
    assert application.fee_notified_on is not None
    if paid_on < application.fee_notified_on:
        raise ValidationError("缴费日期不能早于收费通知日期。")
    application.fee_paid_on = paid_on
    _save(application, status)
    record_event(application, Action.RECORD_PAYMENT, actor, paid_on, note, amount=application.fee_amount)
    return application


@transaction.atomic
def close_fee_unpaid(*, application: Application, actor: Any, today: date) -> Application:
    """Unpaid within 20 working days of the notice: treated as abandoned (其他处理 2)."""
    application, status = _lock(application, Action.CLOSE_FEE_UNPAID)
    assert application.fee_due is not None
    if today <= application.fee_due:
        raise ValidationError(f"缴费期限至{notices.d(application.fee_due)}，期限届满后方可终止办理。")
    _close(application, status, Outcome.OTHER_FEE_UNPAID, "申请人逾期未按收费通知要求缴纳费用，视为放弃申请。", today)
    record_event(application, Action.CLOSE_FEE_UNPAID, actor, today)
    return application


# ---------------------------------------------------------------- reply, delivery, withdrawal, archive


def _check_reply(
    application: Application, outcome: str, record_outcome: str, ground: str, reason: str, parts: list[dict[str, str]]
) -> None:
    if application.kind == Kind.RECORD_CORRECTION:
        if record_outcome not in RecordCorrectionOutcome.values:
            raise ValidationError({"record_outcome": "请选择更正申请的办理结果（条例第四十一条）。"})
        return
    if outcome not in Outcome.values or outcome in CLOSING_OUTCOMES:
        raise ValidationError({"outcome": "请选择一种办理结果。"})
    withholding = outcome in NEEDS_GROUND_AND_REASON and outcome != Outcome.PARTIALLY_DISCLOSED
    if withholding and (not ground.strip() or not reason.strip()):
        raise ValidationError("不予公开的答复须写明法律依据和理由（条例第三十六条第三项）。", code="ground")
    incomplete = not parts or any(not p.get("part") or not p.get("reason") for p in parts)
    if outcome == Outcome.PARTIALLY_DISCLOSED and incomplete:
        raise ValidationError("部分公开须逐项列明不予公开的部分及其理由（条例第三十七条）。", code="parts")
    if outcome == Outcome.UNAVAILABLE_UNCLEAR_AFTER_CORRECTION and not application.correction_received_on:
        raise ValidationError("未经补正的申请不能以“补正后申请内容仍不明确”答复（条例第三十条）。", code="correction")
    if outcome in (Outcome.OTHER, Outcome.NOT_PROCESSED_EXCESSIVE) and not reason.strip():
        raise ValidationError({"reason": "请写明理由。"})


@transaction.atomic
def reply(
    *,
    application: Application,
    actor: Any,
    outcome: str = "",
    record_outcome: str = "",
    ground: str = "",
    reason: str = "",
    withheld_parts: list[dict[str, str]] | None = None,
    responsible_agency: str = "",
    public_interest_reason: str = "",
    today: date,
    notice_text: str | None = None,
) -> Application:
    """条例 第三十六条至第四十一条: exactly one outcome from the taxonomy, with the ground and reason it needs, in
    a numbered written notice ending with the remedies. Disclosing over a third party's objection needs the
    public-interest reason and tells the third party in writing (第三十二条)."""
    application, status = _lock(application, Action.REPLY)
    parts = [{"part": p["part"].strip(), "reason": p["reason"].strip()} for p in (withheld_parts or [])]
    _check_reply(application, outcome, record_outcome, ground, reason, parts)
    objections = [
        c for c in application.consultations.all()
        if c.kind == ConsultationKind.THIRD_PARTY and c.answer == ConsultationAnswer.OBJECTS
    ]  # fmt: skip
    disclosing = outcome in (Outcome.DISCLOSED, Outcome.PARTIALLY_DISCLOSED)
    if disclosing and objections and not public_interest_reason.strip():
        raise ValidationError(
            {"public_interest_reason": "第三方不同意公开：仅在不公开可能对公共利益造成重大影响时方可公开，请说明理由。"}
        )
    if application.kind == Kind.RECORD_CORRECTION:
        outcome = ""
    application.outcome, application.record_outcome = outcome, record_outcome if not outcome else ""
    application.ground, application.reason = ground.strip(), reason.strip()
    application.withheld_parts = parts if outcome == Outcome.PARTIALLY_DISCLOSED else []
    application.responsible_agency = responsible_agency.strip() if outcome == Outcome.UNAVAILABLE_NOT_HELD else ""
    application.replied_on = application.closed_on = today
    _save(application, status)
    text = notice_text or notices.reply(application)
    issue_notice(
        application, NoticeKind.REPLY, text=text, actor=actor, on=today, title=notices.reply_title(application)
    )
    if disclosing:
        for consultation in objections:
            issue_notice(
                application, NoticeKind.OVERRIDE, actor=actor, on=today, recipient=consultation.party,
                to_applicant=False, text=notices.override(application, consultation, public_interest_reason.strip()),
            )  # fmt: skip
    record_event(application, Action.REPLY, actor, today, reason, outcome=application.outcome_label())
    return application


DELIVERY_WAYS = {
    "post": "邮寄",
    "email": "电子邮件",
    "in_person": "当面领取",
    "on_site": "现场查阅",
    "online": "网上查询下载",
}


@transaction.atomic
def deliver(
    *, application: Application, actor: Any, way: str, delivered_on: date, tracking_number: str = ""
) -> Application:
    """The delivery record (送达): way, date and, for post, the tracking number."""
    application, status = _lock(application, Action.DELIVER)
    if way not in DELIVERY_WAYS:
        raise ValidationError({"way": "请选择送达方式。"})
    if way == "post" and not tracking_number.strip():
        raise ValidationError({"tracking_number": "邮寄送达请填写邮件单号。"})
    assert application.replied_on is not None
    if delivered_on < application.replied_on:
        raise ValidationError({"delivered_on": "送达日期不能早于答复日期。"})
    application.delivered_on, application.delivery_way = delivered_on, way
    application.postal_tracking_number = tracking_number.strip()
    _save(application, status)
    record_event(
        application, Action.DELIVER, actor, delivered_on, way=DELIVERY_WAYS[way], tracking=tracking_number.strip()
    )
    return application


@transaction.atomic
def withdraw(*, application: Application, actor: Any, reason: str, today: date) -> Application:
    """The applicant withdraws the application (其他处理 3). Actor None: by the applicant at the tracking page."""
    application, status = _lock(application, Action.WITHDRAW)
    _close(application, status, Outcome.OTHER, f"申请人撤回申请。{reason.strip()}", today)
    record_event(application, Action.WITHDRAW, actor, today, reason)
    return application


@transaction.atomic
def archive(*, application: Application, actor: Any, today: date) -> Application:
    application, status = _lock(application, Action.ARCHIVE)
    if application.status == Status.REPLIED and not application.delivered_on:
        raise ValidationError("请先登记送达情况，再归档。", code="delivery")
    _save(application, status)
    record_event(application, Action.ARCHIVE, actor, today)
    return application


@transaction.atomic
def make_proactive(*, application: Application, actor: Any, column: Any, today: date) -> Any:
    """条例 第四十四条: information asked for by several applicants becomes a draft item for proactive
    disclosure, which then goes through review like any other."""
    from disclosure import services as disclosure
    from disclosure.models import Genre

    application, status = _lock(application, Action.MAKE_PROACTIVE)
    if application.proactive_item_id:
        raise ValidationError("已转为主动公开草稿。", code="once")
    title = (application.information_title or application.description)[:200]
    item = disclosure.create_draft(
        organisation=application.organisation,
        author=actor,
        fields={
            "column": column,
            "genre": Genre.OTHER,
            "title": title,
            "summary": f"根据依申请公开申请（{application.number}）转为主动公开：{application.description}"[:1000],
            "document_number": application.document_number,
            "written_date": today,
        },
    )
    application.proactive_item = item
    _save(application, status)
    record_event(application, Action.MAKE_PROACTIVE, actor, today, item=item.pk)
    return item


@transaction.atomic
def reveal(*, application: Application, actor: Any, reason: str, request: Any = None) -> dict[str, str]:
    """The full ID number, phone and address, for a stated reason; written to the audit log and the case."""
    if len(reason.strip()) < 4:
        raise ValidationError({"reason": "请说明查看完整个人信息的理由（至少4个字）。"})
    values = {field: application.personal(field) for field in PERSONAL_FIELDS}
    record_audit(
        kind=AuditKind.DATA_REVEALED,
        actor=actor,
        request=request,
        target=f"依申请公开 {application.number}",
        detail={"reason": reason.strip()},
    )
    record_event(application, Action.REVEAL, actor, timezone.localdate(), reason.strip())
    return values


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
            action(**kwargs)
            notice = Notice.objects.filter(application_id=application.pk).exclude(pk__in=issued).order_by("id").first()
            text = notice.body if notice else ""
            raise Rollback
    except Rollback:
        return text
