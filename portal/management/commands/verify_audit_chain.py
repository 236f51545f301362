from typing import Any

from django.core.management.base import BaseCommand, CommandError

from portal.services import verify_audit_chain


class Command(BaseCommand):
    help = "校验安全审计日志的哈希链：任何一条被改动或删除，都会指出链条断开的第一条记录。"

    def handle(self, *args: Any, **options: Any) -> None:
        checked, broken = verify_audit_chain()
        if broken is not None:
            raise CommandError(
                f"审计日志哈希链在第 {broken} 号记录处断开（此前 {checked} 条校验通过）："
                "该记录或其前一条已被改动或删除。"
            )
        self.stdout.write(f"审计日志哈希链完整：{checked} 条记录校验通过。")
