"""Named reads of consultations that other apps use (the annual report; the supervision figures next)."""

from __future__ import annotations

from .models import Consultation, ConsultationStatus


def held_in(organisation_ids: list[int], year: int) -> int:
    """Consultations published that opened in the year."""
    return Consultation.objects.filter(
        organisation_id__in=organisation_ids, status=ConsultationStatus.PUBLISHED, opens_on__year=year
    ).count()
