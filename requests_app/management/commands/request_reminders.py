from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from requests_app.tasks import discard_abandoned_uploads, send_reminders


class Command(BaseCommand):
    help = (
        "定时任务：标记3个工作日内到期和已超期的依申请公开申请，并提醒承办人和公开工作机构负责人；"
        "提醒超过1个工作日未确认收到的申请；删除两天前放弃填写的网上申请的附件。可重复运行。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=date.fromisoformat, help="按指定日期计算（YYYY-MM-DD），默认今天")

    def handle(self, *args: Any, today: date | None, **options: Any) -> None:
        self.stdout.write(f"期限提醒邮件：{send_reminders(today)} 封。")
        self.stdout.write(f"删除未提交申请的附件：{discard_abandoned_uploads()} 个。")
        from django.contrib.sessions.models import Session
        from django.utils import timezone

        expired, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
        self.stdout.write(f"删除过期会话（含未提交的申请草稿）：{expired} 个。")
