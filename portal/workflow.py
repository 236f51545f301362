"""A workflow as data: which action is allowed from which status, and where it leads. Each app's states.py
declares its table with this; every service asks `ensure_allowed` before it writes."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models


@dataclass(frozen=True)
class Workflow:
    statuses: type[models.TextChoices]
    transitions: dict[tuple[str, str], str]

    def ensure_allowed(self, status: str, action: models.TextChoices) -> str:
        """The status the action leads to, or a ValidationError in Chinese when it is not allowed."""
        try:
            return self.transitions[(status, action)]
        except KeyError:
            raise ValidationError(
                f"当前状态为“{self.statuses(status).label}”，不能执行“{action.label}”。", code="transition"
            ) from None

    def allows(self, status: str, action: str) -> bool:
        return (status, action) in self.transitions

    def allowed_actions(self, status: str) -> list[str]:
        return [action for (state, action) in self.transitions if state == status]
