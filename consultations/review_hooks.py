"""How a consultation goes through the review queue before it opens (review/registry.py)."""

from __future__ import annotations

from datetime import date

from django.template.loader import render_to_string
from django.urls import reverse

from review.registry import Publishable, register
from review.scanner import Text

from . import answers, services
from .models import AdoptionReport, Consultation

FIELDS = ("title", "explanation", "how_to_comment", "short_reason")


def texts(consultation: Consultation) -> list[Text]:
    found = [Text(name, getattr(consultation, name)) for name in FIELDS if getattr(consultation, name)]
    return found + [Text(f"section:{s.position}", s.text) for s in consultation.sections.all()]


def formed_on(consultation: Consultation) -> date | None:
    return None  # published before its opening date, not 20 working days after it was written


def page_url(consultation: Consultation) -> str:
    return reverse("consultations-staff:consultation", args=[consultation.pk])


def preview_html(consultation: Consultation) -> str:
    return render_to_string(
        "consultations/_draft.html", {"consultation": consultation, "sections": consultation.sections.all()}
    )


def mask(consultation: Consultation, hits: list, actor: object) -> list[str]:
    from disclosure.masking import mask_text

    current = Consultation.objects.get(pk=consultation.pk)
    for name in FIELDS:
        wanted = {(str(h.kind), h.text) for h in hits if h.source == name}
        setattr(current, name, mask_text(getattr(current, name), wanted))
    current.save(update_fields=list(FIELDS))
    for section in current.sections.all():
        wanted = {(str(h.kind), h.text) for h in hits if h.source == f"section:{section.position}"}
        if wanted:
            section.text = mask_text(section.text, wanted)
            section.save(update_fields=["text"])
    return []


def report_texts(report: AdoptionReport) -> list[Text]:
    return [Text("text", report.text)]


def report_page(report: AdoptionReport) -> str:
    return reverse("consultations-staff:consultation", args=[report.consultation_id]) + "#adoption"


def report_html(report: AdoptionReport) -> str:
    return render_to_string("consultations/_adoption.html", {"report": report})


def report_mask(report: AdoptionReport, hits: list, actor: object) -> list[str]:
    from disclosure.masking import mask_text

    current = AdoptionReport.objects.get(pk=report.pk)
    current.text = mask_text(current.text, {(str(h.kind), h.text) for h in hits if h.source == "text"})
    current.save(update_fields=["text"])
    return []


def register_consultation() -> None:
    register(
        AdoptionReport,
        Publishable(
            label="意见采纳情况说明",
            texts=report_texts,
            unread=lambda report: [],
            previous_texts=lambda report: [],
            formed_on=lambda report: None,
            metadata_errors=answers.submission_problems,
            internal_links=lambda report: [],
            preview_url=report_page,
            edit_url=report_page,
            preview_html=report_html,
            publish=lambda r, approver, now: answers.publish(report=r, approver=approver, now=now),
            send_back=lambda r, actor, reason: answers.send_back(report=r),
            mask=report_mask,
        ),
    )
    register(
        Consultation,
        Publishable(
            label="征求意见稿",
            texts=texts,
            unread=lambda consultation: [],
            previous_texts=lambda consultation: [],
            formed_on=formed_on,
            metadata_errors=services.review_problems,
            internal_links=lambda consultation: [],
            preview_url=page_url,
            edit_url=page_url,
            preview_html=preview_html,
            publish=lambda c, approver, now: services.publish(consultation=c, approver=approver, now=now),
            send_back=lambda c, actor, reason: services.send_back(consultation=c),
            mask=mask,
        ),
    )
