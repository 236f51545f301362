"""The public side of 互动交流: the published questions and answers of a column (常见问题 first, searchable),
one question's page, the form to ask (of the organisation or one of its offices, or about a published policy),
and the look-up by receipt code, where the asker reads the answer and may agree to a proposed conversion. No
asker's name or contact is ever shown."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from disclosure.models import Item
from disclosure.selectors import organisation_with_column, publishers
from disclosure.views.public import column_breadcrumbs
from portal import challenge
from portal.forms import add_service_errors
from portal.models import Organisation

from . import lookup, services
from .forms import QuestionForm, ReceiptForm
from .models import Question
from .selectors import matching, published

SUBMISSIONS = "questions"
FAILURES, ATTEMPTS = "question-receipts", 10  # wrong codes per address in 15 minutes
PAGE_SIZE = 20
TITLE = "互动交流"


def _crumbs(organisation: Organisation, here: str) -> list[tuple[str, str]]:
    return column_breadcrumbs(organisation, (TITLE, reverse("questions:list", args=[organisation.slug])), (here, ""))


def question_list(request: HttpRequest, org: str) -> HttpResponse:
    organisation = organisation_with_column(org)
    query = request.GET.get("q", "").strip()[:100]
    shown = published(organisation).select_related("organisation")
    faq = [] if query else list(shown.filter(faq=True).order_by("-published_at", "-pk")[:20])
    rows = matching(shown, query).order_by("-published_at", "-pk")
    before = _cursor(request.GET.get("before", ""))
    if before is not None:
        rows = rows.filter(Q(published_at__lt=before[0]) | Q(published_at=before[0], pk__lt=before[1]))
    page = list(rows[: PAGE_SIZE + 1])
    older = ""
    if len(page) > PAGE_SIZE:
        page, last = page[:PAGE_SIZE], page[PAGE_SIZE - 1]
        older = f"{last.published_at.isoformat()}_{last.pk}" if last.published_at else ""
    context = {
        "organisation": organisation,
        "faq": faq,
        "rows": page,
        "query": query,
        "older": older,
        "days": settings.QUESTION_REPLY_WORKING_DAYS,
        "breadcrumbs": column_breadcrumbs(organisation, (TITLE, "")),
    }
    return render(request, "consultations/questions/list.html", context)


def _cursor(text: str) -> tuple[datetime, int] | None:
    moment, _, pk = text.rpartition("_")
    try:
        return datetime.fromisoformat(moment), int(pk)
    except ValueError:
        return None


def question_page(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisation = organisation_with_column(org)
    question = get_object_or_404(published(organisation).select_related("organisation", "item"), pk=pk)
    context = {
        "organisation": organisation,
        "question": question,
        "breadcrumbs": _crumbs(organisation, question.subject),
    }
    return render(request, "consultations/questions/question.html", context)


def _policy(organisation: Organisation, pk: Any) -> Item | None:
    """A published item of this column that the question is about."""
    try:
        return Item.objects.published().filter(organisation_id__in=publishers(organisation)).get(pk=int(pk))
    except (TypeError, ValueError, Item.DoesNotExist):
        return None


def _handlers(organisation: Organisation) -> list[Organisation]:
    """The column's organisation and the offices that publish through it, which a question can be put to."""
    return list(Organisation.objects.filter(pk__in=publishers(organisation)).order_by("parent_id", "name"))


def ask(request: HttpRequest, org: str) -> HttpResponse:
    organisation = organisation_with_column(org)
    handlers = _handlers(organisation)
    policy = _policy(organisation, request.POST.get("item") or request.GET.get("item"))
    form = QuestionForm(
        request.POST or None, initial={"submission_key": uuid.uuid4(), "item": policy.pk if policy else None}
    )
    chosen = _chosen(handlers, request.POST.get("asked_of"), policy)
    received, status = None, 200
    if request.method == "POST":
        status = 400
        refused = challenge.refusal(request, SUBMISSIONS)
        if refused:
            form.is_valid()
            form.add_error(None, refused)
        elif form.is_valid():
            data = form.cleaned_data
            try:
                received = services.receive(
                    organisation=chosen, subject=data["subject"], text=data["text"], name=data["name"],
                    contact=data["contact"], public_allowed=data["public_allowed"],
                    submission_key=data["submission_key"], item=policy,
                )  # fmt: skip
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                challenge.count(request, SUBMISSIONS)
                status = 200
    context = {
        "organisation": organisation,
        "form": form,
        "handlers": handlers,
        "chosen": chosen,
        "policy": policy,
        "received": received,
        "days": settings.QUESTION_REPLY_WORKING_DAYS,
        "challenge": challenge.new() if challenge.needed(request, SUBMISSIONS) else "",
        "breadcrumbs": _crumbs(organisation, "我要咨询"),
    }
    response = render(request, "consultations/questions/ask.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _chosen(handlers: list[Organisation], wanted: str | None, policy: Item | None) -> Organisation:
    """The organisation asked: the one picked on the form, else the policy's publisher, else the column's."""
    by_pk = {str(o.pk): o for o in handlers}
    if wanted in by_pk:
        return by_pk[wanted]
    if policy is not None and str(policy.organisation_id) in by_pk:
        return by_pk[str(policy.organisation_id)]
    return handlers[0]


def track(request: HttpRequest, org: str) -> HttpResponse:
    """The asker's view, opened with the receipt code. The question stays open in this session for
    lookup.LOOKUP_MINUTES so that the asker can agree to a conversion without typing the code again; the code box is
    always on the page, and 退出查询 forgets the question at once (a shared computer at a village service point)."""
    organisation = organisation_with_column(org)
    form = ReceiptForm(request.POST if "code" in request.POST else None)
    if request.method == "POST":
        lookup.forget(request.session)  # 退出查询, or another code: the question shown before is not shown again
    if request.method == "POST" and "code" in request.POST:
        if challenge.volume(request, FAILURES) >= ATTEMPTS:
            form.is_valid()
            form.add_error(None, "查询失败次数过多，请15分钟后再试。")
        elif form.is_valid():
            found = services.find_by_receipt(form.cleaned_data["code"])
            if found is None or found.asked_of_id not in publishers(organisation):
                challenge.count(request, FAILURES, 15 * 60)
                form.add_error("code", "回执码不正确，请核对后重新输入。")
            else:
                lookup.remember(request.session, found.pk, now=timezone.now())
                return redirect("questions:track", org)
    elif request.method == "POST":
        return redirect("questions:track", org)
    found = None if form.errors else _opened(request, organisation)
    context = {
        "organisation": organisation,
        "form": form,
        "found": found,
        "minutes": lookup.LOOKUP_MINUTES,
        "events": found.events.select_related("to_organisation").order_by("at", "pk") if found else [],
        "breadcrumbs": _crumbs(organisation, "查询答复"),
    }
    response = render(request, "consultations/questions/track.html", context, status=400 if form.errors else 200)
    response["Cache-Control"] = "no-store"
    return response


def _opened(request: HttpRequest, organisation: Organisation) -> Question | None:
    """The question whose receipt code was given in this session lately, if it was asked through this column."""
    pk = lookup.opened_pk(request.session, now=timezone.now())
    if pk is None:
        return None
    opened = Question.objects.select_related("organisation", "asked_of", "item").filter(pk=pk)
    return opened.filter(asked_of_id__in=publishers(organisation)).first()


def convert(request: HttpRequest, org: str) -> HttpResponse:
    """The asker agrees to the proposed conversion (POST from the tracking page, code already given)."""
    organisation = organisation_with_column(org)
    question = _opened(request, organisation)
    if request.method != "POST" or question is None or question.proposal == "":
        raise Http404("未找到")
    if question.proposal == "application":
        from requests_app import intake

        draft = intake.Draft(request.session, organisation.slug)
        draft.data.update(services.application_draft(question))
        draft.save()
        return redirect("requests_app:apply", organisation.slug)
    try:
        _, code = services.convert_to_complaint(question=question, today=timezone.localdate())
    except ValidationError as error:
        return render(request, "consultations/questions/converted.html",
                      {"organisation": organisation, "error": error.messages[0]}, status=400)  # fmt: skip
    owner = services.column_owner(question.organisation)
    context = {"organisation": organisation, "question": question, "code": code,
               "track": reverse("complaints:track", args=[owner.slug])}  # fmt: skip
    response = render(request, "consultations/questions/converted.html", context)
    response["Cache-Control"] = "no-store"
    return response
