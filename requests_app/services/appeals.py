"""Reconsiderations and lawsuits about an application's handling (条例 第五十一条): recorded by the office that
handled it, counted in table 四 of the annual report."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError

from requests_app.models import Appeal, Application

from .records import check_event_date


def record_appeal(*, application: Application, actor: Any, kind: str, filed_on: date, body: str, note: str,
                  today: date) -> Appeal:  # fmt: skip
    check_event_date(filed_on, today, after=application.arrived_on, label="申请复议或起诉日期", field="filed_on")
    return Appeal.objects.create(application=application, kind=kind, filed_on=filed_on, body=body.strip(),
                                 note=note.strip(), recorded_by=actor)  # fmt: skip


def record_result(*, appeal: Appeal, actor: Any, result: str, decided_on: date, today: date) -> Appeal:
    if not result:
        raise ValidationError({"result": "请选择结果。"})
    check_event_date(decided_on, today, after=appeal.filed_on, label="作出决定或判决日期", field="decided_on")
    appeal.result, appeal.decided_on, appeal.recorded_by = result, decided_on, actor
    appeal.save(update_fields=["result", "decided_on", "recorded_by", "recorded_at"])
    return appeal
