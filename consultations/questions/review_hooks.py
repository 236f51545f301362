"""How an answered question goes through the review queue before it is public (review/registry.py): the
scanner reads the question and the answer, and masks personal data the asker wrote in them."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse

from review.registry import Publishable, register
from review.scanner import Text

from . import services
from .models import Question

FIELDS = ("subject", "text", "answer")


def texts(question: Question) -> list[Text]:
    return [Text(name, getattr(question, name)) for name in FIELDS if getattr(question, name)]


def page_url(question: Question) -> str:
    return reverse("questions-staff:question", args=[question.pk])


def metadata_errors(question: Question) -> list[str]:
    problems = []
    if not question.public_allowed:
        problems.append("提问人未同意公开。")
    if not question.answer.strip():
        problems.append("尚未答复。")
    return problems


def mask(question: Question, hits: list[Any], actor: object) -> list[str]:
    from disclosure.masking import mask_text

    current = Question.objects.get(pk=question.pk)
    for name in FIELDS:
        wanted = {(str(h.kind), h.text) for h in hits if h.source == name}
        setattr(current, name, mask_text(getattr(current, name), wanted))
    current.save(update_fields=list(FIELDS))
    return []


def register_question() -> None:
    register(
        Question,
        Publishable(
            label="政务咨询问答",
            texts=texts,
            unread=lambda question: [],
            previous_texts=lambda question: [],
            formed_on=lambda question: None,  # public when reviewed; the answer's own deadline is the asker's
            metadata_errors=metadata_errors,
            internal_links=lambda question: [],
            preview_url=page_url,
            edit_url=page_url,
            preview_html=lambda question: render_to_string("consultations/questions/_qa.html", {"question": question}),
            publish=lambda question, approver, now: services.publish(question=question, approver=approver, now=now),
            send_back=lambda question, actor, reason: question,  # stays answered and unpublished
            mask=mask,
        ),
    )
