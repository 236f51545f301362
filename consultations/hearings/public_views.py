"""A hearing's public page: the notice, online registration until its closing day, the participant list (names
and categories only) and the hearing report once published."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from disclosure import columns
from disclosure.selectors import organisation_with_column
from disclosure.views.public import column_breadcrumbs
from portal import challenge
from portal.forms import add_service_errors

from . import services as hearings
from .forms import RegistrationForm
from .models import Channel, Hearing, HearingReport, HearingStatus

REGISTRATIONS = "hearing-registrations"


def hearing_page(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organisation = organisation_with_column(org)
    hearing = get_object_or_404(
        Hearing.objects.select_related("matter"), pk=pk, organisation=organisation, status=HearingStatus.PUBLISHED
    )
    today = timezone.localdate()
    form = RegistrationForm(request.POST or None, initial={"submission_key": uuid.uuid4()})
    done, status = None, 200
    if request.method == "POST":
        status = 400
        refused = challenge.refusal(request, REGISTRATIONS, "报名")
        if refused:
            form.is_valid()
            form.add_error(None, refused)
        elif form.is_valid():
            try:
                done = hearings.register(hearing=hearing, **{**form.cleaned_data, "channel": Channel.ONLINE})
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                challenge.count(request, REGISTRATIONS)
                status = 200
    selected = []
    if hearing.list_published_at is not None:
        selected = [(p.personal("name"), p.get_category_display()) for p in hearing.registrations.filter(selected=True)]
    consultation = hearing.matter.consultations.filter(status="published", opens_on__lte=today).first()
    context = {
        "organisation": organisation,
        "hearing": hearing,
        "form": form,
        "done": done,
        "registration_open": hearings.registration_open(hearing, today),
        "selected": selected,
        "consultation": consultation,
        "report": HearingReport.objects.filter(hearing=hearing, status=HearingStatus.PUBLISHED).first(),
        "challenge": challenge.new() if challenge.needed(request, REGISTRATIONS) else "",
        "breadcrumbs": column_breadcrumbs(
            organisation,
            (columns.CONSULTATION.name, reverse("consultations:list", args=[organisation.slug])),
            (hearing.title, ""),
        ),
    }
    return render(request, "consultations/hearings/hearing.html", context, status=status)
