"""The workflow of an application as data (regulation.md §1.3–1.7): which action is allowed from which
status, and where it leads. Each action is one function in services.py."""

from django.db import models

from portal.workflow import Workflow


class Status(models.TextChoices):
    SUBMITTED = "submitted", "待确认收到"
    RECEIVED = "received", "办理中"
    CORRECTION = "correction", "待申请人补正"
    CONSULTING = "consulting", "征求意见中"
    FEE = "fee", "待缴纳信息处理费"
    REPLIED = "replied", "已答复"
    CLOSED = "closed", "已终止"
    ARCHIVED = "archived", "已归档"


OPEN_STATUSES = (Status.SUBMITTED, Status.RECEIVED, Status.CORRECTION, Status.CONSULTING, Status.FEE)
# Statuses in which the reply clock runs: the deadline is shown and reminded.
CLOCK_STATUSES = (Status.RECEIVED, Status.CONSULTING, Status.FEE)


class Action(models.TextChoices):
    SUBMIT = "submit", "网上提交申请"
    REGISTER = "register", "登记申请"
    CONFIRM = "confirm", "确认收到申请"
    ASSIGN = "assign", "指定承办人"
    REQUEST_CORRECTION = "request_correction", "通知补正"
    RECEIVE_CORRECTION = "receive_correction", "收到补正"
    CLOSE_NO_CORRECTION = "close_no_correction", "逾期未补正，终止办理"
    CONSULT = "consult", "征求意见"
    RECORD_LETTER_RECEIPT = "record_letter_receipt", "登记对方收到征求意见函"
    RECORD_OPINION = "record_opinion", "记录征求意见结果"
    EXTEND = "extend", "延期答复"
    REQUEST_EXTENSION = "request_extension", "申请延期答复（报负责人同意）"
    APPROVE_EXTENSION = "approve_extension", "同意延期答复"
    DECLINE_EXTENSION = "decline_extension", "不同意延期答复"
    ASK_REASONS = "ask_reasons", "要求说明理由（条例第三十五条）"
    RECEIVE_REASONS = "receive_reasons", "登记申请人说明的理由（条例第三十五条）"
    SET_LATER_DATE = "set_later_date", "确定延后答复期限（条例第三十五条）"
    NOTIFY_FEE = "notify_fee", "发出收费通知"
    DELIVER_FEE_NOTICE = "deliver_fee_notice", "登记收费通知送达"
    REDUCE_FEE = "reduce_fee", "减少信息处理费"
    WAIVE_FEE = "waive_fee", "免收信息处理费"
    RECORD_PAYMENT = "record_payment", "登记缴费"
    CLOSE_FEE_UNPAID = "close_fee_unpaid", "逾期未缴费，终止办理"
    PREPARE_REPLY = "prepare_reply", "拟定答复（报负责人签发）"
    SIGN_OFF = "sign_off", "签发答复"
    RETURN_REPLY = "return_reply", "退回拟定的答复"
    REPLY = "reply", "作出答复"
    DELIVER = "deliver", "登记送达"
    PROVIDE_FILES = "provide_files", "上传以电子形式提供的信息"
    WITHDRAW = "withdraw", "申请人撤回申请"
    ARCHIVE = "archive", "归档"
    MAKE_PROACTIVE = "make_proactive", "转为主动公开（条例第四十四条）"
    REVEAL = "reveal", "查看完整个人信息"
    IMPORT = "import", "从历史台账导入"


S = Status
A = Action

TRANSITIONS: dict[tuple[str, str], str] = {
    (S.SUBMITTED, A.CONFIRM): S.RECEIVED,
    (S.SUBMITTED, A.ASSIGN): S.SUBMITTED,
    (S.SUBMITTED, A.WITHDRAW): S.CLOSED,
    (S.RECEIVED, A.ASSIGN): S.RECEIVED,
    (S.RECEIVED, A.REQUEST_CORRECTION): S.CORRECTION,
    (S.RECEIVED, A.CONSULT): S.CONSULTING,
    (S.RECEIVED, A.EXTEND): S.RECEIVED,
    (S.RECEIVED, A.REQUEST_EXTENSION): S.RECEIVED,
    (S.RECEIVED, A.APPROVE_EXTENSION): S.RECEIVED,
    (S.RECEIVED, A.DECLINE_EXTENSION): S.RECEIVED,
    (S.RECEIVED, A.ASK_REASONS): S.RECEIVED,
    (S.RECEIVED, A.RECEIVE_REASONS): S.RECEIVED,
    (S.RECEIVED, A.SET_LATER_DATE): S.RECEIVED,
    (S.RECEIVED, A.NOTIFY_FEE): S.FEE,
    (S.RECEIVED, A.REPLY): S.REPLIED,
    (S.RECEIVED, A.PREPARE_REPLY): S.RECEIVED,
    (S.RECEIVED, A.SIGN_OFF): S.REPLIED,
    (S.RECEIVED, A.RETURN_REPLY): S.RECEIVED,
    (S.RECEIVED, A.WITHDRAW): S.CLOSED,
    (S.RECEIVED, A.MAKE_PROACTIVE): S.RECEIVED,
    (S.CORRECTION, A.ASSIGN): S.CORRECTION,
    (S.CORRECTION, A.RECEIVE_CORRECTION): S.RECEIVED,
    (S.CORRECTION, A.CLOSE_NO_CORRECTION): S.CLOSED,
    (S.CORRECTION, A.WITHDRAW): S.CLOSED,
    (S.CONSULTING, A.ASSIGN): S.CONSULTING,
    (S.CONSULTING, A.RECORD_LETTER_RECEIPT): S.CONSULTING,
    (S.CONSULTING, A.RECORD_OPINION): S.RECEIVED,
    (S.CONSULTING, A.EXTEND): S.CONSULTING,
    (S.CONSULTING, A.REQUEST_EXTENSION): S.CONSULTING,
    (S.CONSULTING, A.APPROVE_EXTENSION): S.CONSULTING,
    (S.CONSULTING, A.DECLINE_EXTENSION): S.CONSULTING,
    (S.CONSULTING, A.WITHDRAW): S.CLOSED,
    (S.FEE, A.ASSIGN): S.FEE,
    (S.FEE, A.NOTIFY_FEE): S.FEE,  # a corrected notice replaces an unpaid one
    (S.FEE, A.DELIVER_FEE_NOTICE): S.FEE,
    (S.FEE, A.REDUCE_FEE): S.FEE,
    (S.FEE, A.WAIVE_FEE): S.RECEIVED,
    (S.FEE, A.RECORD_PAYMENT): S.RECEIVED,
    (S.FEE, A.CLOSE_FEE_UNPAID): S.CLOSED,
    (S.FEE, A.EXTEND): S.FEE,
    (S.FEE, A.REQUEST_EXTENSION): S.FEE,
    (S.FEE, A.APPROVE_EXTENSION): S.FEE,
    (S.FEE, A.DECLINE_EXTENSION): S.FEE,
    (S.FEE, A.WITHDRAW): S.CLOSED,
    (S.REPLIED, A.DELIVER): S.REPLIED,
    (S.REPLIED, A.PROVIDE_FILES): S.REPLIED,
    (S.REPLIED, A.ARCHIVE): S.ARCHIVED,
    (S.REPLIED, A.MAKE_PROACTIVE): S.REPLIED,
    (S.CLOSED, A.ARCHIVE): S.ARCHIVED,
    (S.ARCHIVED, A.MAKE_PROACTIVE): S.ARCHIVED,
}

# Actions that are not transitions of an existing application, or that any status allows.
CREATING_ACTIONS = (A.SUBMIT, A.REGISTER, A.IMPORT)
ANY_STATUS_ACTIONS = (A.REVEAL,)


WORKFLOW = Workflow(Status, TRANSITIONS)
ensure_allowed = WORKFLOW.ensure_allowed


def allowed_actions(status: str) -> list[Action]:
    return [Action(action) for action in WORKFLOW.allowed_actions(status)]
