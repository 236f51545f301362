"""The append-only security audit log (issue 2 §7)."""

from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import DatabaseError, connection, transaction
from django.test import Client

from portal.models import AuditEvent, AuditKind
from portal.models.audit import AppendOnlyError
from tests.conftest import PASSWORD


def test_sign_in_success_failure_and_sign_out_are_recorded(personas: dict[str, User]) -> None:
    client = Client(REMOTE_ADDR="10.1.2.3")
    bad = client.post("/staff/login/", {"username": "editor", "password": "wrong-password"})
    assert bad.status_code == 200
    assert "账号或密码不正确" in bad.content.decode()
    assert bad.context["form"]["username"].value() == "editor"  # what was typed is kept

    good = client.post("/staff/login/", {"username": "editor", "password": PASSWORD})
    assert good.status_code == 302 and good["Location"] == "/staff/"
    client.post("/staff/logout/")

    sign_ins = AuditEvent.objects.filter(kind__in=[AuditKind.LOGIN_FAILED, AuditKind.LOGIN_SUCCEEDED, AuditKind.LOGOUT])
    kinds = list(sign_ins.order_by("id").values_list("kind", "username", "ip_address"))
    assert kinds == [
        (AuditKind.LOGIN_FAILED, "editor", "10.1.2.3"),
        (AuditKind.LOGIN_SUCCEEDED, "editor", "10.1.2.3"),
        (AuditKind.LOGOUT, "editor", "10.1.2.3"),
    ]


def test_login_page_is_chinese_and_shows_an_error_summary(town: Any) -> None:
    response = Client().post("/staff/login/", {"username": "", "password": ""})
    page = response.content.decode()
    assert "提交的内容有误" in page
    assert 'href="#id_username"' in page and "请输入账号。" in page
    assert 'aria-invalid="true"' in page and 'aria-describedby="id_username-error"' in page


def test_audit_rows_cannot_be_changed_or_deleted(personas: dict[str, User]) -> None:
    event = AuditEvent.objects.filter(kind=AuditKind.DUTY_GRANTED).first()
    assert event is not None
    event.target = "篡改"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().update(target="篡改")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


def test_the_database_refuses_an_update_that_bypasses_the_model(personas: dict[str, User]) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE portal_auditevent SET target = 'x'")


def test_audit_administrator_reads_and_filters_the_log(client_for: Any, personas: dict[str, User]) -> None:
    Client().post("/staff/login/", {"username": "intruder", "password": "guess-guess"})
    client = client_for("auditadmin")
    page = client.get("/staff/audit/").content.decode()
    assert "<td>授予管理员职责</td>" in page and "<td>登录失败</td>" in page and "intruder" in page

    filtered = client.get("/staff/audit/", {"kind": AuditKind.LOGIN_FAILED}).content.decode()
    assert "intruder" in filtered and "<td>授予管理员职责</td>" not in filtered

    today = date.today().isoformat()
    assert "intruder" in client.get("/staff/audit/", {"since": today, "until": today}).content.decode()
    bad = client.get("/staff/audit/", {"since": "不是日期"})
    assert bad.status_code == 200 and "请输入有效的日期，例如 2026-11-28。" in bad.content.decode()


def test_audit_log_paginates_with_a_constant_number_of_queries(
    client_for: Any, personas: dict[str, User], django_assert_max_num_queries: Any
) -> None:
    client = client_for("auditadmin")
    client.get("/staff/audit/")
    for n in range(120):
        AuditEvent.objects.create(kind=AuditKind.LOGIN_FAILED, username=f"user{n}")
    with django_assert_max_num_queries(12):
        page = client.get("/staff/audit/", {"page": 2}).content.decode()
    assert "第 2 页" in page


def test_repeated_failures_lock_the_account_on_that_address(personas: dict[str, User], settings: Any) -> None:
    """Login throttling: after the failure limit the right password is refused too, until unlocked."""
    client = Client(REMOTE_ADDR="10.9.9.9")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/staff/login/", {"username": "editor", "password": "wrong-password"})
    locked = client.post("/staff/login/", {"username": "editor", "password": PASSWORD})
    assert locked.status_code == 429
    assert "登录已暂时锁定" in locked.content.decode() and "30 分钟" in locked.content.decode()
    assert AuditEvent.objects.filter(kind=AuditKind.LOGIN_LOCKED, username="editor").exists()

    other_address = Client(REMOTE_ADDR="10.9.9.10")
    assert other_address.post("/staff/login/", {"username": "editor", "password": PASSWORD}).status_code == 302


def test_security_admin_unlocks_a_locked_account(personas: dict[str, User], client_for: Any, settings: Any) -> None:
    from axes.models import AccessAttempt

    client = Client(REMOTE_ADDR="10.9.9.9")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/staff/login/", {"username": "editor", "password": "wrong-password"})
    attempt = AccessAttempt.objects.get(username="editor")
    assert client_for("sysadmin").get("/admin/axes/accessattempt/").status_code == 403
    client_for("secadmin").post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert not AccessAttempt.objects.exists()
    assert AuditEvent.objects.filter(kind=AuditKind.LOGIN_UNLOCKED, target="editor").exists()
    assert client.post("/staff/login/", {"username": "editor", "password": PASSWORD}).status_code == 302


def test_security_admin_cannot_make_a_superuser(client_for: Any, personas: dict[str, User]) -> None:
    """三员分立: the account screen has no superuser, group or permission fields; changes are audited."""
    editor = personas["editor"]
    page = client_for("secadmin").get(f"/admin/auth/user/{editor.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in page and 'name="user_permissions"' not in page
    response = client_for("secadmin").post(
        f"/admin/auth/user/{editor.pk}/change/",
        {
            "username": "editor",
            "last_name": "李",
            "first_name": "编辑",
            "is_active": "on",
            "is_superuser": "on",
        },
    )
    assert response.status_code == 302
    editor.refresh_from_db()
    assert not editor.is_superuser and editor.last_name == "李"
    assert AuditEvent.objects.filter(kind=AuditKind.ACCOUNT_CHANGED, target="editor").exists()
