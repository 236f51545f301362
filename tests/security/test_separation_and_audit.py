"""等保 三级 (GB/T 22239-2019 §8.1.4): separated administrators (三员分立) and an audit log that the database
keeps append-only on both engines (issue 11, items 1 and 5)."""

from itertools import pairwise
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction

from portal.models import AdministratorDuty, AuditEvent, AuditKind, Duty, Membership, Role
from portal.services import assign_duty, grant_role


def test_an_administrator_cannot_be_given_a_business_role(personas: dict[str, User], town: Any) -> None:
    with pytest.raises(ValidationError, match="三员分立"):
        grant_role(user=personas["secadmin"], organisation=town.town, role=Role.CASE_OFFICER,
                   granted_by=personas["secadmin"])  # fmt: skip
    assert not Membership.objects.filter(user=personas["secadmin"]).exists()


def test_business_staff_cannot_be_given_an_administrator_duty(personas: dict[str, User]) -> None:
    with pytest.raises(ValidationError, match="三员分立"):
        assign_duty(user=personas["case_officer"], duty=Duty.AUDIT, granted_by=personas["secadmin"])
    assert not AdministratorDuty.objects.filter(user=personas["case_officer"]).exists()


def test_the_security_administrator_cannot_give_themself_a_role_in_the_admin(
    client_for: Any, personas: dict[str, User], town: Any
) -> None:
    """The hole found: secadmin granted themself 依申请公开办理人员, then revealed applicants' ID numbers."""
    client = client_for("secadmin")
    data = {"user": personas["secadmin"].pk, "organisation": town.town.pk, "role": Role.CASE_OFFICER}
    response = client.post("/admin/portal/membership/add/", data)
    assert response.status_code == 200 and "三员分立" in response.content.decode()
    assert not Membership.objects.filter(user=personas["secadmin"]).exists()


def test_nobody_sets_another_administrators_password_and_setting_others_is_audited(
    client_for: Any, personas: dict[str, User]
) -> None:
    client = client_for("secadmin")
    other_admin = personas["auditadmin"]
    refused = client.post(f"/admin/auth/user/{other_admin.pk}/password/",
                          {"password1": "Taken-Over-2026!", "password2": "Taken-Over-2026!"})  # fmt: skip
    assert refused.status_code == 403
    other_admin.refresh_from_db()
    assert not other_admin.check_password("Taken-Over-2026!")
    staff = personas["editor"]
    done = client.post(f"/admin/auth/user/{staff.pk}/password/",
                       {"password1": "Reset-For-Editor-2026!", "password2": "Reset-For-Editor-2026!",
                        "usable_password": "true"})  # fmt: skip
    assert done.status_code == 302
    event = AuditEvent.objects.filter(kind=AuditKind.PASSWORD_SET).get()
    assert event.target == "editor" and event.actor == personas["secadmin"]


def test_the_database_refuses_a_delete_that_bypasses_the_model(personas: dict[str, User], settings: Any) -> None:
    settings.AUDIT_DELETE_GUARD = True  # as in production (the tests' flush needs it off)
    assert AuditEvent.objects.exists()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM portal_auditevent")
    assert AuditEvent.objects.exists()


def _tamper(sql: str) -> None:
    """Change a row behind the portal's back (the test's transaction undoes it), as a database user could."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER portal_auditevent_no_update")
        else:
            cursor.execute("SET LOCAL session_replication_role = replica")  # triggers off, as a superuser could
        cursor.execute(sql)


def test_the_audit_log_is_a_hash_chain_that_names_the_first_altered_row(personas: dict[str, User]) -> None:
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    call_command("verify_audit_chain", stdout=out)
    assert "审计日志完整" in out.getvalue()
    events = list(AuditEvent.objects.order_by("id"))
    assert all(e.row_hash and e.previous_hash == p.row_hash for p, e in pairwise(events))
    victim = events[len(events) // 2]
    _tamper(f"UPDATE portal_auditevent SET target = '改过' WHERE id = {victim.pk}")
    with pytest.raises(CommandError, match=f"第 {victim.pk} 号记录处断开"):
        call_command("verify_audit_chain", stdout=StringIO())


def test_publication_withdrawal_exports_and_platform_changes_are_audited(
    published: Any, personas: dict[str, User], client_for: Any
) -> None:
    from disclosure import services as disclosure

    item = published()
    disclosure.withdraw_item(item=item, actor=personas["office_head"], reason="内容有误")
    kinds = set(AuditEvent.objects.values_list("kind", flat=True))
    assert {AuditKind.ITEM_PUBLISHED, AuditKind.ITEM_WITHDRAWN} <= kinds
    client_for("case_officer").get("/staff/ysq/register.xlsx?status=all")
    assert AuditEvent.objects.filter(kind=AuditKind.REGISTER_EXPORTED, actor=personas["case_officer"]).exists()


def test_every_change_in_the_admin_is_audited(client_for: Any, personas: dict[str, User], town: Any) -> None:
    """Issue 11 item 1: whatever admin view makes a change (a form, an action, a password view), it is logged."""
    client = client_for("sysadmin")
    client.post(f"/admin/portal/organisation/{town.party_office.pk}/change/", {
        "name": town.party_office.name, "short_name": "党政办", "kind": town.party_office.kind,
        "parent": town.town.pk, "credit_code": town.party_office.credit_code, "slug": town.party_office.slug,
        "address": "示例镇人民路1号", "position": 0,
    })  # fmt: skip
    secadmin = client_for("secadmin")
    secadmin.post("/admin/auth/user/", {"action": "reset_second_factor", "_selected_action": [personas["editor"].pk]})
    secadmin.post(f"/admin/auth/user/{personas['editor'].pk}/password/",
                  {"password1": "Reset-For-Editor-2026!", "password2": "Reset-For-Editor-2026!",
                   "usable_password": "true"})  # fmt: skip
    changes = AuditEvent.objects.filter(kind=AuditKind.ADMIN_CHANGED)
    assert changes.filter(actor=personas["secadmin"], target__contains="editor").exists()
    assert changes.filter(actor=personas["sysadmin"], target__contains="党政").exists()
