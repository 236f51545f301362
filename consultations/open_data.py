"""Consultations as open data: an Atom feed of new consultations, and the comments with their answers as CSV or
XLSX for the synthesis report, never with a commenter's name or contact."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from disclosure.selectors import organisation_with_column
from portal.models import Organisation
from portal.tabular import safe_row

from .comments.services import public_text
from .models import AdoptionReport, AdoptionStatus, AnswerOutcome, Comment, Consultation, ConsultationStatus

COLUMNS = ["序号", "提交时间", "针对", "意见", "采纳情况", "答复"]


class ConsultationFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, org: str) -> Organisation:
        return organisation_with_column(org)

    def title(self, organisation: Organisation) -> str:
        return f"{organisation.name} · 意见征集"

    def link(self, organisation: Organisation) -> str:
        return reverse("consultations:list", args=[organisation.slug])

    def subtitle(self, organisation: Organisation) -> str:
        return f"{organisation.name}公开征求意见的决策草案"

    def items(self, organisation: Organisation) -> list[Consultation]:
        today = timezone.localdate()
        published = Consultation.objects.filter(
            organisation=organisation, status=ConsultationStatus.PUBLISHED, opens_on__lte=today
        )
        return list(published.select_related("organisation").order_by("-opens_on", "-id")[:50])

    def item_title(self, consultation: Consultation) -> str:
        return consultation.title

    def item_description(self, consultation: Consultation) -> str:
        period = f"征求意见时间：{consultation.opens_on:%Y-%m-%d}至{consultation.closes_on:%Y-%m-%d}。"
        return period + consultation.explanation[:200]

    def item_link(self, consultation: Consultation) -> str:
        return reverse("consultations:consultation", args=[consultation.organisation.slug, consultation.pk])

    def item_pubdate(self, consultation: Consultation) -> Any:
        return consultation.published_at


def _rows(comments: Any) -> Iterator[list[object]]:
    """Spam left out; what a commenter typed of their own personal data masked (once, when the answers were
    published), as on the page. Plain tuples, not model instances: 10,000 comments in well under a second."""
    labels = dict(AnswerOutcome.choices)
    masked_answers: dict[str, str] = {}  # answers repeat: identical comments share one
    here = timezone.get_current_timezone()
    rows = comments.values_list("submitted_at", "section__heading", "public_text", "text", "outcome", "answer")
    for n, (at, heading, shown, text, outcome, answer) in enumerate(rows.iterator(chunk_size=2000), start=1):
        if answer not in masked_answers:
            masked_answers[answer] = public_text(answer)
        yield safe_row([n, at.astimezone(here).strftime("%Y-%m-%d %H:%M"), heading or "全文",
                        shown or public_text(text), labels.get(outcome, ""), masked_answers[answer]])  # fmt: skip


def _published_comments(org: str, pk: int) -> tuple[Consultation, Any]:
    """Only once the answers are public, with the adoption report; before that the comments stay private."""
    organisation = organisation_with_column(org)
    consultation = get_object_or_404(Consultation, pk=pk, organisation=organisation,
                                     status=ConsultationStatus.PUBLISHED)  # fmt: skip
    if not AdoptionReport.objects.filter(consultation=consultation, status=AdoptionStatus.PUBLISHED).exists():
        raise Http404("意见采纳情况公布后才提供意见汇总")
    comments = Comment.objects.filter(consultation=consultation, spam_reason="").order_by("submitted_at", "id")
    return consultation, comments


def comments_csv(request: HttpRequest, org: str, pk: int) -> StreamingHttpResponse:
    consultation, comments = _published_comments(org, pk)

    def lines() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        buffer.write("\ufeff")
        writer.writerow(COLUMNS)
        for n, row in enumerate(_rows(comments), start=1):
            writer.writerow(row)
            if n % 500 == 0:  # a few hundred rows a chunk: streamed, without a write per row
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate(0)
        yield buffer.getvalue()

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="consultation-{consultation.pk}-comments.csv"'
    return response


def comments_xlsx(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    import openpyxl

    consultation, comments = _published_comments(org, pk)
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("意见及答复")
    sheet.append(COLUMNS)
    for row in _rows(comments):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="consultation-{consultation.pk}-comments.xlsx"'
    return response
