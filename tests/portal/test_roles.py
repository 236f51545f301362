"""Staff roles and the three separated administrator duties (三员分立)."""

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.http import Http404
from django.test import RequestFactory

from portal import permissions
from portal.models import AdministratorDuty, AuditEvent, AuditKind, Duty, Membership, Organisation, Role
from portal.services import assign_duty, grant_role, revoke_role

# Who gets what status on each staff page (200 shown, 302 to login, 403 refused).
ROLE_MATRIX: dict[str, dict[str, int]] = {
    "/staff/": {
        "editor": 200, "reviewer": 200, "office_head": 200, "case_officer": 200, "inspector": 200,
        "sysadmin": 200, "secadmin": 200, "auditadmin": 200, "other_staff": 200, "applicant": 403,
    },
    "/staff/audit/": {
        "editor": 403, "reviewer": 403, "office_head": 403, "case_officer": 403, "inspector": 403,
        "sysadmin": 403, "secadmin": 403, "auditadmin": 200, "other_staff": 403, "applicant": 403,
    },
    "/admin/portal/organisation/": {
        "editor": 403, "reviewer": 403, "office_head": 403, "case_officer": 403, "inspector": 302,
        "sysadmin": 200, "secadmin": 403, "auditadmin": 403, "other_staff": 403, "applicant": 302,
    },
    "/admin/portal/calendaryear/": {
        "editor": 403, "reviewer": 403, "office_head": 403, "case_officer": 403, "inspector": 302,
        "sysadmin": 200, "secadmin": 403, "auditadmin": 403, "other_staff": 403, "applicant": 302,
    },
    "/admin/portal/membership/": {
        "editor": 403, "reviewer": 403, "office_head": 403, "case_officer": 403, "inspector": 302,
        "sysadmin": 403, "secadmin": 200, "auditadmin": 403, "other_staff": 403, "applicant": 302,
    },
    "/admin/auth/user/": {
        "editor": 403, "reviewer": 403, "office_head": 403, "case_officer": 403, "inspector": 302,
        "sysadmin": 403, "secadmin": 200, "auditadmin": 403, "other_staff": 403, "applicant": 302,
    },
    "/admin/portal/auditevent/": {
        "editor": 403, "reviewer": 403, "office_head": 403, "case_officer": 403, "inspector": 302,
        "sysadmin": 403, "secadmin": 403, "auditadmin": 200, "other_staff": 403, "applicant": 302,
    },
}  # fmt: skip


@pytest.mark.parametrize(
    ("url", "persona", "status"),
    [(url, persona, status) for url, row in ROLE_MATRIX.items() for persona, status in row.items()],
)
def test_role_matrix(client_for: Any, url: str, persona: str, status: int) -> None:
    response = client_for(persona).get(url)
    assert response.status_code == status, response.content[:300]


@pytest.mark.parametrize("url", list(ROLE_MATRIX))
def test_anonymous_visitors_are_sent_to_sign_in(client: Any, url: str, town: Any) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_staff_of_another_organisation_get_404_for_this_organisations_rows(
    personas: dict[str, User], town: Any
) -> None:
    request = RequestFactory().get("/")
    request.user = personas["other_staff"]
    memberships = Membership.objects.all()
    with pytest.raises(Http404):
        permissions.get_for_staff(request, Organisation.objects.all(), pk=town.town.pk)
    with pytest.raises(Http404):
        permissions.get_for_staff(request, memberships, pk=Membership.objects.get(user__username="editor").pk)
    own = permissions.get_for_staff(request, Organisation.objects.all(), pk=town.other_town.pk)
    assert own == town.other_town


def test_inspector_reads_every_organisation_but_changes_none(personas: dict[str, User], town: Any) -> None:
    inspector = personas["inspector"]
    everything = Organisation.objects.all()
    assert set(permissions.scope_for_staff(inspector, everything)) == set(everything)
    assert not permissions.scope_for_staff(inspector, everything, write=True).exists()


def test_a_role_covers_only_its_own_organisation(personas: dict[str, User], town: Any) -> None:
    editor = personas["editor"]
    assert permissions.has_role(editor, town.town, Role.EDITOR)
    assert not permissions.has_role(editor, town.other_town)
    assert not permissions.has_role(editor, town.town, Role.REVIEWER)
    assert list(permissions.scope_for_staff(editor, Organisation.objects.all(), write=True)) == [town.town]


def test_one_person_holds_at_most_one_administrator_duty(personas: dict[str, User]) -> None:
    """三员分立: the system, security and audit administrators are three different people."""
    sysadmin = personas["sysadmin"]
    with pytest.raises(Exception, match="不能由同一人兼任"):
        assign_duty(user=sysadmin, duty=Duty.AUDIT)
    with pytest.raises(IntegrityError), transaction.atomic():
        AdministratorDuty.objects.create(user=sysadmin, duty=Duty.SECURITY)
    assert AdministratorDuty.objects.get(user=sysadmin).duty == Duty.SYSTEM


def test_security_admin_cannot_give_a_second_duty_in_the_admin(client_for: Any, personas: dict[str, User]) -> None:
    response = client_for("secadmin").post(
        "/admin/portal/administratorduty/add/", {"user": personas["sysadmin"].pk, "duty": Duty.AUDIT}
    )
    assert response.status_code == 200
    assert "不能由同一人兼任" in response.content.decode()
    assert AdministratorDuty.objects.get(user=personas["sysadmin"]).duty == Duty.SYSTEM


def test_granting_and_revoking_roles_is_audited(client_for: Any, personas: dict[str, User], town: Any) -> None:
    editor = personas["editor"]
    response = client_for("secadmin").post(
        "/admin/portal/membership/add/",
        {"user": editor.pk, "organisation": town.town.pk, "role": Role.REVIEWER},
    )
    assert response.status_code == 302
    granted = AuditEvent.objects.filter(kind=AuditKind.ROLE_GRANTED, actor=personas["secadmin"]).get()
    assert granted.detail["role"] == "审核人员"

    membership = Membership.objects.get(user=editor, role=Role.REVIEWER)
    client_for("secadmin").post(f"/admin/portal/membership/{membership.pk}/delete/", {"post": "yes"})
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEvent.objects.filter(kind=AuditKind.ROLE_REVOKED, target__contains="editor").exists()


def test_grant_is_idempotent_and_revoke_removes(personas: dict[str, User], town: Any) -> None:
    editor = personas["editor"]
    before = AuditEvent.objects.count()
    grant_role(user=editor, organisation=town.town, role=Role.EDITOR)
    assert AuditEvent.objects.count() == before
    revoke_role(membership=Membership.objects.get(user=editor, role=Role.EDITOR))
    assert not permissions.has_role(User.objects.get(pk=editor.pk), town.town)


def test_workbench_shows_each_persona_what_they_can_do(client_for: Any) -> None:
    editor_page = client_for("editor").get("/staff/").content.decode()
    assert "信息编辑" in editor_page and "示例镇人民政府" in editor_page
    assert "数据维护" not in editor_page and "/admin/portal/" not in editor_page

    sysadmin_page = client_for("sysadmin").get("/staff/").content.decode()
    assert "系统管理员" in sysadmin_page
    assert "/admin/portal/calendaryear/" in sysadmin_page
    assert "/admin/auth/user/" not in sysadmin_page

    secadmin_page = client_for("secadmin").get("/staff/").content.decode()
    assert "/admin/auth/user/" in secadmin_page and "/admin/portal/calendaryear/" not in secadmin_page

    assert "/staff/audit/" in client_for("auditadmin").get("/staff/").content.decode()

    inspector_page = client_for("inspector").get("/staff/").content.decode()
    assert "督查人员" in inspector_page and "/gk/other/" in inspector_page and "/gk/town/" in inspector_page
