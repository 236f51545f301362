"""Demo data for supervision: a complaint being handled, one closed with its finding and rectification, and a
site error waiting for its reply (safe to run twice)."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from portal.models import Organisation

from . import complaint_services as services
from .complaints import Complaint


def seed(town: Organisation, head: Any, today: date) -> None:
    if Complaint.objects.filter(organisation=town).exists():
        return

    def received(days_ago: int, kind: str, subject: str, text: str, contact: str = "", page_url: str = "") -> Any:
        at = timezone.make_aware(datetime.combine(today - timedelta(days=days_ago), time(9, 30)))
        return services.receive(organisation=town, kind=kind, subject=subject, text=text, page_url=page_url,
                                name="村民", contact=contact, now=at,
                                submission_key=uuid.uuid5(uuid.NAMESPACE_URL, f"demo-complaint:{subject}")).complaint  # fmt: skip

    received(2, "complaint", "申请答复超期", "10月提交的低保名单公开申请至今未答复。", contact="13900000011")
    received(1, "site_error", "附件打不开", "“森林防火”通知的附件点击后显示找不到。", page_url="/gk/shifanzhen/")
    closed = received(40, "complaint", "公示名单未遮盖身份证号", "村务公开栏张贴的名单显示了完整身份证号。",
                      contact="villager@example.com")  # fmt: skip
    services.reply(complaint=closed, actor=head, today=today - timedelta(days=33),
                   text="经核查，该名单系村委会自行张贴，镇党政办已督促撤下并重新张贴遮盖后的名单。")  # fmt: skip
    services.close(complaint=closed, finding="upheld", actor=head, today=today - timedelta(days=30),
                   rectification="名单已重新张贴；镇党政办向各村印发个人信息处理提醒，并在审核清单中加入公开栏材料。")  # fmt: skip
