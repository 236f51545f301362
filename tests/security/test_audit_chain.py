"""A tamper-evident audit log (等保 2.0 §8.1.4.3 审计记录保护; RFC 6962-style checkpoints): whoever holds the
database but not AUDIT_CHAIN_KEY cannot delete the tail, insert, reorder or rewrite rows (recomputing every hash
after them) without `verify_audit_chain` naming where. Runs on SQLite and on PostgreSQL."""

import hashlib
import io
import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import connection

from portal import audit_chain
from portal.models import AuditEvent, AuditKind
from portal.services import record_audit
from portal.storage import private as private_storage
from portal.storage import walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged(personas: dict[str, User]) -> list[AuditEvent]:
    """Thirty rows, anchored outside the database, as the daily checkpoint leaves them."""
    for n in range(30):
        record_audit(kind=AuditKind.DATA_REVEALED, actor=personas["case_officer"], target=f"申请 {n}")
    call_command("anchor_audit_chain", stdout=io.StringIO())
    return list(AuditEvent.objects.order_by("id"))


def behind_the_portals_back(*statements: str) -> None:
    """What a database owner can do: triggers off, then any SQL (the test's transaction undoes it)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER IF EXISTS portal_auditevent_no_update")
            cursor.execute("DROP TRIGGER IF EXISTS portal_auditevent_no_delete")
        else:
            cursor.execute("SET LOCAL session_replication_role = replica")
        for sql in statements:
            cursor.execute(sql)


def verdict() -> str:
    try:
        call_command("verify_audit_chain", stdout=io.StringIO())
    except CommandError as error:
        return str(error)
    return ""


def test_an_untouched_log_verifies_with_its_checkpoint(logged: list[AuditEvent]) -> None:
    out = io.StringIO()
    call_command("verify_audit_chain", stdout=out)
    assert "审计日志完整" in out.getvalue() and "与 1 个库外检查点一致" in out.getvalue()
    assert all(row.key_id == audit_chain.current_key_id() for row in logged)
    assert logged[-1].role == "示例镇·依申请公开办理人员" and logged[-1].succeeded


def test_deleting_the_tail_is_seen_by_the_checkpoint(logged: list[AuditEvent]) -> None:
    tail = logged[-10:]
    behind_the_portals_back(f"DELETE FROM portal_auditevent WHERE id >= {tail[0].pk}")
    found = verdict()
    assert f"检查点记录的第 {tail[-1].pk} 号已不在数据库中" in found


def test_rewriting_a_row_and_recomputing_every_hash_after_it_is_seen(logged: list[AuditEvent]) -> None:
    """Without the key the forger can only recompute plain SHA-256 hashes, and the keyed rows refuse them."""
    victim = logged[15]
    previous = logged[14].row_hash
    statements = []
    for row in logged[15:]:
        row.previous_hash = previous
        if row.pk == victim.pk:
            row.username = "someone_else"
        forged = hashlib.sha256(json.dumps(row.content(), ensure_ascii=False, sort_keys=True, default=str)
                                .encode("utf-8")).hexdigest()  # fmt: skip
        statements.append(f"UPDATE portal_auditevent SET username = '{row.username}', previous_hash = '{previous}', "
                          f"row_hash = '{forged}' WHERE id = {row.pk}")  # fmt: skip
        previous = forged
    behind_the_portals_back(*statements)
    found = verdict()
    assert f"在第 {victim.pk} 号记录处断开" in found and f"第 {victim.pk} 号的内容与校验值不符" in found


def test_rows_rewritten_as_unkeyed_are_seen(logged: list[AuditEvent]) -> None:
    """Passing rows off as written before the key existed: an unkeyed row after a keyed one is refused."""
    victim = logged[20]
    behind_the_portals_back(f"UPDATE portal_auditevent SET key_id = '' WHERE id >= {victim.pk}")
    assert f"第 {victim.pk} 号没有用审计密钥计算校验值" in verdict()


def test_an_inserted_row_is_seen(logged: list[AuditEvent]) -> None:
    """A row added at the end, linked to the real last row: its hash cannot be made without the key."""
    last = logged[-1]
    behind_the_portals_back(
        "INSERT INTO portal_auditevent (at, kind, username, role, succeeded, target, detail, previous_hash, row_hash,"
        f" key_id) VALUES ('2026-01-01 00:00:00', 'data_revealed', 'ghost', '', TRUE, 'x', '{{}}',"
        f" '{last.row_hash}', '{'0' * 64}', '{audit_chain.current_key_id()}')"
    )
    ghost = AuditEvent.objects.get(username="ghost")
    assert f"第 {ghost.pk} 号的内容与校验值不符" in verdict()


def test_reordering_two_rows_is_seen(logged: list[AuditEvent]) -> None:
    first, second = logged[5], logged[6]
    behind_the_portals_back(
        f"UPDATE portal_auditevent SET id = -1 WHERE id = {first.pk}",
        f"UPDATE portal_auditevent SET id = {first.pk} WHERE id = {second.pk}",
        f"UPDATE portal_auditevent SET id = {second.pk} WHERE id = -1",
    )
    assert f"第 {first.pk} 号与前一条" in verdict()


def test_a_forged_checkpoint_is_seen(logged: list[AuditEvent]) -> None:
    storage = private_storage()
    [name] = walk(storage, audit_chain.FOLDER)
    with storage.open(name, "rb") as handle:
        body = json.loads(handle.read())
    body["row"] = logged[3].pk
    storage.delete(name)
    storage.save(name, io.BytesIO(json.dumps(body).encode()))
    assert "的签名不符：检查点被伪造或改动" in verdict()


def test_the_key_is_never_in_the_database(logged: list[AuditEvent], settings: Any) -> None:
    from django.apps import apps

    secret = settings.AUDIT_CHAIN_KEY
    with connection.cursor() as cursor:
        for model in apps.get_models():
            for field in model._meta.concrete_fields:
                if field.get_internal_type() in ("CharField", "TextField", "JSONField"):
                    table, column = (connection.ops.quote_name(str(n)) for n in (model._meta.db_table, field.column))
                    sql = f"SELECT COUNT(*) FROM {table} WHERE CAST({column} AS TEXT) LIKE %s"  # nosec B608
                    cursor.execute(sql, [f"%{secret}%"])
                    assert cursor.fetchone()[0] == 0, (model, field)


def test_rows_signed_with_an_old_key_verify_after_rotation(logged: list[AuditEvent], settings: Any) -> None:
    old = settings.AUDIT_CHAIN_KEY
    settings.AUDIT_CHAIN_KEY, settings.AUDIT_CHAIN_OLD_KEYS = "bmV3LWF1ZGl0LWtleS1hZnRlci1yb3RhdGlvbi0zMmI=", [old]
    record_audit(kind=AuditKind.DATA_REVEALED, target="轮换之后")
    assert verdict() == ""
    settings.AUDIT_CHAIN_OLD_KEYS = []  # the old key lost: its rows cannot be checked, and the command says so
    assert "未配置：无法校验" in verdict()
