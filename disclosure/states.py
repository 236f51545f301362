"""The item workflow as data: which action is allowed from which status, and where it leads."""

from django.core.exceptions import ValidationError
from django.db import models

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


def ensure_allowed(status: str, action: Action) -> str:
    """The status the action leads to, or a ValidationError in Chinese when it is not allowed."""
    try:
        return TRANSITIONS[(status, action)]
    except KeyError:
        raise ValidationError(
            f"当前状态为“{ItemStatus(status).label}”，不能执行“{action.label}”。", code="transition"
        ) from None
