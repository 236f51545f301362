"""Sessions end when a member of staff's access changes (等保 2.0 §8.1.4.2 访问控制; ASVS V3.3): deactivation,
a role or an administrator duty taken away, a new password — every session started before, so reactivating
the account does not revive an old cookie. The member of staff who changes their own password keeps the
session they changed it in."""

from typing import Any

import pytest
from django.contrib.auth.models import User

from portal.models import AdministratorDuty, AuditEvent, AuditKind, Membership
from tests.security.test_sign_in import change_password

pytestmark = pytest.mark.django_db

STRONG = "Kx9!mQ2#vL7$wR4p"


def signed_out(client: Any) -> bool:
    response = client.get("/staff/")
    return response.status_code == 302 and response["Location"].startswith("/staff/login/")


def test_a_deactivated_member_of_staffs_session_is_not_revived_by_reactivation(
    client_for: Any, personas: dict[str, User]
) -> None:
    editor, other = client_for("editor"), client_for("reviewer")
    assert editor.get("/staff/").status_code == 200
    user = personas["editor"]
    user.is_active = False
    user.save()
    user.is_active = True
    user.save()
    assert signed_out(editor)
    assert AuditEvent.objects.filter(kind=AuditKind.SESSION_REVOKED, actor=user).exists()
    assert other.get("/staff/").status_code == 200  # no one else's session


def test_a_role_taken_away_ends_the_session_that_held_it(client_for: Any, personas: dict[str, User]) -> None:
    editor = client_for("editor")
    Membership.objects.filter(user=personas["editor"]).delete()
    assert signed_out(editor)


def test_an_administrator_duty_taken_away_ends_the_session(client_for: Any, personas: dict[str, User]) -> None:
    sysadmin = client_for("sysadmin")
    assert sysadmin.get("/staff/").status_code == 200
    AdministratorDuty.objects.filter(user=personas["sysadmin"]).delete()
    assert signed_out(sysadmin)


def test_a_new_password_ends_every_other_session_and_keeps_the_one_it_was_set_in(
    client_for: Any, personas: dict[str, User]
) -> None:
    here, elsewhere = client_for("editor"), client_for("editor")
    assert change_password(here, "correct-horse-battery", STRONG).status_code == 302
    assert here.get("/staff/").status_code == 200 and signed_out(elsewhere)
    again = client_for("editor")
    security = client_for("secadmin")  # a password given by the security administrator ends it too
    new = {"password1": STRONG + "x", "password2": STRONG + "x", "usable_password": "true"}
    given = security.post(f"/admin/auth/user/{personas['editor'].pk}/password/", new)
    assert given.status_code == 302 and signed_out(again)
