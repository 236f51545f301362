from typing import Any

from django.core.management.base import BaseCommand

from portal import audit_chain


class Command(BaseCommand):
    help = "把审计日志最新一条的位置和校验值签名后写入私有对象存储（库外检查点），每天由定时任务运行。"

    def handle(self, *args: Any, **options: Any) -> None:
        body = audit_chain.checkpoint(reason="daily")
        if not body:
            self.stdout.write("审计日志为空，没有写检查点。")
            return
        self.stdout.write(f"已写入审计检查点：第 {body['row']} 号，校验值 {body['hash'][:16]}…")
