"""Recording a 评议会's or questionnaire's results."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError

from portal.models import Organisation

from .models import Evaluation


def record(*, organisation: Organisation, source: str, held_on: date, satisfied: int, basic: int,
           unsatisfied: int, comments: str, actor: Any, today: date) -> Evaluation:  # fmt: skip
    errors = {}
    if held_on > today:
        errors["held_on"] = "日期不能晚于今天：评议结束后登记。"
    if satisfied + basic + unsatisfied == 0:
        errors["satisfied"] = "请填写各档评价的人数。"
    if errors:
        raise ValidationError(errors)
    return Evaluation.objects.create(organisation=organisation, source=source, held_on=held_on, satisfied=satisfied,
                                     basic=basic, unsatisfied=unsatisfied, comments=comments.strip(),
                                     recorded_by=actor)  # fmt: skip
