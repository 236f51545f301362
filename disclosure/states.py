"""The item workflow as data: which action is allowed from which status, and where it leads."""

from django.db import models

from portal.workflow import Workflow

from .models import ItemStatus


class Action(models.TextChoices):
    DRAFT = "draft", "起草"
    EDIT = "edit", "修改草稿"
    SUBMIT = "submit", "提交审核"
    RETURN = "return", "退回修改"
    PUBLISH = "publish", "发布"
    MERGE = "merge", "修订发布"
    WITHDRAW = "withdraw", "撤回"
    REVISE = "revise", "起草修订"
    IMPORT = "import", "从原目录导入"
    MASK = "mask", "遮盖个人信息"


TRANSITIONS: dict[tuple[str, str], str] = {
    (ItemStatus.DRAFT, Action.EDIT): ItemStatus.DRAFT,
    (ItemStatus.DRAFT, Action.SUBMIT): ItemStatus.SUBMITTED,
    (ItemStatus.SUBMITTED, Action.RETURN): ItemStatus.DRAFT,
    (ItemStatus.SUBMITTED, Action.PUBLISH): ItemStatus.PUBLISHED,
    (ItemStatus.SUBMITTED, Action.MERGE): ItemStatus.MERGED,
    (ItemStatus.PUBLISHED, Action.WITHDRAW): ItemStatus.WITHDRAWN,
    (ItemStatus.PUBLISHED, Action.REVISE): ItemStatus.PUBLISHED,
}

WORKFLOW = Workflow(ItemStatus, TRANSITIONS)
ensure_allowed = WORKFLOW.ensure_allowed
