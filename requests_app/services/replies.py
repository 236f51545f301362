"""Closing an application: the reply with its one outcome (条例 第三十六条至第四十一条), delivery, withdrawal,
archive, Art. 44 proactive disclosure, and revealing personal data."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from portal.models import AuditKind
from portal.models.staff import display_name
from portal.services import record_audit
from portal.templatetags.portal_tags import cn_date
from portal.workdays import add_working_days

from .. import notices
from ..models import (
    Application,
    ConsultationAnswer,
    ConsultationKind,
    Kind,
    NotHeldGround,
    NoticeKind,
    RecordCorrectionOutcome,
    Status,
)
from ..outcomes import NEEDS_GROUND_AND_REASON, Outcome
from ..states import Action
from .records import (
    CLOSING_OUTCOMES,
    PERSONAL_FIELDS,
    check_event_date,
    close_with,
    issue_notice,
    lock_for,
    mail_head,
    preview,
    record_event,
    save_state,
)

# ---------------------------------------------------------------- reply, delivery, withdrawal, archive


def _check_reply(
    application: Application,
    outcome: str,
    record_outcome: str,
    ground: str,
    reason: str,
    parts: list[dict[str, str]],
    not_held_ground: str,
    today: date,
) -> None:
    if application.kind == Kind.RECORD_CORRECTION:
        if record_outcome not in RecordCorrectionOutcome.values:
            raise ValidationError({"record_outcome": "请选择更正申请的办理结果（条例第四十一条）。"})
        if record_outcome != RecordCorrectionOutcome.CORRECTED and not reason.strip():
            raise ValidationError(
                {"reason": "不予更正的请写明理由；转送或告知另行申请的请写明有权更正的机关（条例第四十一条）。"}
            )
        return
    if outcome not in Outcome.values or outcome in CLOSING_OUTCOMES:
        raise ValidationError({"outcome": "请选择一种办理结果。"})
    if outcome == Outcome.WITHHELD_ADMINISTRATIVE_INQUIRY and (not ground.strip() or not reason.strip()):
        raise ValidationError(
            "行政查询事项须写明对信息获取有特别规定的法律、行政法规，并告知申请人办理的途径（条例第三十六条第七项）。",
            code="ground",
        )
    withholding = outcome in NEEDS_GROUND_AND_REASON and outcome != Outcome.PARTIALLY_DISCLOSED
    if withholding and (not ground.strip() or not reason.strip()):
        raise ValidationError("不予公开的答复须写明法律依据和理由（条例第三十六条第三项）。", code="ground")
    if outcome == Outcome.UNAVAILABLE_NOT_HELD:
        if not_held_ground not in NotHeldGround.values:
            raise ValidationError(
                {"not_held_ground": "请选择：政府信息不存在（第三十六条第四项），或不属于本机关负责公开（第五项）。"}
            )
        if not_held_ground == NotHeldGround.NOT_OURS and not reason.strip():
            raise ValidationError({"reason": "请说明该政府信息不属于本机关负责公开的理由（条例第三十六条第五项）。"})
    if outcome == Outcome.NOT_PROCESSED_EXCESSIVE:
        _check_article_35(application, today)
    incomplete = not parts or any(not p.get("part") or not p.get("reason") for p in parts)
    if outcome == Outcome.PARTIALLY_DISCLOSED and incomplete:
        raise ValidationError("部分公开须逐项列明不予公开的部分及其理由（条例第三十七条）。", code="parts")
    if outcome == Outcome.UNAVAILABLE_UNCLEAR_AFTER_CORRECTION and not application.correction_received_on:
        raise ValidationError("未经补正的申请不能以“补正后申请内容仍不明确”答复（条例第三十条）。", code="correction")
    if (outcome == Outcome.OTHER or outcome.startswith("not_processed_")) and not reason.strip():
        # 条例 第三十六条第六项、第三十九条: say where it was answered, the proper channel, where to obtain it
        raise ValidationError({"reason": "不予处理的，请写明理由和申请人可以采取的途径。"})


def _check_article_35(application: Application, today: date) -> None:
    """条例 第三十五条: 不予处理 for excessive applications only after the applicant was asked for reasons, and the
    reasons came and were judged unreasonable, or none came within the period."""
    if application.reasons_requested_on is None or application.reasons_due is None:
        raise ValidationError(
            "以“无正当理由大量反复申请”不予处理前，须先书面要求申请人说明理由（条例第三十五条）。", code="article_35"
        )
    if application.reasons_received_on is None and today <= application.reasons_due:
        raise ValidationError(
            f"说明理由的期限至{cn_date(application.reasons_due)}：收到理由并认定不合理，或期限届满未说明理由后，"
            "方可不予处理（条例第三十五条）。",
            code="article_35",
        )


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
    not_held_ground: str = "",
    public_interest_reason: str = "",
    today: date,
    notice_text: str | None = None,
) -> Application:
    """条例 第三十六条至第四十一条: exactly one outcome from the taxonomy, with the ground and reason it needs, in
    a numbered written notice ending with the remedies. Disclosing over a third party's objection needs the
    public-interest reason and tells the third party in writing first (第三十二条). With REPLY_SIGN_OFF on
    (the default), only the disclosure office head replies directly; a case officer prepares the reply."""
    inputs = {
        "outcome": outcome, "record_outcome": record_outcome, "ground": ground, "reason": reason,
        "withheld_parts": withheld_parts or [], "responsible_agency": responsible_agency,
        "not_held_ground": not_held_ground, "public_interest_reason": public_interest_reason,
    }  # fmt: skip
    return _reply(application, actor, inputs, today, notice_text, check_role=True)


@transaction.atomic
def prepare_reply(
    *, application: Application, actor: Any, today: date, notice_text: str | None = None, **inputs: Any
) -> Application:
    """签发 [choice, regulation.md §1.5]: the case officer prepares the reply, checked as a reply would be; it
    waits, with its notice text, for the disclosure office head to sign it off or return it."""
    application, status = lock_for(application, Action.PREPARE_REPLY, actor)
    generated = preview(_preview_reply, application=application, actor=actor, inputs=inputs, today=today)
    application.prepared_reply = {
        "inputs": inputs, "notice_text": notice_text or generated, "by": actor.pk, "by_name": display_name(actor),
        "on": today.isoformat(),
    }  # fmt: skip
    save_state(application, status)
    record_event(application, Action.PREPARE_REPLY, actor, today, inputs.get("reason", ""))
    pk = application.pk
    transaction.on_commit(lambda: mail_head(pk, "待签发的答复"), robust=True)
    return application


def _preview_reply(*, application: Application, actor: Any, inputs: dict[str, Any], today: date) -> Application:
    return _reply(application, actor, inputs, today, None, check_role=False)


@transaction.atomic
def sign_off(*, application: Application, approver: Any, today: date, notice_text: str | None = None) -> Application:
    """The disclosure office head signs off the prepared reply: it is issued in the head's name."""
    current, _ = lock_for(application, Action.SIGN_OFF, approver)
    prepared = current.prepared_reply
    Application.objects.filter(pk=current.pk).update(prepared_reply={})
    current.prepared_reply = {}
    text = notice_text or prepared["notice_text"]
    return _reply(current, approver, prepared["inputs"], today, text, check_role=False, prepared_by=prepared["by_name"])


@transaction.atomic
def return_reply(*, application: Application, approver: Any, reason: str, today: date) -> Application:
    """The head sends the prepared reply back to the case officer, with the reason."""
    application, status = lock_for(application, Action.RETURN_REPLY, approver)
    if not reason.strip():
        raise ValidationError({"reason": "请写明退回的理由。"})
    application.prepared_reply = {}
    save_state(application, status)
    record_event(application, Action.RETURN_REPLY, approver, today, reason.strip())
    return application


def _reply(
    application: Application,
    actor: Any,
    inputs: dict[str, Any],
    today: date,
    notice_text: str | None,
    *,
    check_role: bool,
    prepared_by: str = "",
) -> Application:
    application, status = lock_for(application, Action.REPLY, actor if check_role else None)
    outcome, record_outcome = inputs.get("outcome", ""), inputs.get("record_outcome", "")
    ground, reason = inputs.get("ground", ""), inputs.get("reason", "")
    responsible_agency, not_held_ground = inputs.get("responsible_agency", ""), inputs.get("not_held_ground", "")
    public_interest_reason = inputs.get("public_interest_reason", "")
    parts = [{"part": p["part"].strip(), "reason": p["reason"].strip()} for p in inputs.get("withheld_parts") or []]
    _check_reply(application, outcome, record_outcome, ground, reason, parts, not_held_ground, today)
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
    # a ground is stated where the notice states one (不予公开, 行政查询, 不予处理); elsewhere the article is fixed
    uses_ground = outcome.startswith(("withheld_", "not_processed_"))
    application.ground, application.reason = ground.strip() if uses_ground else "", reason.strip()
    application.withheld_parts = parts if outcome == Outcome.PARTIALLY_DISCLOSED else []
    not_ours = outcome == Outcome.UNAVAILABLE_NOT_HELD and not_held_ground == NotHeldGround.NOT_OURS
    application.not_held_ground = not_held_ground if outcome == Outcome.UNAVAILABLE_NOT_HELD else ""
    application.responsible_agency = responsible_agency.strip() if not_ours else ""
    application.replied_on = application.closed_on = today
    save_state(application, status)
    provide_on = None
    if disclosing and objections:
        # 条例 第三十二条: the third party is told what will be disclosed and why before it is provided, with an
        # optional wait between the two [choice, a setting]
        wait = settings.OVERRIDE_WAIT_WORKING_DAYS
        provide_on = add_working_days(today, wait).value if wait else None
        if provide_on and application.deadline and provide_on > application.deadline:
            raise ValidationError(f"告知第三方后须等待{wait}个工作日再提供，已超出答复期限，请先延期或缩短等待期。")
        for consultation in objections:
            text = notices.override(application, consultation, public_interest_reason.strip(), provide_on=provide_on)
            issue_notice(
                application, NoticeKind.OVERRIDE, actor=actor, on=today, recipient=consultation.party,
                to_applicant=False, text=text,
            )  # fmt: skip
    text = notice_text or notices.reply(
        application,
        reasons_asked=application.reasons_requested_on,
        reasons_given=application.reasons_received_on is not None,
        provide_on=provide_on,
    )
    issue_notice(
        application, NoticeKind.REPLY, text=text, actor=actor, on=today, title=notices.reply_title(application)
    )
    signed = {"prepared_by": prepared_by} if prepared_by else {}
    record_event(application, Action.REPLY, actor, today, reason, outcome=application.outcome_label(), **signed)
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
    *, application: Application, actor: Any, way: str, delivered_on: date, tracking_number: str = "", today: date
) -> Application:
    """The delivery record (送达): way, date and, for post, the tracking number."""
    application, status = lock_for(application, Action.DELIVER)
    if way not in DELIVERY_WAYS:
        raise ValidationError({"way": "请选择送达方式。"})
    if way == "post" and not tracking_number.strip():
        raise ValidationError({"tracking_number": "邮寄送达请填写邮件单号。"})
    assert application.replied_on is not None
    check_event_date(delivered_on, today, after=application.replied_on, label="送达日期", field="delivered_on")
    application.delivered_on, application.delivery_way = delivered_on, way
    application.postal_tracking_number = tracking_number.strip()
    save_state(application, status)
    record_event(
        application, Action.DELIVER, actor, delivered_on, way=DELIVERY_WAYS[way], tracking=tracking_number.strip()
    )
    return application


@transaction.atomic
def provide_files(*, application: Application, actor: Any, files: list[tuple[str, Any]], today: date) -> Application:
    """Information provided electronically with the reply (条例 第四十条): the applicant downloads it from the
    tracking page."""
    from .intake import attach

    application, status = lock_for(application, Action.PROVIDE_FILES)
    if not files:
        raise ValidationError({"uploads": "请选择要提供的文件。"})
    attach(application, files, provided=True)
    save_state(application, status)
    record_event(application, Action.PROVIDE_FILES, actor, today, "、".join(name for name, _ in files))
    return application


@transaction.atomic
def withdraw(*, application: Application, actor: Any, reason: str, today: date) -> Application:
    """The applicant withdraws the application (其他处理 3). Actor None: by the applicant at the tracking page."""
    application, status = lock_for(application, Action.WITHDRAW)
    application.withdrawn = True  # counted in row (六)3 of table 三, shown as withdrawn by the applicant
    application.prepared_reply = application.extension_request = {}
    close_with(application, status, Outcome.OTHER, f"申请人撤回申请。{reason.strip()}", today)
    record_event(application, Action.WITHDRAW, actor, today, reason)
    return application


@transaction.atomic
def archive(*, application: Application, actor: Any, today: date) -> Application:
    application, status = lock_for(application, Action.ARCHIVE)
    if application.status == Status.REPLIED and not application.delivered_on:
        raise ValidationError("请先登记送达情况，再归档。", code="delivery")
    save_state(application, status)
    record_event(application, Action.ARCHIVE, actor, today)
    return application


@transaction.atomic
def make_proactive(*, application: Application, actor: Any, column: Any, today: date) -> Any:
    """条例 第四十四条: information asked for by several applicants becomes a draft item for proactive
    disclosure, which then goes through review like any other."""
    from disclosure import services as disclosure
    from disclosure.models import Genre

    application, status = lock_for(application, Action.MAKE_PROACTIVE)
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
    save_state(application, status)
    record_event(application, Action.MAKE_PROACTIVE, actor, today, item=item.pk)
    return item


@transaction.atomic
def reveal(*, application: Application, actor: Any, reason: str, request: Any = None) -> dict[str, str]:
    """The full ID number, phone and address, for a stated reason; written to the audit log and the case."""
    if application.personal_data_erased_on:
        raise ValidationError("该申请的个人信息已于保存期限届满后销毁，无法查看。")
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
