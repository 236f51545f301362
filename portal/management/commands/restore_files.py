from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from portal import backup


class Command(BaseCommand):
    help = "把备份中的全部文件（公开附件和不公开的文件）写回当前配置的存储（本地目录或对象存储）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path, help="backup 命令生成的备份目录")

    def handle(self, *args: Any, folder: Path, **options: Any) -> None:
        try:
            written = backup.restore_files(folder)
        except (backup.BackupError, OSError) as error:
            raise CommandError(f"恢复文件失败：{error}") from error
        self.stdout.write(f"已恢复 {written} 个文件。")
