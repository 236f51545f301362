"""The one outcome taxonomy of disclosure on application (regulation.md §1.4): the workflow, the reply
letters and table 三 of the annual report all use it."""

from django.db import models


class Outcome(models.TextChoices):
    DISCLOSED = "disclosed", "予以公开"
    PARTIALLY_DISCLOSED = "partially_disclosed", "部分公开"
    WITHHELD_STATE_SECRET = "withheld_state_secret", "不予公开：属于国家秘密"
    WITHHELD_PROHIBITED_BY_LAW = "withheld_prohibited_by_law", "不予公开：其他法律行政法规禁止公开"
    WITHHELD_SECURITY_STABILITY = "withheld_security_stability", "不予公开：危及“三安全一稳定”"
    WITHHELD_THIRD_PARTY = "withheld_third_party", "不予公开：保护第三方合法权益"
    WITHHELD_INTERNAL_AFFAIRS = "withheld_internal_affairs", "不予公开：属于三类内部事务信息"
    WITHHELD_PROCESS_INFO = "withheld_process_info", "不予公开：属于四类过程性信息"
    WITHHELD_ENFORCEMENT_FILE = "withheld_enforcement_file", "不予公开：属于行政执法案卷"
    WITHHELD_ADMINISTRATIVE_INQUIRY = "withheld_administrative_inquiry", "不予公开：属于行政查询事项"
    UNAVAILABLE_NOT_HELD = "unavailable_not_held", "无法提供：本机关不掌握相关政府信息"
    UNAVAILABLE_NEEDS_CREATION = "unavailable_needs_creation", "无法提供：没有现成信息需要另行制作"
    UNAVAILABLE_UNCLEAR_AFTER_CORRECTION = "unavailable_unclear_after_correction", "无法提供：补正后申请内容仍不明确"
    NOT_PROCESSED_PETITION = "not_processed_petition", "不予处理：信访举报投诉类申请"
    NOT_PROCESSED_REPEAT = "not_processed_repeat", "不予处理：重复申请"
    NOT_PROCESSED_PUBLICATION = "not_processed_publication", "不予处理：要求提供公开出版物"
    NOT_PROCESSED_EXCESSIVE = "not_processed_excessive", "不予处理：无正当理由大量反复申请"
    NOT_PROCESSED_RECONFIRMATION = "not_processed_reconfirmation", "不予处理：要求行政机关确认或重新出具已获取信息"
    OTHER_NO_CORRECTION = "other_no_correction", "其他处理：申请人无正当理由逾期不补正"
    OTHER_FEE_UNPAID = "other_fee_unpaid", "其他处理：申请人逾期未按收费通知要求缴纳费用"
    OTHER = "other", "其他处理：其他"


# The row of table 三 of the annual report (国办公开办函〔2021〕30号) each outcome is counted in.
REPORT_ROW: dict[str, str] = {
    Outcome.DISCLOSED: "（一）予以公开",
    Outcome.PARTIALLY_DISCLOSED: "（二）部分公开",
    Outcome.WITHHELD_STATE_SECRET: "（三）1",
    Outcome.WITHHELD_PROHIBITED_BY_LAW: "（三）2",
    Outcome.WITHHELD_SECURITY_STABILITY: "（三）3",
    Outcome.WITHHELD_THIRD_PARTY: "（三）4",
    Outcome.WITHHELD_INTERNAL_AFFAIRS: "（三）5",
    Outcome.WITHHELD_PROCESS_INFO: "（三）6",
    Outcome.WITHHELD_ENFORCEMENT_FILE: "（三）7",
    Outcome.WITHHELD_ADMINISTRATIVE_INQUIRY: "（三）8",
    Outcome.UNAVAILABLE_NOT_HELD: "（四）1",
    Outcome.UNAVAILABLE_NEEDS_CREATION: "（四）2",
    Outcome.UNAVAILABLE_UNCLEAR_AFTER_CORRECTION: "（四）3",
    Outcome.NOT_PROCESSED_PETITION: "（五）1",
    Outcome.NOT_PROCESSED_REPEAT: "（五）2",
    Outcome.NOT_PROCESSED_PUBLICATION: "（五）3",
    Outcome.NOT_PROCESSED_EXCESSIVE: "（五）4",
    Outcome.NOT_PROCESSED_RECONFIRMATION: "（五）5",
    Outcome.OTHER_NO_CORRECTION: "（六）1",
    Outcome.OTHER_FEE_UNPAID: "（六）2",
    Outcome.OTHER: "（六）3",
}

# Outcomes whose reply must state the legal ground and the reasons (条例 第十四条至第十六条、第三十六条（七）).
NEEDS_GROUND_AND_REASON = {o for o in Outcome if o.value.startswith("withheld_")} | {Outcome.PARTIALLY_DISCLOSED}
