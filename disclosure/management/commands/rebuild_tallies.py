from typing import Any

from django.core.management.base import BaseCommand

from disclosure import tallies


class Command(BaseCommand):
    help = "按已发布的政府信息重新统计各栏目的条数、重建站点地图分页（批量导入数据库之后运行）。"

    def handle(self, *args: Any, **options: Any) -> None:
        rows, pages = tallies.rebuild(), tallies.rebuild_sitemap_pages()
        self.stdout.write(f"栏目计数已重建：{rows} 行；站点地图 {pages} 页。")
