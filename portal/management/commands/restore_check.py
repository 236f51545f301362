from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from portal import backup
from portal.models import AuditKind
from portal.services import record_audit


class Command(BaseCommand):
    help = "把一份备份恢复到临时位置，核对每张表的行数和每个文件的校验值是否与备份清单一致。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path, help="backup 命令生成的备份目录")

    def handle(self, *args: Any, folder: Path, **options: Any) -> None:
        try:
            manifest, problems = backup.check(folder)
        except (backup.BackupError, OSError) as error:
            record_audit(kind=AuditKind.RESTORE_CHECKED, target=str(folder), succeeded=False,
                         detail={"问题": str(error)[:500]})  # fmt: skip
            raise CommandError(f"恢复检查失败：{error}") from error
        record_audit(kind=AuditKind.RESTORE_CHECKED, target=str(folder), succeeded=not problems,
                     detail={"问题": problems[:20], "备份于": manifest.get("made_at", "")})  # fmt: skip
        if problems:
            raise CommandError("备份与清单不一致：\n" + "\n".join(f"  - {p}" for p in problems))
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            f"恢复检查通过：{len(manifest['rows'])} 张表共 {rows} 行、{len(manifest['files'])} 个文件与清单一致"
            f"（备份于 {manifest['made_at']}）。"
        )
