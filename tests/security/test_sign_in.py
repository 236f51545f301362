"""Staff sign-in to 等保 三级 (GB/T 22239-2019 §8.1.4.1 身份鉴别): password policy, a second factor for all staff,
session limits, and resets the owner completes (issue 11, 'Staff sign-in')."""

import re
import time
from datetime import timedelta
from itertools import pairwise
from typing import Any

import pytest
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client, override_settings
from django.utils import timezone
from django_otp import devices_for_user
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal import middleware
from portal.models import AuditEvent, AuditKind, PasswordRecord
from portal.passwords import set_by_owner

LOGIN = "/staff/login/"
STRONG = "Qingshui-River-2026"


def sign_in(client: Client, username: str, password: str, code: str = "") -> Any:
    return client.post(LOGIN, {"username": username, "password": password, "otp_token": code})


def current_code(device: TOTPDevice, *, later: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + later
    return f"{totp.token():06d}"


def change_password(client: Client, old: str, new: str) -> Any:
    return client.post("/staff/password/", {"old_password": old, "new_password1": new, "new_password2": new})


# -- the password policy ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Short-1a", "太短"),
        ("qingshuiriverbank", "至少 3 类"),
        ("qingshui-riverbank", "至少 3 类"),
    ],
)
def test_a_weak_password_is_refused_with_the_rule(client_for: Any, password: str, message: str) -> None:
    response = change_password(client_for("editor"), "correct-horse-battery", password)
    assert response.status_code == 200 and message in response.content.decode()


def test_none_of_the_last_five_passwords_may_be_used_again(client_for: Any, personas: dict[str, User]) -> None:
    client = client_for("editor")
    used = ["correct-horse-battery"] + [f"Qingshui-River-{n}" for n in range(2020, 2026)]
    for old, new in pairwise(used):
        assert change_password(client, old, new).status_code == 302
    refused = change_password(client, used[-1], used[-5])
    assert "最近 5 次" in refused.content.decode()
    assert change_password(client, used[-1], used[1]).status_code == 302  # six changes ago: allowed again
    assert PasswordRecord.objects.filter(user=personas["editor"]).count() == 5


def test_production_hashes_staff_passwords_with_argon2() -> None:
    from portal import settings as production

    with override_settings(PASSWORD_HASHERS=production.PASSWORD_HASHERS):
        assert make_password(STRONG).startswith("argon2$")


@override_settings(PASSWORD_CHANGE_ON_RESET=True)
def test_a_password_set_by_the_security_administrator_must_be_changed_at_next_sign_in(
    client_for: Any, personas: dict[str, User]
) -> None:
    admin = client_for("secadmin")
    editor = personas["editor"]
    admin.post(f"/admin/auth/user/{editor.pk}/password/",
               {"password1": STRONG, "password2": STRONG, "usable_password": "true"})  # fmt: skip
    client = Client()
    assert sign_in(client, "editor", STRONG).status_code == 302
    page = client.get("/staff/items/")
    assert page.status_code == 302 and page["Location"].endswith("/staff/password/")
    form = client.get("/staff/password/").content.decode()
    assert "由管理员设置" in form
    assert change_password(client, STRONG, "Own-Choice-Of-Editor-9").status_code == 302
    assert client.get("/staff/items/").status_code == 200
    assert AuditEvent.objects.filter(kind=AuditKind.PASSWORD_CHANGED, actor=editor).exists()


def test_a_password_older_than_ninety_days_must_be_changed(personas: dict[str, User]) -> None:
    editor = personas["editor"]
    long_ago = timezone.now() - timedelta(days=91)
    PasswordRecord.objects.create(user=editor, encoded=editor.password, set_by_owner=True, set_at=long_ago)
    client = Client()
    sign_in(client, "editor", "correct-horse-battery")
    assert client.get("/staff/").headers["Location"].endswith("/staff/password/")
    assert "超过 90 天" in client.get("/staff/password/").content.decode()


def test_reserved_user_names_are_refused(client_for: Any) -> None:
    response = client_for("secadmin").post("/admin/auth/user/add/", {
        "username": "Admin", "password1": STRONG, "password2": STRONG, "usable_password": "true",
    })  # fmt: skip
    assert response.status_code == 200 and "保留名称" in response.content.decode()
    assert not User.objects.filter(username="Admin").exists()


# -- resets the owner completes ----------------------------------------------------------------------------------


def test_an_administrators_password_is_reset_by_a_link_only_its_owner_receives(
    client_for: Any, personas: dict[str, User], django_capture_on_commit_callbacks: Any
) -> None:
    target = personas["auditadmin"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("secadmin").post("/admin/auth/user/", {
            "action": "send_password_reset", "_selected_action": [target.pk],
        })  # fmt: skip
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["auditadmin@example.gov.cn"]
    link = re.search(r"https?://[^/\s]+(/staff/password/reset/\S+)", str(message.body))
    assert link is not None
    client = Client()
    form_page = client.get(link.group(1), follow=True)
    assert "设置新密码" in form_page.content.decode()
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": STRONG, "new_password2": STRONG})
    assert done.status_code == 302
    target.refresh_from_db()
    assert target.check_password(STRONG)
    assert PasswordRecord.objects.filter(user=target, set_by_owner=True).exists()
    kinds = set(AuditEvent.objects.values_list("kind", flat=True))
    assert {AuditKind.PASSWORD_RESET_SENT, AuditKind.PASSWORD_CHANGED} <= kinds
    again = client.get(form_page.redirect_chain[-1][0])
    assert "链接已失效" in again.content.decode()


def test_the_admin_sign_in_page_leads_to_the_staff_sign_in() -> None:
    response = Client().get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


# -- the second factor -------------------------------------------------------------------------------------------


@pytest.fixture
def second_factor(settings: Any) -> None:
    settings.STAFF_SECOND_FACTOR = True


def unthrottle(device: TOTPDevice) -> None:
    """django-otp makes the next try wait after a failure (1 s, then 2 s …): the tests do not wait."""
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)


def enrol(client: Client, user: User) -> list[str]:
    page = client.get("/staff/otp/")
    assert page.status_code == 200 and 'src="data:image/svg+xml' in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post("/staff/otp/", {"token": "000000" if current_code(device) != "000000" else "111111"})
    assert wrong.status_code == 400 and "口令不正确" in wrong.content.decode()
    unthrottle(device)
    done = client.post("/staff/otp/", {"token": current_code(device)})
    assert "两步验证已启用" in done.content.decode()
    return re.findall(r"<code>([a-z2-7]{8})</code>", done.content.decode())


@pytest.mark.usefixtures("second_factor")
def test_staff_set_up_an_authenticator_at_first_sign_in_and_then_need_its_code(personas: dict[str, User]) -> None:
    user = personas["case_officer"]
    client = Client()
    assert sign_in(client, "case_officer", "correct-horse-battery").status_code == 302
    assert client.get("/staff/ysq/").headers["Location"].endswith("/staff/otp/")
    codes = enrol(client, user)
    assert len(codes) == 10
    assert client.get("/staff/ysq/").status_code == 200
    assert AuditEvent.objects.filter(kind=AuditKind.OTP_ENROLLED, actor=user).exists()

    device = TOTPDevice.objects.get(user=user, confirmed=True)
    fresh = Client()
    refused = sign_in(fresh, "case_officer", "correct-horse-battery")
    assert refused.status_code == 200 and "账号、密码或动态口令不正确" in refused.content.decode()
    code = current_code(device, later=device.step)  # the set-up used this time step's code already
    assert sign_in(fresh, "case_officer", "correct-horse-battery", code).status_code == 302
    assert fresh.get("/staff/ysq/").status_code == 200
    replay = sign_in(Client(), "case_officer", "correct-horse-battery", code)
    assert replay.status_code == 200, "a code already used is refused"
    assert AuditEvent.objects.filter(kind=AuditKind.LOGIN_FAILED, username="case_officer").exists()


@pytest.mark.usefixtures("second_factor")
def test_a_recovery_code_signs_in_once(personas: dict[str, User]) -> None:
    client = Client()
    sign_in(client, "editor", "correct-horse-battery")
    codes = enrol(client, personas["editor"])
    assert sign_in(Client(), "editor", "correct-horse-battery", codes[0]).status_code == 302
    assert sign_in(Client(), "editor", "correct-horse-battery", codes[0]).status_code == 200
    for device in devices_for_user(personas["editor"]):
        type(device).objects.filter(pk=device.pk).update(throttling_failure_count=0)
    assert sign_in(Client(), "editor", "correct-horse-battery", codes[1].upper()).status_code == 302


@pytest.mark.usefixtures("second_factor")
def test_the_security_administrator_resets_a_lost_authenticator(client_for: Any, personas: dict[str, User]) -> None:
    client = Client()
    sign_in(client, "editor", "correct-horse-battery")
    enrol(client, personas["editor"])
    admin = Client()
    sign_in(admin, "secadmin", "correct-horse-battery")
    enrol(admin, personas["secadmin"])
    admin.post("/admin/auth/user/", {"action": "reset_second_factor", "_selected_action": [personas["editor"].pk]})
    assert not TOTPDevice.objects.filter(user=personas["editor"]).exists()
    assert AuditEvent.objects.filter(kind=AuditKind.OTP_RESET, target="editor").exists()
    again = Client()
    assert sign_in(again, "editor", "correct-horse-battery").status_code == 302
    assert again.get("/staff/").headers["Location"].endswith("/staff/otp/")


# -- sessions ----------------------------------------------------------------------------------------------------


def age_session(client: Client, **seconds: float) -> None:
    session = client.session
    for key, ago in seconds.items():
        session[key] = time.time() - ago
    session.save()


def test_a_staff_session_ends_after_fifteen_idle_minutes(client_for: Any) -> None:
    client = client_for("editor")
    assert client.get("/staff/").status_code == 200
    age_session(client, **{middleware.SEEN_AT: 16 * 60})
    response = client.get("/staff/items/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert AuditEvent.objects.filter(kind=AuditKind.SESSION_EXPIRED).exists()
    assert "15 分钟没有操作" in client.get(response["Location"]).content.decode()


def test_a_staff_session_ends_eight_hours_after_sign_in_however_busy(client_for: Any) -> None:
    client = client_for("editor")
    age_session(client, **{middleware.SIGNED_IN_AT: 8 * 3600 + 60, middleware.SEEN_AT: 10})
    assert client.get("/staff/").headers["Location"].startswith(LOGIN)


def test_deactivating_an_account_ends_its_sessions(client_for: Any, personas: dict[str, User]) -> None:
    client = client_for("editor")
    assert client.get("/staff/items/").status_code == 200
    User.objects.filter(pk=personas["editor"].pk).update(is_active=False)
    assert client.get("/staff/items/").headers["Location"].startswith(LOGIN)


def test_changing_a_password_ends_the_other_sessions_and_keeps_this_one(personas: dict[str, User]) -> None:
    here, elsewhere = Client(), Client()
    for client in (here, elsewhere):
        sign_in(client, "editor", "correct-horse-battery")
    assert change_password(here, "correct-horse-battery", STRONG).status_code == 302
    assert here.get("/staff/items/").status_code == 200
    assert elsewhere.get("/staff/items/").headers["Location"].startswith(LOGIN)


def test_demo_accounts_keep_their_password(db: Any) -> None:
    """seed_demo's accounts use the README's password without a forced change (recorded as the owner's)."""
    user = User.objects.create(username="demo-editor")
    user.set_password(STRONG)
    with set_by_owner():
        user.save()
    assert PasswordRecord.objects.get(user=user).set_by_owner
