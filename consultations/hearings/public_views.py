"""A hearing's public page: the notice, online registration until its closing day, the participant list (names
and categories only) and the hearing report once published."""

from __future__ import annotations

import uuid

from django.conf import settings
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
        if challenge.volume(request, REGISTRATIONS) >= settings.COMMENTS_PER_ADDRESS_HOUR:
            form.is_valid()
            form.add_error(None, "同一网络地址在一小时内提交的报名过多，请稍后再提交；您填写的内容已保留。")
        elif challenge.needed(request, REGISTRATIONS) and not challenge.passed(request.POST.get("altcha", "")):
            form.is_valid()
            form.add_error(None, "请等待页面完成安全验证后再提交；您填写的内容已保留。")
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
