"""Public evaluation: the 有用 / 没用 buttons under an item (one vote per item per browser, remembered by a signed
random id in a cookie, nothing else), the applicant's rating from the tracking page once the reply is given, and
the staff page that registers a 评议会's or questionnaire's results."""

from __future__ import annotations

import hashlib
import uuid

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from disclosure.models import Item, ItemStatus
from portal import challenge
from portal.forms import add_service_errors
from portal.models import Organisation, Role
from portal.permissions import business_required, is_inspector, organisation_ids, scope_for_staff

from .forms import EvaluationForm
from .models import Evaluation, HandlingRating, ItemVote, Satisfaction
from .services import record

VOTER_COOKIE, VOTES = "pj", "item-votes"
VOTES_PER_ADDRESS_HOUR = 120


@require_POST
def vote(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Item.objects.select_related("organisation"), pk=pk, status=ItemStatus.PUBLISHED)
    response = redirect(item.get_absolute_url() + "#usefulness")
    browser = request.get_signed_cookie(VOTER_COOKIE, default="", salt=VOTER_COOKIE) or uuid.uuid4().hex
    response.set_signed_cookie(VOTER_COOKIE, browser, salt=VOTER_COOKIE, max_age=365 * 86400, httponly=True,
                               samesite="Lax", secure=request.is_secure())  # fmt: skip
    if challenge.volume(request, VOTES) >= VOTES_PER_ADDRESS_HOUR:
        messages.info(request, "评价太频繁，请稍后再试。")
        return response
    voter = hashlib.sha256(f"{settings.SECRET_KEY}:vote:{browser}:{item.pk}".encode()).hexdigest()
    try:
        with transaction.atomic():
            ItemVote.objects.create(item=item, channel_id=item.channel_id, useful=request.POST.get("useful") == "yes",
                                    voter=voter, voted_on=timezone.localdate())  # fmt: skip
    except IntegrityError:
        messages.info(request, "您已经评价过这条信息。")
    else:
        challenge.count(request, VOTES)
        messages.success(request, "感谢您的评价。")
    return response


@require_POST
def rate_handling(request: HttpRequest, number: str) -> HttpResponse:
    from requests_app.views import NotOpened, _tracked

    try:
        application = _tracked(request, number)
    except NotOpened as error:
        raise Http404("未找到") from error
    satisfaction = request.POST.get("satisfaction", "")
    if application.is_open or application.replied_on is None:
        messages.error(request, "答复后才能评价办理情况。")
    elif satisfaction not in Satisfaction.values:
        messages.error(request, "请选择满意、基本满意或不满意。")
    else:
        _, created = HandlingRating.objects.get_or_create(
            application=application,
            defaults={"organisation": application.organisation, "satisfaction": satisfaction,
                      "comment": request.POST.get("comment", "").strip()[:2000], "rated_on": timezone.localdate()},
        )  # fmt: skip
        messages.success(request, "感谢您的评价。" if created else "您已经评价过这份申请的办理情况。")
    return redirect("requests_app:track-detail", number)


def _recorders(request: HttpRequest) -> QuerySet[Organisation]:
    if is_inspector(request.user):
        return Organisation.objects.filter(runs_own_column=True).order_by("position", "name")
    return Organisation.objects.filter(pk__in=organisation_ids(request.user, Role.OFFICE_HEAD))


@business_required
def evaluations(request: HttpRequest) -> HttpResponse:
    organisations = _recorders(request)
    form = EvaluationForm(request.POST or None, organisations=organisations, prefix="evaluation")
    if request.method == "POST":
        if not organisations.exists():
            raise Http404("未找到")
        if form.is_valid():
            try:
                record(actor=request.user, today=timezone.localdate(), **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "已登记评议结果。")
                return redirect("evaluations:page")
    context = {
        "form": form if organisations.exists() else None,
        "evaluations": scope_for_staff(request.user, Evaluation.objects.select_related("organisation"))[:100],
        "ratings": scope_for_staff(request.user, HandlingRating.objects.select_related("application")).order_by(
            "-rated_on", "-id"
        )[:100],
    }
    return render(request, "supervision/evaluations/page.html", context, status=400 if form.errors else 200)
