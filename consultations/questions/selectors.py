"""Named reads of published questions: a column's list and the site search's 互动交流 block."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse

from disclosure.chinese import fold
from disclosure.search import split_terms
from disclosure.selectors import publishers
from portal.models import Organisation

from .models import Question

SEARCH_SHOWN = 5


def published(organisation: Organisation | None = None) -> QuerySet[Question]:
    """Published questions, of a column (its organisation and the offices publishing through it) when given."""
    shown = Question.objects.filter(published_at__isnull=False)
    return shown.filter(organisation_id__in=publishers(organisation)) if organisation else shown


def matching(questions: QuerySet[Question], query: str) -> QuerySet[Question]:
    """Every question holding all the terms, folded as the catalogue's search folds them (traditional and
    full-width forms match). Published questions are few beside the catalogue: a substring scan of them."""
    for term in split_terms(fold(query)):
        questions = questions.filter(search_text__contains=term)
    return questions


def search_also(query: str, organisation_id: int | None) -> tuple[str, list, str]:
    """The site search's block: the newest published questions and answers holding every term (one query)."""
    from disclosure.views.search import Found

    shown = published(Organisation(pk=organisation_id) if organisation_id else None)  # a column: its offices too
    rows = matching(shown, query).order_by("-published_at", "-pk").values_list(
        "pk", "subject", "organisation__short_name", "organisation__runs_own_column", "organisation__slug",
        "organisation__parent__slug",
    )[:SEARCH_SHOWN]  # fmt: skip
    found, owners = [], set()
    for pk, subject, short_name, own_column, slug, parent_slug in rows:
        owner = slug if own_column or not parent_slug else parent_slug  # an office answers in its town's column
        owners.add(owner)
        found.append(Found(subject, reverse("questions:question", args=[owner, pk]), f"{short_name}答复"))
    more = reverse("questions:list", args=[owners.pop()]) + "?" + urlencode({"q": query}) if len(owners) == 1 else ""
    return "互动交流中的相关问答", found, more
