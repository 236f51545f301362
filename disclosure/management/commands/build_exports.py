from typing import Any

from django.core.management.base import BaseCommand

from disclosure import exports
from portal.models import Organisation


class Command(BaseCommand):
    help = "生成各机构政府信息公开目录的 CSV 和 Excel 文件（发布、撤回后会在后台自动重新生成）。"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("slugs", nargs="*", help="机构代码（slug）；不填则生成全部设有专栏的机构")

    def handle(self, *args: Any, **options: Any) -> None:
        organisations = Organisation.objects.with_column()
        if options["slugs"]:
            organisations = organisations.filter(slug__in=options["slugs"])
        for organisation in organisations:
            for fmt in exports.CatalogueExport.Format:
                record = exports.build(organisation, fmt)
                self.stdout.write(
                    f"{record.file_name}：{record.rows} 条，{record.size} 字节，{record.build_seconds:.1f} 秒"
                )
