from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from disclosure import selectors
from disclosure.models import TopicPage
from portal.context_processors import MODES
from portal.models import Organisation, PlatformProfile


def home(request: HttpRequest) -> HttpResponse:
    profile = PlatformProfile.load()
    organisation = profile.home_organisation
    others = Organisation.objects.with_column()
    sections: list = []
    news: list = []
    if organisation is not None:
        others = others.exclude(pk=organisation.pk)
        sections, news = selectors.first_level_sections(organisation)
    topic_pages = list(TopicPage.objects.filter(organisation=organisation, is_active=True)[:6]) if organisation else []
    context = {
        "topic_pages": topic_pages,
        "organisation": organisation,
        "sections": sections,
        "news": news,
        "other_organisations": others,
    }
    return render(request, "portal/home.html", context)


def set_mode(request: HttpRequest, mode: str, state: str) -> HttpResponse:
    """Elder and high-contrast modes by link: a cookie, then back to the page the visitor came from."""
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        target = "/"
    response = HttpResponseRedirect(target)
    if mode in MODES and state == "on":
        response.set_cookie(
            f"mode_{mode}",
            "1",
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    elif mode in MODES:
        response.delete_cookie(f"mode_{mode}", samesite="Lax")
    return response
