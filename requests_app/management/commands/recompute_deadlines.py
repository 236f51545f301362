from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from requests_app.tasks import recompute_deadlines


class Command(BaseCommand):
    help = "按当前工作日历重新计算依申请公开申请的答复期限（日历变更后自动执行；--all 含已办结申请）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--all", action="store_true", help="包括已办结的申请")

    def handle(self, *args: Any, all: bool, **options: Any) -> None:
        self.stdout.write(f"答复期限有变化的申请：{recompute_deadlines(open_only=not all)} 件。")
