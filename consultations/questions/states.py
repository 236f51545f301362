"""The workflow of a question as data: which action is allowed from which status, and where it leads. Each
action is one function in services.py; publication is not a status but the review queue's decision on an
answered question (published_at)."""

from django.db import models

from portal.workflow import Workflow


class Status(models.TextChoices):
    OPEN = "open", "待答复"
    ANSWERED = "answered", "已答复"
    CONVERTED = "converted", "已转为申请或投诉"
    DISMISSED = "dismissed", "不予答复"


class Action(models.TextChoices):
    ASK = "ask", "网上提问"
    ANSWER = "answer", "答复"
    TRANSFER = "transfer", "转交其他机构办理"
    DISMISS = "dismiss", "不予答复"
    PROPOSE = "propose", "建议转为申请或投诉"
    CONVERT = "convert", "提问人同意转为申请或投诉"
    ESCALATE = "escalate", "超期提醒负责人"
    SUBMIT = "submit", "答复送审公开"
    PUBLISH = "publish", "审核通过，公开问答"
    UNPUBLISH = "unpublish", "撤下公开的问答"


S, A = Status, Action

TRANSITIONS: dict[tuple[str, str], str] = {
    (S.OPEN, A.ANSWER): S.ANSWERED,
    (S.OPEN, A.TRANSFER): S.OPEN,
    (S.OPEN, A.DISMISS): S.DISMISSED,
    (S.OPEN, A.PROPOSE): S.OPEN,
    (S.OPEN, A.CONVERT): S.CONVERTED,
    (S.OPEN, A.ESCALATE): S.OPEN,
    (S.ANSWERED, A.SUBMIT): S.ANSWERED,
    (S.ANSWERED, A.PUBLISH): S.ANSWERED,
    (S.ANSWERED, A.UNPUBLISH): S.ANSWERED,
}

WORKFLOW = Workflow(Status, TRANSITIONS)
ensure_allowed = WORKFLOW.ensure_allowed
