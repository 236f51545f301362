"""Sign-in, sign-in failure, lock-out and sign-out go to the security audit log."""

import time
from typing import Any

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.backends.signals import connection_created
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.http import HttpRequest

from portal import access, audit_purge, middleware, passwords
from portal.models import AdministratorDuty, AuditKind, Membership
from portal.services import record_audit


@receiver(user_logged_in)
def audit_login(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    record_audit(kind=AuditKind.LOGIN_SUCCEEDED, actor=user, request=request)
    start_staff_session(request, user)


def start_staff_session(request: HttpRequest, user: Any) -> None:
    """What the sign-in policy reads on each request (portal.middleware), computed once at sign-in."""
    if not hasattr(request, "session"):
        return
    now = time.time()
    expiry = passwords.expires_on(user)
    request.session[middleware.SIGNED_IN_AT] = now
    request.session[middleware.SEEN_AT] = now
    request.session[middleware.PASSWORD_CHANGE] = passwords.change_needed(user)
    request.session[middleware.PASSWORD_EXPIRES_AT] = expiry.timestamp() if expiry else None
    request.session[middleware.GENERATION] = access.current(user.pk)


@receiver(pre_save, sender=get_user_model())
def note_deactivation(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A member of staff deactivated, by the admin or any other path: their sessions end."""
    if instance.pk and not instance.is_active:
        was_active = sender.objects.filter(pk=instance.pk, is_active=True).exists()
        if was_active:
            access.move_on(instance.pk)


@receiver(post_delete, sender=Membership)
@receiver(post_delete, sender=AdministratorDuty)
def note_lost_access(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A role or an administrator duty taken away: the sessions that held it end."""
    access.move_on(instance.user_id)


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


@receiver(post_save, sender=LogEntry)
def audit_admin_change(sender: Any, instance: LogEntry, created: bool, **kwargs: Any) -> None:
    """Every change made in the admin (数据维护), whatever view made it: the admin writes a LogEntry for each."""
    if created:
        record_audit(
            kind=AuditKind.ADMIN_CHANGED,
            actor=instance.user,
            target=f"{instance.content_type.name if instance.content_type else ''} {instance.object_repr}"[:200],
            detail={"操作": ACTIONS.get(instance.action_flag, str(instance.action_flag)),
                    "内容": instance.get_change_message()},
        )  # fmt: skip


ACTIONS = {ADDITION: "新增", CHANGE: "修改", DELETION: "删除"}


@receiver(connection_created)
def audit_guard_function(sender: Any, connection: Any, **kwargs: Any) -> None:
    """SQLite: the function the audit table's DELETE trigger asks (migration 0008) whether to refuse a row's
    deletion. Outside the portal (the sqlite3 shell) it does not exist, so a DELETE fails there too.
    AUDIT_DELETE_GUARD is off only in tests, whose flush empties every table."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("portal_audit_guarded", 1, audit_delete_refused, deterministic=False)


def audit_delete_refused(at: str | None) -> int:
    if not getattr(settings, "AUDIT_DELETE_GUARD", True):
        return 0
    return 0 if audit_purge.allows(at) else 1


def watch_public_models(*models: Any) -> None:
    """Saving or deleting one of these changes what public pages show: kept pages are built again."""
    from django.db.models.signals import post_delete

    from portal import page_cache

    for model in models:
        post_save.connect(page_cache.bump, sender=model, dispatch_uid=f"public-{model._meta.label}-save")
        post_delete.connect(page_cache.bump, sender=model, dispatch_uid=f"public-{model._meta.label}-delete")


def _watch_kernel() -> None:
    from portal.models import Organisation, PlatformProfile

    watch_public_models(Organisation, PlatformProfile)


_watch_kernel()
