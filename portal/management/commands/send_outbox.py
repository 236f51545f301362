from typing import Any

from django.core.management.base import BaseCommand

from portal.outbox import deliver_due


class Command(BaseCommand):
    help = "投递待发邮件及到期的重试（供没有任务进程时或作为补充，由 cron 每隔几分钟运行；可重复运行）。"

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"已发送 {deliver_due()} 封邮件。")
