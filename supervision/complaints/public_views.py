"""The public side of complaints: the form (投诉、举报、网站纠错) with a receipt code, and the look-up that shows
the complaint's state and, once given, the reply and the finding. No complainant's name or contact is shown."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from disclosure.selectors import organisation_with_column
from disclosure.views.public import column_breadcrumbs
from portal import challenge
from portal.forms import add_service_errors

from . import services
from .forms import ComplaintForm, ComplaintReceiptForm

SUBMISSIONS = "complaints"
FAILURES, ATTEMPTS = "complaint-receipts", 10  # wrong codes per address in 15 minutes


def _public_page(path: str) -> str:
    """The public page a site error was seen on; a staff or admin address (a member of staff following the
    footer's link) is not one the public can see, so the form is left blank."""
    if not path.startswith("/") or path.startswith(("/staff/", "/admin/", "//")):
        return ""
    return path[:500]


def complaint_form(request: HttpRequest, org: str) -> HttpResponse:
    organisation = organisation_with_column(org)
    initial = {
        "submission_key": uuid.uuid4(),
        "kind": request.GET.get("kind", ""),
        "page_url": _public_page(request.GET.get("page", "")),
    }
    form = ComplaintForm(request.POST or None, request.FILES or None, initial=initial)
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
                    organisation=organisation, kind=data["kind"], subject=data["subject"], text=data["text"],
                    page_url=data["page_url"], name=data["name"], contact=data["contact"],
                    submission_key=data["submission_key"], upload=data["attachment"],
                )  # fmt: skip
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                challenge.count(request, SUBMISSIONS)
                status = 200
    context = {
        "organisation": organisation,
        "form": form,
        "received": received,
        "days": {kind: services.reply_working_days(kind) for kind in ("complaint", "site_error")},
        "challenge": challenge.new() if challenge.needed(request, SUBMISSIONS) else "",
        "breadcrumbs": column_breadcrumbs(organisation, ("投诉举报和网站纠错", "")),
    }
    response = render(request, "supervision/complaints/form.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response


def track(request: HttpRequest, org: str) -> HttpResponse:
    organisation = organisation_with_column(org)
    form = ComplaintReceiptForm(request.POST or None)
    found = None
    if request.method == "POST" and challenge.volume(request, FAILURES) >= ATTEMPTS:
        form.is_valid()
        form.add_error(None, "查询失败次数过多，请15分钟后再试。")
    elif request.method == "POST" and form.is_valid():
        found = services.find_by_receipt(form.cleaned_data["code"])
        if found is None or found.organisation_id != organisation.pk:
            challenge.count(request, FAILURES, 15 * 60)
            found = None
            form.add_error("code", "回执码不正确，请核对后重新输入。")
    context = {
        "organisation": organisation,
        "form": form,
        "found": found,
        "breadcrumbs": column_breadcrumbs(organisation, ("投诉举报和网站纠错", ""), ("查询办理情况", "")),
    }
    response = render(request, "supervision/complaints/track.html", context, status=400 if form.errors else 200)
    response["Cache-Control"] = "no-store"
    return response
