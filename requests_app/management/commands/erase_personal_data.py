from datetime import date
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from requests_app.services.retention import erase_expired


class Command(BaseCommand):
    help = "定时任务（每天）：销毁办结已满保存期限的申请中的证件号码、电话、地址和邮箱；案件与统计保留。可重复运行。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=date.fromisoformat, help="按指定日期计算（YYYY-MM-DD），默认今天")

    def handle(self, *args: Any, today: date | None, **options: Any) -> None:
        count = erase_expired(today or timezone.localdate())
        days = settings.PERSONAL_DATA_RETENTION_DAYS
        self.stdout.write(f"销毁办结满 {days} 天的申请人个人信息：{count} 件。")
