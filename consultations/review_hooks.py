"""How a consultation, its adoption report, a phase's material, a hearing notice and a hearing report go
through the review queue before they are public (review/registry.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse

from review.registry import Publishable, register
from review.scanner import Text

from . import files, services
from .comments import answers
from .hearings import services as hearings
from .models import AdoptionReport, Consultation, Document, Hearing, HearingReport

FIELDS = ("title", "explanation", "how_to_comment", "short_reason")
HEARING_FIELDS = ("title", "draft_summary", "place", "selection_method")


def document_texts(documents: list[Document]) -> list[Text]:
    return [Text(f"attachment:{d.name}", d.text, maskable=False) for d in documents if d.text.strip()]


def unread_documents(documents: list[Document]) -> list[str]:
    """Files the scanner saw no text in (a photo or a scan): checked by eye."""
    return [d.name for d in documents if not d.text.strip()]


def texts(consultation: Consultation) -> list[Text]:
    found = [Text(name, getattr(consultation, name)) for name in FIELDS if getattr(consultation, name)]
    sections = [Text(f"section:{s.position}", s.text) for s in consultation.sections.all()]
    return found + sections + document_texts(list(consultation.documents.all()))


def formed_on(consultation: Consultation) -> date | None:
    return None  # published before its opening date, not 20 working days after it was written


def page_url(consultation: Consultation) -> str:
    return reverse("consultations-staff:consultation", args=[consultation.pk])


def preview_html(consultation: Consultation) -> str:
    return render_to_string(
        "consultations/_draft.html",
        {
            "consultation": consultation,
            "sections": consultation.sections.all(),
            "documents": list(consultation.documents.all()),
            "staff": True,
        },
    )


def _mask_fields(current: Any, names: tuple[str, ...], hits: list) -> list[str]:
    """Masks the text fields; returns the files it cannot rewrite (they are replaced by hand)."""
    from disclosure.masking import mask_text

    for name in names:
        wanted = {(str(h.kind), h.text) for h in hits if h.source == name}
        setattr(current, name, mask_text(getattr(current, name), wanted))
    current.save(update_fields=list(names))
    return sorted({h.source for h in hits if h.source.startswith("attachment:")})


def mask(consultation: Consultation, hits: list, actor: object) -> list[str]:
    from disclosure.masking import mask_text

    current = Consultation.objects.get(pk=consultation.pk)
    left = _mask_fields(current, FIELDS, hits)
    for section in current.sections.all():
        wanted = {(str(h.kind), h.text) for h in hits if h.source == f"section:{section.position}"}
        if wanted:
            section.text = mask_text(section.text, wanted)
            section.save(update_fields=["text"])
    return left


def report_texts(report: AdoptionReport) -> list[Text]:
    return [Text("text", report.text)]


def report_page(report: AdoptionReport) -> str:
    return reverse("consultations-staff:consultation", args=[report.consultation_id]) + "#adoption"


def report_html(report: AdoptionReport) -> str:
    return render_to_string("consultations/comments/_adoption.html", {"report": report})


def report_mask(report: Any, hits: list, actor: object) -> list[str]:
    return _mask_fields(type(report).objects.get(pk=report.pk), ("text",), hits)


def document_page(document: Document) -> str:
    consultation = document.matter.consultations.order_by("pk").first()
    return reverse("consultations-staff:consultation", args=[consultation.pk]) + "#phases" if consultation else ""


def hearing_page(hearing: Hearing) -> str:
    return reverse("consultations-staff:hearing", args=[hearing.pk])


def register_phase_and_hearing() -> None:
    register(
        Document,
        Publishable(
            label="决策环节材料",
            texts=lambda d: [Text("name", d.name), *document_texts([d])],
            unread=lambda d: unread_documents([d]),
            previous_texts=lambda d: [],
            formed_on=lambda d: None,
            metadata_errors=lambda d: [],
            internal_links=lambda d: [],
            preview_url=document_page,
            edit_url=document_page,
            preview_html=lambda d: render_to_string("consultations/_document.html", {"document": d}),
            publish=lambda d, approver, now: files.publish(document=d, approver=approver, now=now),
            send_back=lambda d, actor, reason: files.send_back(document=d),
            mask=lambda d, hits, actor: sorted({h.source for h in hits}),
        ),
    )
    register(
        Hearing,
        Publishable(
            label="听证会公告",
            texts=lambda h: [Text(name, getattr(h, name)) for name in HEARING_FIELDS],
            unread=lambda h: [],
            previous_texts=lambda h: [],
            formed_on=lambda h: None,
            metadata_errors=hearings.notice_problems,
            internal_links=lambda h: [],
            preview_url=hearing_page,
            edit_url=hearing_page,
            preview_html=lambda h: render_to_string("consultations/hearings/_notice.html", {"hearing": h}),
            publish=lambda h, approver, now: hearings.publish_notice(hearing=h, approver=approver, now=now),
            send_back=lambda h, actor, reason: hearings.send_back(h),
            mask=lambda h, hits, actor: _mask_fields(Hearing.objects.get(pk=h.pk), HEARING_FIELDS, hits),
        ),
    )
    register(
        HearingReport,
        Publishable(
            label="听证报告",
            texts=report_texts,
            unread=lambda r: [],
            previous_texts=lambda r: [],
            formed_on=lambda r: None,
            metadata_errors=hearings.report_problems,
            internal_links=lambda r: [],
            preview_url=lambda r: hearing_page(r.hearing),
            edit_url=lambda r: hearing_page(r.hearing),
            preview_html=lambda r: render_to_string("consultations/hearings/_report.html", {"report": r}),
            publish=lambda r, approver, now: hearings.publish_report(report=r, approver=approver, now=now),
            send_back=lambda r, actor, reason: hearings.send_back(r),
            mask=report_mask,
        ),
    )


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
            unread=lambda consultation: unread_documents(list(consultation.documents.all())),
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
