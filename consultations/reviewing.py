"""Sending content of this app to the review queue and publishing it once approved (先审后发): the same steps
for a consultation, its adoption report, a phase's material, a hearing notice and a hearing report."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction


def send(model: type[models.Model], pk: int, actor: Any, problems: Callable[[Any], list[str]]) -> Any:
    """A draft, checked, to the review queue (status 审核中)."""
    from review import services as review

    with transaction.atomic():
        current: Any = model._default_manager.select_for_update().get(pk=pk)
        if current.status != "draft":
            raise ValidationError("只有草稿可以提交审核。")
        found = problems(current)
        if found:
            raise ValidationError(found)
        current.status = "in_review"
        current.save(update_fields=["status"])
        review.submit(content=current, actor=actor)
    return current


def publish(model: type[models.Model], pk: int, now: datetime, refusal: str) -> Any:
    """Approved content published, inside the caller's transaction; anything else is refused."""
    from review.services import approved_for_publication

    current: Any = model._default_manager.select_for_update().get(pk=pk)
    if not approved_for_publication(current):
        raise PermissionDenied(refusal)
    current.status, current.published_at = "published", now
    current.save(update_fields=["status", "published_at"])
    return current
