from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from review.notifications import send_digests
from review.services import publish_due


class Command(BaseCommand):
    help = "定时任务：发布到期的定时发布内容；--digest 时发送每日待审汇总邮件。可重复运行。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--digest", action="store_true", help="同时发送每日汇总邮件（每天运行一次时使用）")

    def handle(self, *args: Any, digest: bool, **options: Any) -> None:
        published = publish_due()
        self.stdout.write(f"定时发布：{published} 项。")
        if digest:
            self.stdout.write(f"每日汇总邮件：{send_digests()} 封。")
