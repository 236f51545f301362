from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from portal import backup
from portal.models import AuditKind
from portal.services import record_audit


class Command(BaseCommand):
    help = (
        "备份数据库（SQLite 在线备份；PostgreSQL 用 pg_dump）和公开、非公开附件，附行数与校验值清单。"
        "个人信息密钥不在备份中，须另行保管。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, default=None, help="备份存放目录，默认 BACKUP_DIR")

    def handle(self, *args: Any, output: Path | None, **options: Any) -> None:
        destination = output or Path(settings.BACKUP_DIR)
        try:
            folder = backup.make(destination)
        except (backup.BackupError, OSError) as error:
            raise CommandError(f"备份失败：{error}") from error
        record_audit(kind=AuditKind.BACKUP_MADE, target=str(folder))
        self.stdout.write(f"备份完成：{folder}")
        self.stdout.write("请另行保管 PERSONAL_DATA_KEYS：没有它，备份中的个人信息无法解密。")
