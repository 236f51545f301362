"""Every write of the shared kernel: roles, administrator duties, the calendar, and the audit log."""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone

from portal import workdays
from portal.models import (
    AdjustmentKind,
    AdministratorDuty,
    AuditEvent,
    AuditKind,
    CalendarAdjustment,
    CalendarYear,
    Duty,
    Membership,
    Organisation,
    Origin,
    Role,
)

User = AbstractBaseUser


def client_ip(request: HttpRequest | None) -> str | None:
    """The citizen's address for the audit log, the sign-in lock-out and the throttles. Behind a reverse proxy
    the connection comes from the proxy: only when it comes from one of TRUSTED_PROXIES is X-Forwarded-For
    read, from the right, skipping trusted proxies — a client cannot pose as another by sending the header
    itself. (django-ipware's proxy options did not give this rule in our trials; see docs/operations.md.)"""
    if request is None:
        return None
    remote = request.META.get("REMOTE_ADDR") or None
    if remote is None or not _trusted(remote):
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    for address in reversed(forwarded):
        if not _is_address(address):
            return remote  # a malformed header: keep the proxy's own address rather than guess
        if not _trusted(address):
            return address
    return remote


def _is_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(net, strict=False) for net in settings.TRUSTED_PROXIES)


FAILURES = {AuditKind.LOGIN_FAILED, AuditKind.LOGIN_LOCKED}


def record_audit(
    *,
    kind: AuditKind,
    actor: Any = None,
    username: str = "",
    request: HttpRequest | None = None,
    target: str = "",
    detail: dict[str, Any] | None = None,
    succeeded: bool | None = None,
) -> AuditEvent:
    """One row of the security audit log (等保 2.0 §8.1.4.3): who, in which role, did what, from where, and
    whether it succeeded; chained and keyed (portal.audit_chain)."""
    from portal import audit_chain

    if isinstance(actor, AnonymousUser):
        actor = None
    event = AuditEvent(
        kind=kind,
        actor=actor,
        username=username or (actor.get_username() if actor is not None else ""),
        role=role_of(actor)[:200],
        succeeded=kind not in FAILURES if succeeded is None else succeeded,
        ip_address=client_ip(request),
        target=target[:200],
        detail=detail or {},
        key_id=audit_chain.current_key_id(),
    )
    with transaction.atomic():
        _lock_audit_chain()
        event.previous_hash = AuditEvent.objects.order_by("-id").values_list("row_hash", flat=True).first() or ""
        event.at = timezone.now()
        # what the database will give back: JSON normalised, microseconds as stored
        event.detail = json.loads(json.dumps(event.detail, ensure_ascii=False, default=str))
        event.row_hash = audit_chain.row_hash(event)
        event.save()
    return event


def role_of(user: Any) -> str:
    """The roles and administrator duty a member of staff holds now: 示例镇·审核人员；党政办·审核人员."""
    if user is None or not getattr(user, "pk", None):
        return ""
    duty = AdministratorDuty.objects.filter(user=user).first()
    held = [f"{m.organisation.short_name or m.organisation.name}·{m.get_role_display()}"
            for m in Membership.objects.filter(user=user).select_related("organisation").order_by("pk")]  # fmt: skip
    return "；".join([*([duty.get_duty_display()] if duty else []), *held])


def _lock_audit_chain() -> None:
    """One writer at a time extends the chain (SQLite writes are serialised already)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('portal_audit_chain'))")


def separation_conflict(user: Any, *, giving: str) -> str:
    """三员分立 (等保 三级): an administrator duty excludes every business role and every other duty. Why `user`
    cannot be given a business role ("role") or an administrator duty ("duty"), or ""."""
    duty = AdministratorDuty.objects.filter(user=user).first()
    if giving == "role" and (duty is not None or user.is_superuser):
        held = duty.get_duty_display() if duty else "超级管理员"
        return f"{user.get_username()} 是{held}：系统、安全、审计管理员不能兼任业务角色（三员分立）。"
    if giving == "duty" and Membership.objects.filter(user=user).exists():
        return f"{user.get_username()} 担任业务角色：业务人员不能兼任系统、安全、审计管理员（三员分立）。"
    return ""


@transaction.atomic
def grant_role(*, user: Any, organisation: Organisation, role: Role, granted_by: Any = None) -> Membership:
    conflict = separation_conflict(user, giving="role")
    if conflict:
        raise ValidationError(conflict, code="separation")
    membership, created = Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    if created:
        record_audit(
            kind=AuditKind.ROLE_GRANTED,
            actor=granted_by,
            target=f"{user.get_username()} @ {organisation.name}",
            detail={"user": user.get_username(), "organisation": organisation.name, "role": str(role.label)},
        )
    return membership


@transaction.atomic
def revoke_role(*, membership: Membership, revoked_by: Any = None) -> None:
    record_audit(
        kind=AuditKind.ROLE_REVOKED,
        actor=revoked_by,
        target=f"{membership.user.get_username()} @ {membership.organisation.name}",
        detail={
            "user": membership.user.get_username(),
            "organisation": membership.organisation.name,
            "role": membership.get_role_display(),
        },
    )
    membership.delete()


@transaction.atomic
def assign_duty(*, user: Any, duty: Duty, granted_by: Any = None) -> AdministratorDuty:
    """三员分立: one person holds at most one of the system, security and audit administrator duties."""
    conflict = separation_conflict(user, giving="duty")
    if conflict:
        raise ValidationError(conflict, code="separation")
    existing = AdministratorDuty.objects.select_for_update().filter(user=user).first()
    if existing is not None and existing.duty != duty:
        raise ValidationError(
            f"{user.get_username()} 已担任{existing.get_duty_display()}，"
            "系统、安全、审计三类管理员职责不能由同一人兼任。"
        )
    record, created = AdministratorDuty.objects.get_or_create(user=user, defaults={"duty": duty})
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    if created:
        record_audit(
            kind=AuditKind.DUTY_GRANTED,
            actor=granted_by,
            target=user.get_username(),
            detail={"user": user.get_username(), "duty": str(duty.label)},
        )
    return record


@transaction.atomic
def remove_duty(*, record: AdministratorDuty, removed_by: Any = None) -> None:
    record_audit(
        kind=AuditKind.DUTY_REVOKED,
        actor=removed_by,
        target=record.user.get_username(),
        detail={"user": record.user.get_username(), "duty": record.get_duty_display()},
    )
    record.delete()


# -- The working-day calendar -------------------------------------------------------------------------

HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def package_arrangements() -> dict[int, dict[date, tuple[str, str]]]:
    """The years the chinese-calendar package covers: {year: {date: (kind, name)}}."""
    import chinese_calendar

    years: dict[int, dict[date, tuple[str, str]]] = {}
    for table, kind in (
        (chinese_calendar.holidays, AdjustmentKind.HOLIDAY),
        (chinese_calendar.workdays, None),
    ):
        for day, holiday in table.items():
            if kind is None and day.weekday() < 5:
                continue  # the package lists every weekday as a working day; only weekend make-up days matter
            name = HOLIDAY_NAMES.get(str(holiday), str(holiday))
            years.setdefault(day.year, {})[day] = (kind or AdjustmentKind.WORKDAY, name)
    return years


def package_source() -> str:
    import chinese_calendar

    version = getattr(chinese_calendar, "__version__", "")
    return f"chinese-calendar {version}（据国务院办公厅历年放假安排通知）"


@transaction.atomic
def load_package_calendar(*, years: Iterable[int] | None = None, actor: Any = None) -> dict[str, int]:
    """Load or refresh years from the package; rows an administrator entered or edited are kept."""
    arrangements = package_arrangements()
    wanted = sorted(arrangements if years is None else set(years) & set(arrangements))
    counts = {"years_created": 0, "added": 0, "updated": 0, "removed": 0, "kept_admin": 0}
    for year in wanted:
        calendar_year, created = CalendarYear.objects.get_or_create(
            year=year, defaults={"confirmed": True, "source": package_source(), "origin": Origin.PACKAGE}
        )
        counts["years_created"] += int(created)
        existing = {a.date: a for a in calendar_year.adjustments.all()}
        for day, (kind, name) in arrangements[year].items():
            row = existing.pop(day, None)
            if row is None:
                if CalendarAdjustment.objects.filter(date=day).exists():
                    continue
                CalendarAdjustment.objects.create(
                    calendar_year=calendar_year, date=day, kind=kind, name=name, origin=Origin.PACKAGE
                )
                counts["added"] += 1
            elif row.origin == Origin.ADMIN:
                counts["kept_admin"] += 1
            elif (row.kind, row.name) != (kind, name):
                row.kind, row.name = kind, name
                row.save(update_fields=["kind", "name"])
                counts["updated"] += 1
        for row in existing.values():
            if row.origin == Origin.PACKAGE:
                row.delete()
                counts["removed"] += 1
            else:
                counts["kept_admin"] += 1
    if any(counts[k] for k in ("years_created", "added", "updated", "removed")):
        record_audit(
            kind=AuditKind.CALENDAR_CHANGED,
            actor=actor,
            username="" if actor else "load_calendar",
            target="工作日历（软件包）",
            detail={"years": wanted, **counts},
        )
        transaction.on_commit(workdays.calendar_changed, robust=True)
    return counts


def record_calendar_edit(*, calendar_year: CalendarYear, actor: Any, request: HttpRequest | None, summary: str) -> None:
    """An administrator's change to a year or its days: audited, and every process reloads the calendar."""
    record_audit(
        kind=AuditKind.CALENDAR_CHANGED,
        actor=actor,
        request=request,
        target=f"工作日历 {calendar_year.year}年",
        detail={"year": calendar_year.year, "confirmed": calendar_year.confirmed, "change": summary},
    )
    transaction.on_commit(workdays.calendar_changed, robust=True)


def unconfirmed_calendar_years(today: date) -> list[int]:
    """The current and the coming year, where their arrangement is missing or not confirmed."""
    confirmed = set(
        CalendarYear.objects.filter(year__in=[today.year, today.year + 1], confirmed=True).values_list(
            "year", flat=True
        )
    )
    return [y for y in (today.year, today.year + 1) if y not in confirmed]
