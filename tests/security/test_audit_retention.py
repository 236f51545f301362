"""The audit log is exported by the audit administrator, kept at least 180 days (网络安全法 第二十一条) and purged
only by the audit administrator through a recorded action (issue 11, item 5)."""

import csv
import io
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.utils import timezone

from portal.models import AuditEvent, AuditKind, Duty
from portal.services import assign_duty, record_audit


def old_events(monkeypatch: pytest.MonkeyPatch, days: int, count: int) -> list[AuditEvent]:
    moment = timezone.now() - timedelta(days=days)
    with monkeypatch.context() as patch:
        patch.setattr(timezone, "now", lambda: moment)
        return [record_audit(kind=AuditKind.LOGIN_FAILED, username=f"guess{n}") for n in range(count)]


def test_the_audit_administrator_exports_the_filtered_log_with_its_hashes(
    client_for: Any, personas: dict[str, User]
) -> None:
    record_audit(kind=AuditKind.LOGIN_FAILED, username='=HYPERLINK("http://evil")')
    response = client_for("auditadmin").get("/staff/audit/export/?kind=login_failed")
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:6] == ["编号", "时间", "事件", "结果", "账号", "身份"] and rows[0][-2:] == ["校验值", "密钥标识"]
    assert [row[2:4] for row in rows[1:]] == [["登录失败", "失败"]]
    assert rows[1][4].startswith("'="), "a formula in a typed user name is neutralised"
    assert len(rows[1][-2]) == 64 and rows[1][-1]  # the keyed hash and the key's fingerprint
    exported = AuditEvent.objects.get(kind=AuditKind.AUDIT_EXPORTED)
    assert exported.actor == personas["auditadmin"] and exported.detail == {"条件": {"kind": "login_failed"}}


@pytest.mark.parametrize("persona", ["secadmin", "sysadmin", "case_officer"])
def test_only_the_audit_administrator_exports_or_purges(client_for: Any, persona: str) -> None:
    client = client_for(persona)
    assert client.get("/staff/audit/export/").status_code == 403
    assert client.post("/staff/audit/purge/").status_code == 403


def test_a_purge_removes_only_rows_past_the_retention_period_and_is_recorded(
    town: Any, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    settings.AUDIT_DELETE_GUARD = True  # as in production
    settings.AUDIT_RETENTION_DAYS = 30  # below the legal minimum: 180 days apply
    expired = old_events(monkeypatch, days=200, count=3)
    kept = old_events(monkeypatch, days=100, count=2)
    auditor = User.objects.create_user(username="auditor")
    assign_duty(user=auditor, duty=Duty.AUDIT)
    client = Client()
    client.force_login(auditor)
    confirm = client.get("/staff/audit/purge/").content.decode()
    assert "3 条" in confirm and "180 天" in confirm
    response = client.post("/staff/audit/purge/")
    assert response.status_code == 302
    remaining = set(AuditEvent.objects.values_list("pk", flat=True))
    assert not remaining & {e.pk for e in expired} and {e.pk for e in kept} <= remaining
    purge = AuditEvent.objects.get(kind=AuditKind.AUDIT_PURGED)
    assert purge.actor == auditor and purge.detail["rows"] == 3
    assert purge.detail["first_kept_id"] == kept[0].pk
    call_command("verify_audit_chain", stdout=io.StringIO())


def test_the_database_still_refuses_any_other_delete_of_old_rows(
    personas: dict[str, User], monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    settings.AUDIT_DELETE_GUARD = True
    (old,) = old_events(monkeypatch, days=400, count=1)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM portal_auditevent WHERE id = {old.pk}")
    assert AuditEvent.objects.filter(pk=old.pk).exists()


def test_oldest_rows_removed_behind_the_portals_back_break_the_chain(
    personas: dict[str, User], monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    _first, second = old_events(monkeypatch, days=10, count=2)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")  # triggers off, as a superuser could
        cursor.execute(f"DELETE FROM portal_auditevent WHERE id < {second.pk}")  # guard is off in tests (SQLite)
    with pytest.raises(CommandError, match=f"第 {second.pk} 号记录处断开"):
        call_command("verify_audit_chain", stdout=io.StringIO())
