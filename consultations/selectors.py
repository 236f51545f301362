"""Named reads of consultations that other apps use: the annual report (held_in), the supervision figures
(figures) and the decision item's page (decision_links)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from disclosure.listings import Entry

from . import rules
from .hearings.models import HearingStatus
from .models import AdoptionStatus, Consultation, ConsultationStatus, Hearing


def held_in(organisation_ids: list[int], year: int) -> int:
    """Consultations published that opened in the year."""
    return Consultation.objects.filter(
        organisation_id__in=organisation_ids, status=ConsultationStatus.PUBLISHED, opens_on__year=year
    ).count()


@dataclass(frozen=True)
class Figures:
    held: int  # consultations published that opened in the year
    short: int  # of them, shorter than the minimum period (each with its stated reason)
    comments: int  # comments received, spam excluded
    spam: int
    answered: int
    adopted: int  # adopted or partly adopted
    hearings: int  # hearings held (notice published, held in the year)

    @property
    def answered_share(self) -> float | None:
        return self.answered / self.comments if self.comments else None

    @property
    def adopted_share(self) -> float | None:
        return self.adopted / self.answered if self.answered else None


def figures_by_organisation(organisation_ids: list[int], start: date, end: date) -> dict[int, Figures]:
    """The consultation figures for supervision, per organisation, for consultations that opened between the
    dates: a bounded number of queries whatever the number of comments or organisations."""
    consultations = list(
        Consultation.objects.filter(
            organisation_id__in=organisation_ids, status=ConsultationStatus.PUBLISHED, opens_on__range=(start, end)
        )
        .select_related("matter")
        .annotate(
            received=Count("comments", filter=Q(comments__spam_reason="")),
            spam=Count("comments", filter=~Q(comments__spam_reason="")),
            answered=Count("comments", filter=Q(comments__spam_reason="") & ~Q(comments__outcome="")),
            adopted=Count("comments", filter=Q(comments__outcome__in=["adopted", "partly"], comments__spam_reason="")),
        )
    )
    hearings = dict(
        Hearing.objects.filter(
            organisation_id__in=organisation_ids, status=HearingStatus.PUBLISHED, held_at__date__range=(start, end)
        )
        .values_list("organisation_id")
        .annotate(n=Count("id"))
    )
    found: dict[int, Figures] = {}
    for org in organisation_ids:
        own = [c for c in consultations if c.organisation_id == org]
        short = [rules.is_short(c.matter.kind, c.matter.market_related, c.opens_on, c.closes_on) for c in own]
        found[org] = Figures(
            held=len(own),
            short=sum(short),
            comments=sum(c.received for c in own),
            spam=sum(c.spam for c in own),
            answered=sum(c.answered for c in own),
            adopted=sum(c.adopted for c in own),
            hearings=hearings.get(org, 0),
        )
    return found


def figures(organisation_ids: list[int], year: int) -> Figures:
    """The year's figures summed over the organisations."""
    each = figures_by_organisation(organisation_ids, date(year, 1, 1), date(year, 12, 31)).values()
    return Figures(*(sum(getattr(f, name) for f in each) for name in Figures.__dataclass_fields__))


def decision_links(item_pk: int) -> list[Entry]:
    """The consultation and adoption report behind a published decision, for the item's page."""
    entries = []
    for consultation in Consultation.objects.filter(
        decision_item_id=item_pk, status=ConsultationStatus.PUBLISHED
    ).select_related("organisation", "adoption_report"):
        url = reverse("consultations:consultation", args=[consultation.organisation.slug, consultation.pk])
        entries.append(Entry(f"征求意见：{consultation.title}", url, consultation.opens_on))
        report = getattr(consultation, "adoption_report", None)
        if report is not None and report.status == AdoptionStatus.PUBLISHED:
            entries.append(Entry("意见采纳情况说明", url + "#adoption", timezone.localdate(report.published_at)))
    return entries
