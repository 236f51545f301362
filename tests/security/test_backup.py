"""Backups (issue 11; 等保 三级 数据备份恢复): `manage.py backup` takes the database and the attachments with a
manifest of the same state; `manage.py restore_check` restores it elsewhere and compares. On SQLite and, when
the suite runs there, on PostgreSQL (pg_dump of one exported snapshot)."""

import json
import tarfile
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from portal.models import AuditEvent, AuditKind
from requests_app.models import Application

pytestmark = pytest.mark.django_db(transaction=True)  # pg_dump reads what is committed


def back_up(target: Path) -> Path:
    out = StringIO()
    call_command("backup", output=target, stdout=out)
    assert "PERSONAL_DATA_KEYS" in out.getvalue()
    (folder,) = target.iterdir()
    return folder


def test_a_backup_restores_with_every_row_and_file(received: Any, tmp_path: Path, settings: Any) -> None:
    application = received()
    private = Path(settings.PRIVATE_MEDIA_ROOT) / "ysq" / "身份证复印件.pdf"
    private.parent.mkdir(parents=True)
    private.write_bytes(b"%PDF-1.4 copy of an ID card")
    folder = back_up(tmp_path / "backups")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["rows"]["requests_app_application"] == 1
    assert "private/ysq/身份证复印件.pdf" in manifest["files"]
    assert manifest["personal_data_key_ids"] and "PERSONAL_DATA_KEYS" not in json.dumps(manifest)
    assert AuditEvent.objects.filter(kind=AuditKind.BACKUP_MADE).exists()

    anchor = manifest["audit_checkpoint"]  # the audit chain's newest row, signed, in the manifest
    assert anchor["row"] == AuditEvent.objects.filter(pk__lt=AuditEvent.objects.get(kind=AuditKind.BACKUP_MADE).pk
                                                       ).order_by("-id").first().pk  # fmt: skip
    assert anchor["signature"] and any(name.startswith("private/audit-checkpoints/") for name in manifest["files"])

    Application.objects.filter(pk=application.pk).update(name="之后的改动")  # not in the backup; does not matter
    out = StringIO()
    call_command("restore_check", folder, stdout=out)
    assert "恢复检查通过" in out.getvalue()
    drill = AuditEvent.objects.filter(kind=AuditKind.RESTORE_CHECKED).get()  # the drill itself is audited
    assert drill.succeeded and drill.target == str(folder)


def test_a_backup_whose_audit_log_was_cut_is_reported(received: Any, tmp_path: Path, settings: Any) -> None:
    received()
    folder = back_up(tmp_path / "backups")
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["audit_checkpoint"]["row"] += 1000  # a row the restored log does not hold (or a forged manifest)
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(CommandError, match="审计检查点签名不符"):
        call_command("restore_check", folder, stdout=StringIO())
    assert not AuditEvent.objects.filter(kind=AuditKind.RESTORE_CHECKED).get().succeeded


def test_restore_check_names_what_does_not_match(received: Any, tmp_path: Path, settings: Any) -> None:
    received()
    media = Path(settings.MEDIA_ROOT) / "items" / "公告.pdf"
    media.parent.mkdir(parents=True)
    media.write_bytes(b"%PDF-1.4 notice")
    folder = back_up(tmp_path / "backups")
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["rows"]["requests_app_application"] = 2
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    tarfile.open(folder / "files.tar", "w").close()  # the attachment lost from the archive
    with pytest.raises(CommandError) as failure:
        call_command("restore_check", folder, stdout=StringIO())
    message = str(failure.value)
    assert "requests_app_application：清单 2 行，恢复后 1" in message
    assert "文件 media/items/公告.pdf 缺失" in message


def test_a_backup_without_its_keys_configured_is_reported(received: Any, tmp_path: Path, settings: Any) -> None:
    received()
    folder = back_up(tmp_path / "backups")
    settings.PERSONAL_DATA_KEYS = ["b3RoZXIta2V5LW9mLTMyLWJ5dGVzLWZvci10ZXN0cyE="]
    with pytest.raises(CommandError, match="未配置解密所需的个人信息密钥"):
        call_command("restore_check", folder, stdout=StringIO())
