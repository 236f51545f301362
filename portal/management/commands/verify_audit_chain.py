from typing import Any

from django.core.management.base import BaseCommand, CommandError

from portal import audit_chain


class Command(BaseCommand):
    help = "校验安全审计日志：每条的密钥校验值、前后链接，以及库外检查点；删除、插入、调换顺序或改写都会指出位置。"

    def handle(self, *args: Any, **options: Any) -> None:
        verdict = audit_chain.verify()
        if verdict.problems:
            where = f"在第 {verdict.first_row} 号记录处断开，" if verdict.first_row is not None else ""
            raise CommandError(
                f"审计日志{where}共 {len(verdict.problems)} 处问题（{verdict.checked} 条记录、"
                f"{verdict.anchors} 个检查点）：\n" + "\n".join(verdict.problems)
            )
        self.stdout.write(f"审计日志完整：{verdict.checked} 条记录校验通过，与 {verdict.anchors} 个库外检查点一致。")
