"""The written notices (告知书, regulation.md §1.5), generated from the case. Every sentence the portal can send
lives in a template, one per kind, under templates/requests_app/notices/: this module chooses the template and
builds its context. Staff may edit the text before issuing; services.issue_notice freezes it with its number.

Final decisions (the replies, and the notice to a third party whose objection is overruled) end with the
remedies; a 不予公开 decision, and the withheld part of a 部分公开 one, say that reconsideration comes first
(行政复议法 第二十三条第一款第四项). Procedural notices (补正, 延期, 征询, 缴费, 说明理由, 延迟答复) are not final
decisions (法释〔2011〕17号 第二条) and name only the complaint route (条例 第三条、第四十七条、第五十一条)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.template.loader import render_to_string

from portal.templatetags.portal_tags import cn_date

from .models import (
    ApplicantType,
    Application,
    Consultation,
    ConsultationKind,
    Form,
    Kind,
    NotHeldGround,
    NoticeKind,
    Way,
)
from .outcomes import Outcome
from .rules import INTER_AGENCY_WORKING_DAYS, REPLY_WORKING_DAYS, THIRD_PARTY_WORKING_DAYS

WITHHOLDING_OUTCOMES = {o for o in Outcome if o.value.startswith("withheld_")} - {
    Outcome.WITHHELD_ADMINISTRATIVE_INQUIRY  # 条例 第三十六条第七项 is not a 不予公开 decision
}
# How a 不予公开 reply describes the information, by outcome (条例 第十四条至第十六条).
WITHHOLDING_FINDINGS = {
    Outcome.WITHHELD_STATE_SECRET: "属于国家秘密",
    Outcome.WITHHELD_PROHIBITED_BY_LAW: "属于法律、行政法规禁止公开的政府信息",
    Outcome.WITHHELD_SECURITY_STABILITY: "公开后可能危及国家安全、公共安全、经济安全、社会稳定",
    Outcome.WITHHELD_THIRD_PARTY: "涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害",
    Outcome.WITHHELD_INTERNAL_AFFAIRS: "属于人事管理、后勤管理、内部工作流程等内部事务信息",
    Outcome.WITHHELD_PROCESS_INFO: "属于讨论记录、过程稿、磋商信函、请示报告等过程性信息",
    Outcome.WITHHELD_ENFORCEMENT_FILE: "属于行政执法案卷信息",
}

TITLES: dict[str, str] = {
    NoticeKind.CORRECTION: "政府信息公开申请补正通知书",
    NoticeKind.EXTENSION: "延期答复告知书",
    NoticeKind.THIRD_PARTY: "第三方意见征询函",
    NoticeKind.AGENCY: "政府信息公开征求意见函",
    NoticeKind.FEE: "信息处理费缴费通知书",
    NoticeKind.LATER_DATE: "政府信息公开申请答复期限告知书",
    NoticeKind.REASONS: "政府信息公开申请说明理由通知书",
    NoticeKind.OVERRIDE: "政府信息公开决定告知书（第三方）",
}
# The standard title of each reply (regulation.md §1.5).
REPLY_TITLES: dict[str, str] = {
    Outcome.DISCLOSED: "政府信息公开告知书",
    Outcome.PARTIALLY_DISCLOSED: "政府信息部分公开告知书",
    **{o: "政府信息不予公开告知书" for o in WITHHOLDING_OUTCOMES},
    Outcome.WITHHELD_ADMINISTRATIVE_INQUIRY: "政府信息公开申请告知书",
    Outcome.UNAVAILABLE_NEEDS_CREATION: "政府信息无法提供告知书",
    Outcome.UNAVAILABLE_UNCLEAR_AFTER_CORRECTION: "政府信息无法提供告知书",
    **{o: "不予处理告知书" for o in Outcome if o.value.startswith("not_processed_")},
    Outcome.OTHER: "政府信息公开申请告知书",
}
NOT_HELD_TITLES = {NotHeldGround.NONEXISTENT: "政府信息不存在告知书", NotHeldGround.NOT_OURS: "非本机关政府信息告知书"}
RECORD_CORRECTION_TITLE = "更正政府信息记录申请告知书"


def addressee(applicant_type: str) -> str:
    """您 for a person, 贵单位 for an organisation (never 您（单位）)."""
    return "您" if applicant_type == ApplicantType.PERSON else "贵单位"


def _wanted(application: Application) -> str:
    """What was asked for: the information's title, or the start of the description (for a correction
    request, what is to be corrected)."""
    if application.kind == Kind.RECORD_CORRECTION or not application.information_title:
        return application.description[:60]
    return application.information_title


def _context(application: Application) -> dict[str, Any]:
    organisation = application.organisation
    received = application.received_on or application.arrived_on
    return {
        "application": application,
        "you": addressee(application.applicant_type),
        "received": cn_date(received),
        "wanted": _wanted(application),
        "correction_request": application.kind == Kind.RECORD_CORRECTION,
        "government": organisation.remedy_government_name() or "上一级人民政府",
        "complaint_office": organisation.complaint_office(),
    }


def _render(name: str, context: dict[str, Any]) -> str:
    """A notice template as text: paragraphs apart by one blank line, no stray spaces."""
    text = render_to_string(f"requests_app/notices/{name}.txt", context)
    blocks = (block.strip() for block in re.split(r"\n[ \t]*\n", text))
    return "\n\n".join("\n".join(line.strip() for line in block.splitlines()) for block in blocks if block)


def _provision(application: Application) -> str:
    chosen = f"{Form(application.form).label}，{Way(application.way).label}"
    return f"按照{addressee(application.applicant_type)}选择的提供形式（{chosen}）提供"


def reply_template(application: Application) -> str:
    outcome = application.outcome
    if application.kind == Kind.RECORD_CORRECTION:
        return "record_correction"
    if outcome == Outcome.UNAVAILABLE_NOT_HELD:
        return "reply_not_ours" if application.not_held_ground == NotHeldGround.NOT_OURS else "reply_not_held"
    if outcome in WITHHOLDING_OUTCOMES:
        return "reply_withheld"
    if outcome.startswith("not_processed_"):
        return "reply_not_processed"
    return f"reply_{outcome.removeprefix('unavailable_').removeprefix('withheld_')}"


def reply_title(application: Application) -> str:
    if application.kind == Kind.RECORD_CORRECTION:
        return RECORD_CORRECTION_TITLE
    if application.outcome == Outcome.UNAVAILABLE_NOT_HELD:
        return NOT_HELD_TITLES[NotHeldGround(application.not_held_ground or NotHeldGround.NONEXISTENT)]
    return REPLY_TITLES[application.outcome]


def reply(
    application: Application,
    *,
    reasons_asked: date | None = None,
    reasons_given: bool = False,
    provide_on: date | None = None,
) -> str:
    return _render(
        reply_template(application),
        {
            **_context(application),
            "outcome": application.outcome,
            "record_outcome": application.record_outcome,
            "provision": _provision(application),
            "finding": WITHHOLDING_FINDINGS.get(Outcome(application.outcome), "") if application.outcome else "",
            "correction_requested": cn_date(application.correction_requested_on),
            "correction_received": cn_date(application.correction_received_on),
            "reasons_asked": cn_date(reasons_asked),
            "reasons_given": reasons_given,
            "provide_on": cn_date(provide_on),
        },
    )


def correction(application: Application, items: list[str], due: date) -> str:
    return _render(
        "correction", {**_context(application), "items": items, "due": cn_date(due), "online": application.is_online}
    )


def extension(application: Application, working_days: int, reason: str, old: date, new: date) -> str:
    context = {"working_days": working_days, "reason": reason, "old": cn_date(old), "new": cn_date(new)}
    return _render("extension", {**_context(application), **context})


def _party(consultation: Consultation) -> dict[str, Any]:
    third_party = consultation.kind == ConsultationKind.THIRD_PARTY
    return {
        "consultation": consultation,
        "party_you": "您" if third_party and consultation.party_is_person else "贵单位",
        "period": THIRD_PARTY_WORKING_DAYS if third_party else INTER_AGENCY_WORKING_DAYS,
        "sent": cn_date(consultation.sent_on),
    }


def consultation_letter(application: Application, consultation: Consultation) -> str:
    name = "third_party" if consultation.kind == ConsultationKind.THIRD_PARTY else "agency"
    return _render(name, {**_context(application), **_party(consultation)})


def override(
    application: Application, consultation: Consultation, reason: str, content: str = "", provide_on: date | None = None
) -> str:
    context = {
        **_context(application), **_party(consultation), "reason": reason,
        "content": content or _wanted(application), "provide_on": cn_date(provide_on),
    }  # fmt: skip
    return _render("override", context)


def fee(
    application: Application, basis: str, rate: str, amount: int, how_to_pay: str, period: int, reduction: str = ""
) -> str:
    context = {"basis": basis, "rate": rate, "amount": amount, "how_to_pay": how_to_pay, "period": period}
    return _render("fee", {**_context(application), **context, "reduction": reduction})


def later_date(application: Application, later: date, reason: str) -> str:
    context = {"later": cn_date(later), "reason": reason, "reply_days": REPLY_WORKING_DAYS}
    return _render("later_date", {**_context(application), **context})


def reasons(application: Application, note: str, due: date) -> str:
    return _render("reasons", {**_context(application), "note": note, "due": cn_date(due)})
