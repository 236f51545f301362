"""Staff sign-in beyond the password: the second factor (a TOTP authenticator app, django-otp, with recovery
codes) and the reset a security administrator starts and the owner completes."""

from base64 import b32encode
from typing import Any

import django_otp
import segno
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp import devices_for_user
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.models import AuditKind
from portal.outbox import queue_mail
from portal.services import record_audit

AUTHENTICATOR = "验证器"
RECOVERY = "备用验证码"


def has_second_factor(user: Any) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_authenticator(user: Any) -> TOTPDevice:
    """The authenticator being set up (its key shown once as a QR code), made on first call."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR, confirmed=False)


def qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// address as an SVG QR code, inline (the page's CSP allows data: images only)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5)


def readable_key(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for typing into an app that cannot scan."""
    key = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def otp_login(request: HttpRequest, device: Device) -> None:
    django_otp.login(request, device)


def verify(user: Any, token: str) -> Device | None:
    """The device that accepts `token` (a code from the app, or an unused recovery code), or None. A TOTP code
    is accepted once (django-otp keeps the last time step used); a recovery code is deleted when used; failures
    slow further tries down (django-otp's throttling)."""
    token = "".join(token.split()).replace("-", "").lower()
    if not token:
        return None
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if device.verify_is_allowed()[0] and device.verify_token(token):
                return device
    return None


@transaction.atomic
def confirm_authenticator(request: HttpRequest, device: TOTPDevice, token: str) -> list[str] | None:
    """Finish setting up: the first code proves the app holds the key. Returns the new recovery codes."""
    if not device.verify_token("".join(token.split())):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    record_audit(kind=AuditKind.OTP_ENROLLED, actor=request.user, request=request)
    return new_recovery_codes(device.user)


def new_recovery_codes(user: Any) -> list[str]:
    """STAFF_RECOVERY_CODES fresh one-use codes; the earlier ones stop working."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.STAFF_RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def recovery_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def reset_second_factor(*, user: Any, actor: Any, request: HttpRequest | None = None) -> None:
    """A lost phone: the authenticator and recovery codes are removed; the owner sets up a new one at sign-in."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    record_audit(kind=AuditKind.OTP_RESET, actor=actor, request=request, target=user.get_username())


def send_password_reset(*, user: Any, actor: Any, request: HttpRequest | None = None) -> bool:
    """Mail the owner a link to choose a new password (valid PASSWORD_RESET_TIMEOUT seconds, once): nobody
    else learns it. False when the account has no e-mail address."""
    if not user.email:
        return False
    link = settings.SITE_URL + reverse(
        "portal:staff-password-reset",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    hours = settings.PASSWORD_RESET_TIMEOUT // 3600
    body = (
        f"{user.get_full_name() or user.get_username()}：\n\n"
        f"安全管理员为您的账号 {user.get_username()} 发起了密码重置。请在 {hours} 小时内打开下面的链接设置新密码"
        f"（链接只能使用一次）：\n\n{link}\n\n如果您没有要求重置，请立即联系安全管理员。\n"
    )
    with transaction.atomic():
        queue_mail(to=user.email, subject="政府信息公开平台：重置您的登录密码", body=body)
        record_audit(kind=AuditKind.PASSWORD_RESET_SENT, actor=actor, request=request, target=user.get_username())
    return True
