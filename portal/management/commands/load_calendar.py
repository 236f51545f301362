from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from portal.services import load_package_calendar, package_arrangements


class Command(BaseCommand):
    help = "从 chinese-calendar 软件包载入或刷新工作日历；管理员录入或修改过的日期不会被覆盖。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("years", nargs="*", type=int, help="只载入这些年份（默认：软件包覆盖的全部年份）")

    def handle(self, *args: Any, years: list[int], **options: Any) -> None:
        available = sorted(package_arrangements())
        counts = load_package_calendar(years=years or None)
        self.stdout.write(
            f"软件包覆盖 {available[0]}–{available[-1]} 年。新建年度 {counts['years_created']}，"
            f"新增 {counts['added']}、更新 {counts['updated']}、删除 {counts['removed']} 个调整日，"
            f"保留管理员录入 {counts['kept_admin']} 个。"
        )
        missing = [y for y in years if y not in available]
        if missing:
            self.stderr.write(f"软件包未覆盖 {missing}：请系统管理员按国务院办公厅放假安排通知在后台录入。")
