"""Handling an application: correction (条例 第三十条), consultation (第三十二条、第三十四条), extension
(第三十三条), Art. 35 and fees (第四十二条)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Sum

from portal.templatetags.portal_tags import cn_date
from portal.workdays import add_working_days

from .. import fees, notices
from ..deadlines import (
    FEE_PAYMENT_WORKING_DAYS,
    correction_notice_due,
    fee_payment_due,
    inter_agency_answer_due,
    third_party_answer_due,
)
from ..models import (
    Application,
    Consultation,
    ConsultationAnswer,
    ConsultationKind,
    Kind,
    NoticeKind,
    Way,
)
from ..outcomes import Outcome
from ..rules import EXTENSION_WORKING_DAYS
from ..states import Action
from .records import (
    check_event_date,
    close_with,
    issue_notice,
    lock_for,
    mail_head,
    record_event,
    save_state,
)

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
    application, status = lock_for(application, Action.REQUEST_CORRECTION)
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
    save_state(application, status)
    text = notice_text or notices.correction(application, items, application.correction_due)
    issue_notice(application, NoticeKind.CORRECTION, text=text, actor=actor, on=today)
    record_event(application, Action.REQUEST_CORRECTION, actor, today, items=items, due=str(application.correction_due))
    return application


@transaction.atomic
def receive_correction(
    *, application: Application, actor: Any, received_on: date, note: str = "", today: date
) -> Application:
    """条例 第三十条: the reply period restarts from the day the corrected application arrives."""
    application, status = lock_for(application, Action.RECEIVE_CORRECTION)
    assert application.correction_requested_on is not None and application.correction_due is not None
    check_event_date(
        received_on, today, after=application.correction_requested_on, label="收到补正的日期", field="received_on"
    )
    if received_on > application.correction_due and not note.strip():
        raise ValidationError("补正逾期送达的，请说明正当理由。", code="late")
    application.correction_received_on = application.clock_start = received_on
    save_state(application, status)
    record_event(application, Action.RECEIVE_CORRECTION, actor, received_on, note)
    return application


@transaction.atomic
def close_no_correction(*, application: Application, actor: Any, today: date) -> Application:
    """条例 第三十条: no correction within the period without good reason — treated as abandoned (其他处理 1)."""
    application, status = lock_for(application, Action.CLOSE_NO_CORRECTION)
    assert application.correction_due is not None
    if today <= application.correction_due:
        raise ValidationError(f"补正期限至{cn_date(application.correction_due)}，期限届满后方可终止办理。")
    close_with(application, status, Outcome.OTHER_NO_CORRECTION, "申请人无正当理由逾期不补正，视为放弃申请。", today)
    record_event(application, Action.CLOSE_NO_CORRECTION, actor, today)
    return application


CORRECTION_PERIOD_MIN, CORRECTION_PERIOD_MAX = 5, 30  # [choice] "a reasonable period" (条例 第三十条), working days


# ---------------------------------------------------------------- consultation (条例 第三十二条、第三十四条)


@transaction.atomic
def consult(
    *,
    application: Application,
    actor: Any,
    kind: str,
    party: str,
    party_address: str = "",
    party_is_person: bool = False,
    today: date,
    notice_text: str | None = None,
) -> Consultation:
    """Ask a third party (15 working days, 第三十二条) or another agency (15 working days, silence is consent,
    第三十四条) in writing; the reply clock pauses until the answer (第三十三条第三款)."""
    application, status = lock_for(application, Action.CONSULT)
    if not party.strip():
        raise ValidationError({"party": "请填写征求意见的对象。"})
    if kind not in ConsultationKind.values:
        raise ValidationError({"kind": "请选择征求意见类别。"})
    consultation = Consultation.objects.create(
        application=application,
        kind=kind,
        party=party.strip(),
        party_is_person=party_is_person,
        party_address=party_address.strip(),
        sent_on=today,
    )
    save_state(application, status)
    text = notice_text or notices.consultation_letter(application, consultation)
    notice_kind = NoticeKind.THIRD_PARTY if kind == ConsultationKind.THIRD_PARTY else NoticeKind.AGENCY
    issue_notice(
        application, notice_kind, text=text, actor=actor, on=today, recipient=consultation.party, to_applicant=False
    )
    record_event(application, Action.CONSULT, actor, today, kind=kind, party=consultation.party)
    return consultation


def _open_consultation(application: Application) -> Consultation:
    consultation = application.consultations.filter(answered_on__isnull=True).order_by("-sent_on", "-id").first()
    assert consultation is not None
    return consultation


@transaction.atomic
def record_letter_receipt(*, application: Application, actor: Any, received_on: date, today: date) -> Application:
    """条例 第三十二条、第三十四条: the 15 working days run from the day the third party or agency receives the
    letter (for post, the signed-for date)."""
    application, status = lock_for(application, Action.RECORD_LETTER_RECEIPT)
    consultation = _open_consultation(application)
    check_event_date(received_on, today, after=consultation.sent_on, label="对方收到函件的日期", field="received_on")
    due_for = third_party_answer_due if consultation.kind == ConsultationKind.THIRD_PARTY else inter_agency_answer_due
    consultation.received_on, consultation.due = received_on, due_for(received_on).value
    consultation.save(update_fields=["received_on", "due"])
    save_state(application, status)
    record_event(
        application, Action.RECORD_LETTER_RECEIPT, actor, received_on, party=consultation.party,
        due=str(consultation.due),
    )  # fmt: skip
    return application


@transaction.atomic
def record_opinion(
    *, application: Application, actor: Any, answer: ConsultationAnswer, note: str = "", answered_on: date, today: date
) -> Application:
    """The answer ends the pause; an agency's silence counts as consent (第三十四条); a third party's silence
    leaves the decision to the office (第三十二条)."""
    application, status = lock_for(application, Action.RECORD_OPINION)
    consultation = _open_consultation(application)
    after = consultation.received_on or consultation.sent_on
    check_event_date(answered_on, today, after=after, label="收到答复的日期", field="answered_on")
    if answer == ConsultationAnswer.NO_ANSWER:
        if consultation.due is None:
            raise ValidationError(
                "请先登记对方收到征求意见函的日期：15个工作日自收到之日起计算（条例第三十二条、第三十四条）。"
            )
        if answered_on <= consultation.due:
            raise ValidationError(f"征求意见期限至{cn_date(consultation.due)}，期限届满后方可记录为逾期未答复。")
    if answer == ConsultationAnswer.OBJECTS and not note.strip():
        raise ValidationError({"note": "请记录第三方不同意公开的理由。"})
    if answer == ConsultationAnswer.NO_ANSWER and consultation.kind == ConsultationKind.AGENCY:
        answer, note = ConsultationAnswer.AGREES, note or "逾期未提出意见，视为同意（条例第三十四条）。"
    consultation.answered_on, consultation.answer, consultation.answer_note = answered_on, answer, note.strip()
    consultation.save()
    save_state(application, status)
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
    application, status = lock_for(application, Action.EXTEND, approver)
    _check_extension(application, working_days, reason, today)
    old = application.deadline
    assert old is not None
    application.extension_working_days = working_days
    save_state(application, status)
    assert application.deadline is not None
    text = notice_text or notices.extension(application, working_days, reason.strip(), old, application.deadline)
    issue_notice(application, NoticeKind.EXTENSION, text=text, actor=approver, on=today)
    record_event(
        application, Action.EXTEND, approver, today, reason.strip(), working_days=working_days,
        old_deadline=str(old), new_deadline=str(application.deadline),
    )  # fmt: skip
    return application


def _check_extension(application: Application, working_days: int, reason: str, today: date) -> None:
    """条例 第三十三条第二款: at most 20 working days, for a stated reason, before the original deadline."""
    if not 1 <= working_days <= EXTENSION_WORKING_DAYS:
        raise ValidationError("延长的期限最长不超过20个工作日（条例第三十三条）。", code="length")
    if not reason.strip():
        raise ValidationError({"reason": "请填写延期理由。"})
    if application.deadline is not None and today > application.deadline:
        raise ValidationError(
            f"原答复期限为{cn_date(application.deadline)}，已过期限，不能再延期（延期告知应在期限届满前发出）。"
        )


@transaction.atomic
def request_extension(
    *, application: Application, actor: Any, working_days: int, reason: str, today: date
) -> Application:
    """A case officer asks the disclosure office head to extend the reply period (条例 第三十三条第二款)."""
    application, status = lock_for(application, Action.REQUEST_EXTENSION, actor)
    _check_extension(application, working_days, reason, today)
    application.extension_request = {
        "working_days": working_days, "reason": reason.strip(), "by": actor.pk, "on": today.isoformat(),
    }  # fmt: skip
    save_state(application, status)
    record_event(application, Action.REQUEST_EXTENSION, actor, today, reason.strip(), working_days=working_days)
    transaction.on_commit(lambda: mail_head(application.pk, "延期申请"), robust=True)
    return application


@transaction.atomic
def approve_extension(
    *, application: Application, approver: Any, today: date, notice_text: str | None = None
) -> Application:
    """The head consents to the requested extension: the extension and its notice, as extend() does."""
    current, _ = lock_for(application, Action.APPROVE_EXTENSION, approver)
    request = current.extension_request
    Application.objects.filter(pk=current.pk).update(extension_request={})
    current.extension_request = {}
    return extend(
        application=current, approver=approver, working_days=request["working_days"], reason=request["reason"],
        today=today, notice_text=notice_text,
    )  # fmt: skip


@transaction.atomic
def decline_extension(*, application: Application, approver: Any, reason: str, today: date) -> Application:
    application, status = lock_for(application, Action.DECLINE_EXTENSION, approver)
    if not reason.strip():
        raise ValidationError({"reason": "请写明不同意延期的理由。"})
    application.extension_request = {}
    save_state(application, status)
    record_event(application, Action.DECLINE_EXTENSION, approver, today, reason.strip())
    return application


@transaction.atomic
def ask_reasons(
    *, application: Application, actor: Any, note: str, due: date, today: date, notice_text: str | None = None
) -> Application:
    """条例 第三十五条: the applications clearly exceed a reasonable range; the applicant is asked in writing for
    reasons, with a period to answer. Only after this may the office refuse (不予处理) or set a later date."""
    application, status = lock_for(application, Action.ASK_REASONS)
    if due <= today:
        raise ValidationError({"due": "说明理由的期限应晚于今天。"})
    application.reasons_requested_on, application.reasons_due = today, due
    save_state(application, status)
    text = notice_text or notices.reasons(application, note.strip(), due)
    issue_notice(application, NoticeKind.REASONS, text=text, actor=actor, on=today)
    record_event(application, Action.ASK_REASONS, actor, today, note, due=str(due))
    return application


@transaction.atomic
def receive_reasons(
    *, application: Application, actor: Any, received_on: date, reasons: str, today: date
) -> Application:
    """条例 第三十五条: the applicant's reasons arrive; staff then judge them (a later date, or 不予处理)."""
    application, status = lock_for(application, Action.RECEIVE_REASONS)
    check_event_date(received_on, today, after=application.reasons_requested_on, label="收到理由的日期")
    if not reasons.strip():
        raise ValidationError({"reasons": "请登记申请人说明的理由。"})
    application.reasons_received_on = received_on
    save_state(application, status)
    record_event(application, Action.RECEIVE_REASONS, actor, received_on, reasons.strip())
    return application


@transaction.atomic
def set_later_date(
    *, application: Application, actor: Any, later: date, reason: str, today: date, notice_text: str | None = None
) -> Application:
    """条例 第三十五条: the reasons are reasonable but the deadline cannot be met; a later reply date is set."""
    application, status = lock_for(application, Action.SET_LATER_DATE)
    if application.reasons_received_on is None:
        raise ValidationError("须先要求申请人说明理由并收到理由，方可确定延迟答复的期限（条例第三十五条）。")
    if application.later_reply_date:
        raise ValidationError("已确定过延迟答复的期限。", code="once")
    if not reason.strip():
        raise ValidationError({"reason": "请填写理由。"})
    if application.deadline is None or later <= application.deadline:
        raise ValidationError({"later": "延迟答复的期限应晚于现有答复期限。"})
    application.later_reply_date = later
    save_state(application, status)
    text = notice_text or notices.later_date(application, later, reason.strip())
    issue_notice(application, NoticeKind.LATER_DATE, text=text, actor=actor, on=today)
    record_event(application, Action.SET_LATER_DATE, actor, today, reason, later=str(later))
    return application


def applications_before(application: Application) -> int:
    """How many applications (split ones counted as they were split) the same applicant made to the same
    organisation earlier in the calendar month of this one's receipt (按件计费, 国办函〔2020〕109号). Record
    correction requests (条例 第四十一条) are not counted."""
    received = application.received_on
    if not application.applicant_key or received is None:
        return 0
    earlier = Application.objects.filter(
        applicant_key=application.applicant_key,
        organisation_id=application.organisation_id,
        kind=Kind.DISCLOSURE,
        received_on__year=received.year,
        received_on__month=received.month,
    ).filter(Q(received_on__lt=received) | Q(received_on=received, pk__lt=application.pk))
    return earlier.aggregate(n=Sum("counted_as"))["n"] or 0


FEE_METHODS = {"per_application": "按件计收", "per_page": "按量计收"}
FEE_RATES = {
    "per_application": "同一申请人一个自然月内累计申请10件以下（含）的不收费；11—30件（含）的部分每件100元；"
    "31件以上的部分，以10件为一档，每增加一档，收费标准提高100元/件。",
    "per_page": "30页以下（含）的不收费；31—100页（含）的部分每页10元；101—200页（含）的部分每页20元；"
    "200页以上的部分每页40元。",
}


def _fee(application: Application, method: str, pages: int, counted_as: int, split_note: str) -> tuple[int, str]:
    """The amount and the basis the notice states, by the method chosen for this application."""
    you = notices.addressee(application.applicant_type)
    if method == "per_application":
        if counted_as < 1:
            raise ValidationError({"counted_as": "计件数至少为1。"})
        if counted_as > 1 and not split_note.strip():
            raise ValidationError({"split_note": "按“一事一申请”拆分计件的，请写明拆分出的各项事项。"})
        first = applications_before(application) + 1
        last = first + counted_as - 1
        amount = sum(fees.fee_per_application(n) for n in range(first, last + 1))
        basis = f"按件计收：本申请为{you}本月向本机关提出的第{first}件申请"
        if counted_as > 1:
            basis += f"，按“一事一申请”计为{counted_as}件（第{first}至{last}件）：{split_note.strip()}"
        return amount, basis
    if method == "per_page":
        if application.way == Way.ON_SITE:
            raise ValidationError({"method": "现场查阅、抄录的，不按量收取信息处理费（国办函〔2020〕109号）。"})
        return fees.fee_per_page(pages), f"按量计收：所需提供的信息共{pages}页"
    raise ValidationError({"method": "请选择计费方式。"})


@transaction.atomic
def notify_fee(
    *,
    application: Application,
    actor: Any,
    method: str,
    pages: int = 0,
    counted_as: int = 1,
    split_note: str = "",
    how_to_pay: str,
    today: date,
    notice_text: str | None = None,
) -> Application:
    """条例 第四十二条 and 国办函〔2020〕109号: a fee only where volume or frequency exceeds the free range, by one
    of two methods, in one notice per application: a corrected notice replaces an unpaid one (the change is
    recorded); after payment no second notice. The 20 working days to pay run from the day after the
    applicant receives the notice (deliver_fee_notice)."""
    application, status = lock_for(application, Action.NOTIFY_FEE)
    amount, basis = _fee(application, method, pages, counted_as, split_note)
    if amount <= 0:
        raise ValidationError("未超出免费范围，不得收取信息处理费。", code="free")
    if application.deadline and today > application.deadline:
        raise ValidationError("收费通知应在答复期限内发出。", code="late")
    if not how_to_pay.strip():
        raise ValidationError({"how_to_pay": "请说明缴费方式。"})
    replaced = application.fee_amount if application.fee_notified_on else None
    application.fee_method, application.fee_amount, application.fee_notified_on = method, amount, today
    if method == "per_application":
        application.counted_as, application.split_note = counted_as, split_note.strip()
    application.fee_notice_received_on = application.fee_due = None
    save_state(application, status)
    text = notice_text or notices.fee(
        application, basis, FEE_RATES[method], amount, how_to_pay.strip(), FEE_PAYMENT_WORKING_DAYS
    )
    issue_notice(application, NoticeKind.FEE, text=text, actor=actor, on=today)
    note = basis if replaced is None else f"更正收费通知（原应缴{replaced}元）：{basis}"
    record_event(application, Action.NOTIFY_FEE, actor, today, note, amount=amount, replaced=replaced)
    return application


@transaction.atomic
def deliver_fee_notice(*, application: Application, actor: Any, received_on: date, today: date) -> Application:
    """The day the applicant received the fee notice (for post, the signed-for date): the 20 working days to
    pay start the day after (国办函〔2020〕109号)."""
    application, status = lock_for(application, Action.DELIVER_FEE_NOTICE)
    check_event_date(
        received_on, today, after=application.fee_notified_on, label="收到收费通知的日期", field="received_on"
    )
    application.fee_notice_received_on = received_on
    application.fee_due = fee_payment_due(received_on).value
    save_state(application, status)
    record_event(application, Action.DELIVER_FEE_NOTICE, actor, received_on, due=str(application.fee_due))
    return application


@transaction.atomic
def reduce_fee(
    *, application: Application, actor: Any, amount: int, reason: str, today: date, notice_text: str | None = None
) -> Application:
    """Staff reduce a notified fee, with the reason recorded; the applicant gets a corrected notice."""
    application, status = lock_for(application, Action.REDUCE_FEE)
    assert application.fee_amount is not None
    if not 0 < amount < application.fee_amount:
        raise ValidationError(
            {"amount": f"减少后的金额应大于0元、小于原金额{application.fee_amount}元；全部免收请选“免收”。"}
        )
    if not reason.strip():
        raise ValidationError({"reason": "请写明减少的理由。"})
    old = application.fee_amount
    application.fee_amount = amount
    save_state(application, status)
    reduction = f"原应缴{old}元，减为{amount}元（{reason.strip()}）"
    method = application.fee_method
    text = notice_text or notices.fee(
        application, f"{FEE_METHODS.get(method, '')}（见原收费通知）", FEE_RATES.get(method, ""), amount,
        "同原收费通知", FEE_PAYMENT_WORKING_DAYS, reduction=reduction,
    )  # fmt: skip
    issue_notice(application, NoticeKind.FEE, text=text, actor=actor, on=today)
    record_event(application, Action.REDUCE_FEE, actor, today, reason.strip(), old=old, amount=amount)
    return application


@transaction.atomic
def waive_fee(*, application: Application, actor: Any, reason: str, today: date) -> Application:
    """Staff waive a notified fee, with the reason recorded: handling goes on as if none was due."""
    application, status = lock_for(application, Action.WAIVE_FEE)
    if not reason.strip():
        raise ValidationError({"reason": "请写明免收的理由。"})
    old = application.fee_amount
    application.fee_amount = 0
    save_state(application, status)
    record_event(application, Action.WAIVE_FEE, actor, today, reason.strip(), old=old)
    return application


@transaction.atomic
def record_payment(*, application: Application, actor: Any, paid_on: date, note: str = "", today: date) -> Application:
    application, status = lock_for(application, Action.RECORD_PAYMENT)
    assert application.fee_notified_on is not None
    check_event_date(paid_on, today, after=application.fee_notified_on, label="缴费日期", field="paid_on")
    application.fee_paid_on = paid_on
    save_state(application, status)
    record_event(application, Action.RECORD_PAYMENT, actor, paid_on, note, amount=application.fee_amount)
    return application


@transaction.atomic
def close_fee_unpaid(*, application: Application, actor: Any, today: date) -> Application:
    """Unpaid within 20 working days of the notice: treated as abandoned (其他处理 2)."""
    application, status = lock_for(application, Action.CLOSE_FEE_UNPAID)
    if application.fee_due is None:
        raise ValidationError("请先登记申请人收到收费通知的日期：缴费期限自收到之次日起计算。", code="undelivered")
    if today <= application.fee_due:
        raise ValidationError(f"缴费期限至{cn_date(application.fee_due)}，期限届满后方可终止办理。")
    close_with(
        application, status, Outcome.OTHER_FEE_UNPAID, "申请人逾期未按收费通知要求缴纳费用，视为放弃申请。", today
    )
    record_event(application, Action.CLOSE_FEE_UNPAID, actor, today)
    return application
