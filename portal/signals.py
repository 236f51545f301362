"""Sign-in, sign-in failure, lock-out and sign-out go to the security audit log."""

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from portal.models import AuditKind
from portal.services import record_audit


@receiver(user_logged_in)
def audit_login(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    record_audit(kind=AuditKind.LOGIN_SUCCEEDED, actor=user, request=request)


@receiver(user_login_failed)
def audit_login_failed(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kw: Any) -> None:
    record_audit(kind=AuditKind.LOGIN_FAILED, username=str(credentials.get("username", ""))[:150], request=request)


@receiver(user_logged_out)
def audit_logout(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record_audit(kind=AuditKind.LOGOUT, actor=user, request=request)


@receiver(user_locked_out)
def audit_lockout(sender: Any, request: HttpRequest, username: str, **kwargs: Any) -> None:
    record_audit(kind=AuditKind.LOGIN_LOCKED, username=(username or "")[:150], request=request)
