"""Audit rows are kept at least AUDIT_RETENTION_DAYS (never under 180 days, 网络安全法 第二十一条) and removed only
by the audit administrator's purge, which the log records. The database triggers (migration 0008) refuse any
other DELETE; this module opens them for one transaction and one cut-off."""

from contextvars import ContextVar
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone

from portal.models import AuditEvent, AuditKind

LEGAL_MINIMUM_DAYS = 180
_cutoff: ContextVar[datetime | None] = ContextVar("audit_purge_cutoff", default=None)


def retention_days() -> int:
    return max(settings.AUDIT_RETENTION_DAYS, LEGAL_MINIMUM_DAYS)


def cutoff(now: datetime | None = None) -> datetime:
    return (now or timezone.now()) - timedelta(days=retention_days())


def purgeable(now: datetime | None = None) -> int:
    return AuditEvent.objects.filter(at__lt=cutoff(now)).count()


def allows(at: str | None) -> bool:
    """SQLite's trigger asks for each row: inside a purge, and older than both its cut-off and 180 days."""
    limit = _cutoff.get()
    if limit is None or not at:
        return False
    stored = datetime.fromisoformat(at)
    stored = stored if stored.tzinfo else stored.replace(tzinfo=UTC)
    return stored < limit and stored < timezone.now() - timedelta(days=LEGAL_MINIMUM_DAYS)


def purge(*, actor: Any, request: HttpRequest | None = None, now: datetime | None = None) -> int:
    """Remove the rows older than the retention period; the purge itself is the newest row, naming the first row
    kept so that `verify_audit_chain` knows where the chain now starts."""
    from portal.services import record_audit

    limit = cutoff(now)
    token = _cutoff.set(limit)
    try:
        with transaction.atomic():
            # the oldest rows, up to the first one inside the period: what is left is the chain's unbroken tail
            first_kept = AuditEvent.objects.filter(at__gte=limit).order_by("id").values_list("id", flat=True).first()
            doomed = AuditEvent.objects.filter(at__lt=limit)
            if first_kept is not None:
                doomed = doomed.filter(id__lt=first_kept)
            removed = doomed.count()
            if removed:
                last = doomed.order_by("-id").values_list("id", flat=True)[0]
                with connection.cursor() as cursor:
                    if connection.vendor == "postgresql":
                        cursor.execute("SELECT set_config('portal.audit_purge_before', %s, true)", [limit.isoformat()])
                    cursor.execute(
                        "DELETE FROM portal_auditevent WHERE id <= %s AND at < %s",
                        [last, connection.ops.adapt_datetimefield_value(limit)],
                    )
            record_audit(
                kind=AuditKind.AUDIT_PURGED,
                actor=actor,
                request=request,
                detail={"before": limit.isoformat(), "rows": removed, "first_kept_id": first_kept},
            )
    finally:
        _cutoff.reset(token)
    return removed
