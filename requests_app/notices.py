"""The text of the written notices (告知书, regulation.md §1.5), generated from the case. Staff may edit the
text before issuing; services.issue_notice freezes it with its number."""

from __future__ import annotations

from datetime import date

from portal.templatetags.portal_tags import cn_date

from .models import Application, Consultation, ConsultationKind, Form, NoticeKind, Way
from .outcomes import NOTICE_TITLE, Outcome
from .rules import REPLY_WORKING_DAYS, THIRD_PARTY_WORKING_DAYS

WITHHOLDING_OUTCOMES = {o for o in Outcome if o.value.startswith("withheld_")}
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


def reply_title(application: Application) -> str:
    if application.record_outcome:
        return "更正政府信息记录告知书"
    if application.outcome == Outcome.UNAVAILABLE_NOT_HELD and application.responsible_agency:
        return "非本机关政府信息告知书"
    return NOTICE_TITLE.get(application.outcome, "政府信息公开申请办理告知书")


def _opening(application: Application) -> str:
    received = application.received_on or application.arrived_on
    wanted = application.information_title or application.description[:60]
    return (
        f"{application.name}：\n\n本机关于{cn_date(received)}收到您（单位）提出的政府信息公开申请"
        f"（申请编号 {application.number}），申请获取“{wanted}”。"
    )


def remedies(application: Application) -> str:
    """The remedies paragraph that ends every notice with legal effect: the replies, the interim notices to the
    applicant, and the decision to disclose over a third party's objection (条例 第五十一条; 行政复议法
    第二十三条: for 不予公开, reconsideration comes first)."""
    government = application.organisation.remedy_government_name() or "上一级人民政府"
    if application.outcome in WITHHOLDING_OUTCOMES:
        text = (
            f"如对本告知不服，您（单位）应当先自收到本告知书之日起60日内向{government}申请行政复议；"
            "对行政复议决定不服的，可以自收到行政复议决定书之日起15日内依法向人民法院提起行政诉讼。"
        )
    else:
        text = (
            f"如对本告知不服，可以自收到本告知书之日起60日内向{government}申请行政复议，"
            "或者自收到本告知书之日起6个月内依法向人民法院提起行政诉讼。"
        )
    return text + f"您（单位）也可以向{government}政府信息公开工作主管部门投诉、举报。"


def _provision(application: Application) -> str:
    return f"按照您选择的提供形式（{Form(application.form).label}，{Way(application.way).label}）提供"


def reply(application: Application) -> str:
    outcome = application.outcome
    parts = [_opening(application)]
    if application.record_outcome:
        parts.append(
            f"根据《中华人民共和国政府信息公开条例》第四十一条，经审查，本机关对您的更正申请答复如下："
            f"{application.get_record_outcome_display()}。{application.reason}"
        )
    elif outcome == Outcome.DISCLOSED:
        parts.append(
            "经审查，您申请获取的政府信息属于公开范围，根据《中华人民共和国政府信息公开条例》第三十六条的规定，"
            f"本机关予以公开，现{_provision(application)}。{application.reason}"
        )
    elif outcome == Outcome.PARTIALLY_DISCLOSED:
        lines = "\n".join(
            f"{n}. {part['part']}：{part['reason']}" for n, part in enumerate(application.withheld_parts, 1)
        )
        parts.append(
            "经审查，您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。根据《中华人民共和国政府信息公开条例》"
            f"第三十七条的规定，本机关对可以公开的部分予以公开，现{_provision(application)}。"
            f"不予公开的部分及理由如下：\n{lines}"
        )
    elif outcome == Outcome.WITHHELD_ADMINISTRATIVE_INQUIRY:
        parts.append(
            "经审查，您申请获取的信息属于有关法律、行政法规对信息的获取有特别规定的行政查询事项。根据《中华人民共和国"
            f"政府信息公开条例》第三十六条第七项的规定，请依照{application.ground}的规定办理。{application.reason}"
        )
    elif outcome in WITHHOLDING_OUTCOMES:
        parts.append(
            f"经审查，您申请获取的政府信息{WITHHOLDING_FINDINGS[Outcome(outcome)]}。"
            f"根据{application.ground}的规定，本机关决定不予公开。理由如下：{application.reason}"
        )
    elif outcome == Outcome.UNAVAILABLE_NOT_HELD:
        if application.responsible_agency:
            parts.append(
                "经审查，您申请获取的政府信息不属于本机关负责公开。根据《中华人民共和国政府信息公开条例》第三十六条第五项的规定，"
                f"请向{application.responsible_agency}申请获取。"
            )
        else:
            parts.append(
                "经检索查找，本机关未制作或者获取您申请的政府信息，该政府信息不存在。根据《中华人民共和国政府信息公开条例》"
                f"第三十六条第四项的规定，特此告知。{application.reason}"
            )
    elif outcome == Outcome.UNAVAILABLE_NEEDS_CREATION:
        parts.append(
            "经审查，本机关没有您申请的现成信息，提供该信息需要对现有政府信息进行加工、分析。根据《中华人民共和国政府信息公开条例》"
            f"第三十八条的规定，本机关可以不予提供。{application.reason}"
        )
    elif outcome == Outcome.UNAVAILABLE_UNCLEAR_AFTER_CORRECTION:
        parts.append(
            "本机关已通知您补正申请，但补正后申请内容仍不明确，本机关无法确定您所需的政府信息。根据《中华人民共和国政府信息公开条例》"
            f"第三十条的规定，特此告知。{application.reason}"
        )
    else:
        label = Outcome(outcome).label.split("：", 1)[-1]
        ground = application.ground or "《中华人民共和国政府信息公开条例》"
        parts.append(f"经审查，您的申请{label}。根据{ground}的规定，本机关不予处理。{application.reason}")
    parts.append(remedies(application))
    return "\n\n".join(parts)


def correction(application: Application, items: list[str], due: date) -> str:
    listed = "\n".join(f"{n}. {item}" for n, item in enumerate(items, 1))
    return "\n\n".join([
        _opening(application),
        "经审查，您的申请内容不明确。根据《中华人民共和国政府信息公开条例》第三十条的规定，"
        "请您对以下内容作出补正：\n" + listed,
        f"请于{cn_date(due)}前将补正后的申请提交本机关。答复期限自本机关收到补正的申请之日起计算。"
        "无正当理由逾期不补正的，视为您放弃申请，本机关不再处理该政府信息公开申请。",
        remedies(application),
    ])  # fmt: skip


def extension(application: Application, working_days: int, reason: str, old: date, new: date) -> str:
    return "\n\n".join([
        _opening(application),
        f"因{reason}，本机关不能在{cn_date(old)}前作出答复。根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，"
        f"经政府信息公开工作机构负责人同意，答复期限延长{working_days}个工作日，本机关将于{cn_date(new)}前作出答复。",
        remedies(application),
    ])  # fmt: skip


def consultation_letter(application: Application, consultation: Consultation) -> str:
    wanted = application.information_title or application.description[:60]
    if consultation.kind == ConsultationKind.THIRD_PARTY:
        return "\n\n".join([
            f"{consultation.party}：",
            f"本机关收到一份政府信息公开申请，申请公开“{wanted}”。该信息的公开可能损害您（单位）的合法权益。"
            f"根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求您（单位）的意见。",
            f"请于{cn_date(consultation.due)}前（自收到本函之日起{THIRD_PARTY_WORKING_DAYS}个工作日内）书面提出意见，"
            "不同意公开的请说明理由。逾期未提出意见的，由本机关依照条例规定决定是否公开。"
            "第三方不同意公开且有合理理由的，本机关不予公开；但本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，"
            "并将决定公开的内容和理由书面告知您（单位）。",
        ])  # fmt: skip
    return "\n\n".join([
        f"{consultation.party}：",
        f"本机关收到一份政府信息公开申请，申请公开“{wanted}”。该信息由本机关与贵机关共同制作（或需经贵机关确认）。"
        "根据《中华人民共和国政府信息公开条例》第三十四条的规定，现征求贵机关意见。",
        f"请于{cn_date(consultation.due)}前提出意见；逾期未提出意见的，视为同意公开。",
    ])  # fmt: skip


def override(application: Application, consultation: Consultation, reason: str) -> str:
    wanted = application.information_title or application.description[:60]
    return "\n\n".join([
        f"{consultation.party}：",
        f"本机关于{cn_date(consultation.sent_on)}就“{wanted}”的公开征求您（单位）意见，您（单位）不同意公开。"
        "根据《中华人民共和国政府信息公开条例》第三十二条的规定，本机关认为不公开可能对公共利益造成重大影响，决定予以公开。",
        f"决定公开的内容：{wanted}。\n理由：{reason}",
        remedies(application),
    ])  # fmt: skip


def fee(application: Application, basis: str, rate: str, amount: int, due: date, how_to_pay: str) -> str:
    return "\n\n".join([
        _opening(application),
        f"您（单位）申请的数量、频次明显超过合理范围。根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》"
        f"（国办函〔2020〕109号）的规定，本机关依法收取信息处理费。\n计费依据：{basis}\n收费标准：{rate}\n应缴金额：人民币{amount}元",
        f"缴费方式：{how_to_pay}\n请于{cn_date(due)}前缴纳。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。",
        remedies(application),
    ])  # fmt: skip


def later_date(application: Application, later: date, reason: str) -> str:
    return "\n\n".join([
        _opening(application),
        f"您（单位）申请的数量、频次明显超过合理范围，经审查理由合理，但本机关无法在法定期限（{REPLY_WORKING_DAYS}个工作日）内答复。"
        f"根据《中华人民共和国政府信息公开条例》第三十五条的规定，本机关确定延迟答复的合理期限，将于{cn_date(later)}前作出答复。\n理由：{reason}",
        remedies(application),
    ])  # fmt: skip


def reasons(application: Application, note: str, due: date) -> str:
    return "\n\n".join([
        _opening(application),
        "您（单位）申请公开政府信息的数量、频次明显超过合理范围。根据《中华人民共和国政府信息公开条例》第三十五条的规定，"
        f"请于{cn_date(due)}前说明理由。{note}",
        "本机关认为申请理由不合理的，告知不予处理；申请理由合理但无法在规定期限内答复的，将确定延迟答复的合理期限并告知您（单位）。",
        remedies(application),
    ])  # fmt: skip
