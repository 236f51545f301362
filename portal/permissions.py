"""The one place that says who may see and do what; every staff view and admin screen asks here.

A role is held in one organisation and covers that organisation's rows. Inspectors read across all
organisations. A staff member asking for another organisation's row gets 404: its existence is not revealed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase

from portal.models import AdministratorDuty, Duty, Membership, Organisation, Role

View = Callable[..., HttpResponseBase]

# Inspectors only read; every other role may change its own organisation's rows.
WRITING_ROLES = tuple(r for r in Role if r != Role.INSPECTOR)


def memberships_of(user: Any) -> list[Membership]:
    """The user's memberships, read once per user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_portal_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).select_related("organisation"))
        user._portal_memberships = cached
    return cached


def duty_of(user: Any) -> Duty | None:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if not hasattr(user, "_portal_duty"):
        record = AdministratorDuty.objects.filter(user=user).first()
        user._portal_duty = Duty(record.duty) if record else None
    return user._portal_duty


def has_duty(user: Any, duty: Duty) -> bool:
    return bool(getattr(user, "is_superuser", False) and user.is_active) or duty_of(user) == duty


def roles_in(user: Any, organisation: Organisation) -> set[Role]:
    return {Role(m.role) for m in memberships_of(user) if m.organisation_id == organisation.pk}


def has_role(user: Any, organisation: Organisation, *roles: Role) -> bool:
    held = roles_in(user, organisation)
    return bool(held & set(roles)) if roles else bool(held)


def is_inspector(user: Any) -> bool:
    return any(m.role == Role.INSPECTOR for m in memberships_of(user))


def is_staff_member(user: Any) -> bool:
    """Anyone who holds a role or an administrator duty may use the staff screens."""
    return bool(memberships_of(user)) or duty_of(user) is not None or bool(getattr(user, "is_superuser", False))


def organisation_ids(user: Any, *roles: Role) -> set[int]:
    """Organisations in which the user holds one of roles (any role when none is named)."""
    return {m.organisation_id for m in memberships_of(user) if not roles or m.role in roles}


def readable_organisations(user: Any) -> models.QuerySet[Organisation]:
    """What the user may read: their own organisations, or all of them for an inspector."""
    if is_inspector(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=organisation_ids(user))


def scope_for_staff[QS: models.QuerySet[Any]](
    user: Any,
    queryset: QS,
    *,
    roles: tuple[Role, ...] = (),
    write: bool = False,
    also: models.Q | None = None,
) -> QS:
    """Restrict an organisation-owned queryset to the rows the user may read (or, with write, change).

    `also` admits further rows the user's work reaches across organisations (the content that a reviewer of
    社会事务办 reviews for the town)."""
    field = "pk" if queryset.model is Organisation else "organisation_id"
    if write:
        allowed = organisation_ids(user, *(roles or WRITING_ROLES))
    elif not roles and is_inspector(user):
        return queryset
    else:
        allowed = organisation_ids(user, *roles)
    condition = models.Q(**{f"{field}__in": allowed})
    return queryset.filter(condition | also if also is not None else condition)


def get_for_staff[M: models.Model](
    request: HttpRequest,
    queryset: models.QuerySet[M],
    *,
    roles: tuple[Role, ...] = (),
    write: bool = False,
    also: models.Q | None = None,
    **lookup: Any,
) -> M:
    """One organisation-owned row, or 404 when it is missing or in an organisation the user can't see."""
    try:
        return scope_for_staff(request.user, queryset, roles=roles, write=write, also=also).get(**lookup)
    except ObjectDoesNotExist as exc:
        raise Http404("未找到") from exc


def staff_required(view: View) -> View:
    """Signed in and holding a role or duty; else the login page, or 403 for a signed-in non-member."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not is_staff_member(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def business_required(view: View) -> View:
    """Signed in and holding a business role: the three administrators do no business (三员分立), so they get
    403 here as a signed-in non-member does; signed out, the login page."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not memberships_of(request.user):
            raise PermissionDenied("系统、安全、审计管理员不办理业务（三员分立）；业务页面须持有机构角色。")
        return view(request, *args, **kwargs)

    return wrapper


def duty_required(duty: Duty) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not has_duty(request.user, duty):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def mail_recipients(organisation: Organisation, *roles: Role) -> models.QuerySet[Any]:
    """Active staff with an email address who hold one of the roles in the organisation."""
    from django.contrib.auth import get_user_model

    holders = Membership.objects.filter(organisation=organisation, role__in=roles, user__is_active=True)
    return get_user_model().objects.filter(pk__in=holders.values("user_id")).exclude(email="")
