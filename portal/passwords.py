"""The staff password policy (等保 三级 身份鉴别): composition, no reuse, expiry, and a forced change of a password
the owner did not choose. Every value is a setting; docs/operations.md says where 等保 and OWASP ASVS differ."""

import contextlib
import string
from collections.abc import Iterator
from contextvars import ContextVar
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils import timezone

from portal.models import PasswordRecord

_set_by_owner: ContextVar[bool] = ContextVar("password_set_by_owner", default=False)

CLASSES = (
    ("小写字母", lambda c: c in string.ascii_lowercase),
    ("大写字母", lambda c: c in string.ascii_uppercase),
    ("数字", lambda c: c.isdigit()),
    ("符号", lambda c: not c.isalnum()),
)


@contextlib.contextmanager
def set_by_owner() -> Iterator[None]:
    """A password saved inside this block was chosen by its owner (their own change, a reset link)."""
    token = _set_by_owner.set(True)
    try:
        yield
    finally:
        _set_by_owner.reset(token)


class CharacterClassesValidator:
    """At least PASSWORD_CHARACTER_CLASSES of lower case, upper case, digits and symbols (等保: 复杂度要求)."""

    def validate(self, password: str, user: Any = None) -> None:
        wanted = settings.PASSWORD_CHARACTER_CLASSES
        present = sum(1 for _name, test in CLASSES if any(test(c) for c in password))
        if present < wanted:
            raise ValidationError(
                f"密码须包含小写字母、大写字母、数字、符号中的至少 {wanted} 类。", code="password_too_simple"
            )

    def get_help_text(self) -> str:
        return f"须包含小写字母、大写字母、数字、符号中的至少 {settings.PASSWORD_CHARACTER_CLASSES} 类。"


class PasswordHistoryValidator:
    """Not one of the last PASSWORD_HISTORY passwords; records every password set, by whatever path."""

    def validate(self, password: str, user: Any = None) -> None:
        if user is None or user.pk is None:
            return
        kept = settings.PASSWORD_HISTORY
        previous = list(PasswordRecord.objects.filter(user=user).values_list("encoded", flat=True)[:kept])
        if kept and user.has_usable_password():
            previous.append(
                get_user_model().objects.filter(pk=user.pk).values_list("password", flat=True).first() or ""
            )
        if any(encoded and check_password(password, encoded) for encoded in previous):
            raise ValidationError(f"新密码不能与最近 {kept} 次使用过的密码相同。", code="password_reused")

    def password_changed(self, password: str, user: Any = None) -> None:
        if user is None or user.pk is None:
            return
        PasswordRecord.objects.create(user=user, encoded=user.password, set_by_owner=_set_by_owner.get())
        stale = PasswordRecord.objects.filter(user=user).values_list("pk", flat=True)[
            max(settings.PASSWORD_HISTORY, 1) :
        ]
        PasswordRecord.objects.filter(pk__in=list(stale)).delete()

    def get_help_text(self) -> str:
        return f"不能与最近 {settings.PASSWORD_HISTORY} 次使用过的密码相同。"


def expires_on(user: Any) -> datetime | None:
    """When the user's password stops being accepted (PASSWORD_MAX_AGE_DAYS after it was set), or None."""
    days = settings.PASSWORD_MAX_AGE_DAYS
    if not days:
        return None
    latest = PasswordRecord.objects.filter(user=user).only("set_at").first()
    return (latest.set_at if latest else user.date_joined) + timedelta(days=days)


def change_needed(user: Any) -> str:
    """Why the user must choose a new password before doing anything else, or ""."""
    latest = PasswordRecord.objects.filter(user=user).only("set_by_owner").first()
    if settings.PASSWORD_CHANGE_ON_RESET and latest is not None and not latest.set_by_owner:
        return "您的密码由管理员设置（初始密码或重置密码），请先设置一个只有您本人知道的新密码。"
    expiry = expires_on(user)
    if expiry is not None and expiry <= timezone.now():
        return f"您的密码已使用超过 {settings.PASSWORD_MAX_AGE_DAYS} 天，请设置新密码。"
    return ""


def reserved_username(username: str) -> str:
    """Why a user name may not be taken (names attackers try first), or ""."""
    if username.strip().lower() in {name.lower() for name in settings.RESERVED_USERNAMES}:
        return f"账号名“{username}”是保留名称（攻击者常首先尝试），请换一个。"
    return ""
