from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from consultations.questions.services import escalate_overdue


class Command(BaseCommand):
    help = (
        "定时任务：政务咨询超过答复期限仍未答复的，邮件提醒办理机构负责人（每条一次）。"
        "可重复运行，多个节点同时运行也不重复。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=date.fromisoformat, help="按指定日期计算（YYYY-MM-DD），默认今天")

    def handle(self, *args: Any, today: date | None, **options: Any) -> None:
        self.stdout.write(f"超期政务咨询提醒负责人：{escalate_overdue(today=today or timezone.localdate())} 条。")
