from typing import Any

from django.core.management.base import BaseCommand

from disclosure import search


class Command(BaseCommand):
    help = "重建已发布政府信息的全文检索索引。"

    def handle(self, *args: Any, **options: Any) -> None:
        count = search.rebuild(
            progress=lambda n: self.stdout.write(f"已索引 {n} 条…") if options["verbosity"] > 1 else None
        )
        self.stdout.write(f"检索索引已重建：{count} 条已发布信息。")
