"""Which generation of a member of staff's access a session belongs to (portal.models.AccessGeneration)."""

from __future__ import annotations

from django.db.models import F

from portal.models import AccessGeneration


def current(user_id: int) -> int:
    return AccessGeneration.objects.filter(pk=user_id).values_list("number", flat=True).first() or 0


def move_on(user_id: int) -> None:
    """Every session the user holds now ends at its next request."""
    if not AccessGeneration.objects.filter(pk=user_id).update(number=F("number") + 1):
        AccessGeneration.objects.get_or_create(user_id=user_id, defaults={"number": 1})
