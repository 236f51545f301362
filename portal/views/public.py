from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from disclosure import selectors
from disclosure.models import TopicPage
from portal import page_cache
from portal.context_processors import MODES
from portal.models import Organisation, PlatformProfile


@page_cache.kept
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", page_cache.shared("home", build=home_context))


def home_context() -> dict[str, Any]:
    """The same for every visitor: kept under the count of public changes (page_cache.shared)."""
    profile = PlatformProfile.load()
    organisation = profile.home_organisation
    others = Organisation.objects.with_column()
    sections: list = []
    news: list = []
    if organisation is not None:
        others = others.exclude(pk=organisation.pk)
        sections, news = selectors.first_level_sections(organisation)
    topic_pages = list(TopicPage.objects.filter(organisation=organisation, is_active=True)[:6]) if organisation else []
    return {
        "topic_pages": topic_pages,
        "organisation": organisation,
        "sections": sections,
        "news": news,
        "other_organisations": list(others),
    }


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


def _breadcrumbs(title: str) -> list[tuple[str, str]]:
    from django.urls import reverse

    return [("首页", reverse("portal:home")), (title, "")]


def site_map(request: HttpRequest) -> HttpResponse:
    """网站地图: every organisation's columns, and the site's services."""
    from disclosure import columns
    from disclosure.models import ColumnKind

    by_kind: dict[str, tuple[list[Any], list[Any]]] = {}  # which columns apply depends on the kind alone

    def columns_of(organisation: Organisation) -> tuple[list[Any], list[Any]]:
        if organisation.kind not in by_kind:
            statutory = list(selectors.columns_for(organisation, ColumnKind.STATUTORY))
            listed = {c.pk for c in statutory}
            tops = selectors.columns_for(organisation).filter(parent__isnull=True).order_by("position", "pk")
            other = [c for c in tops if c.pk not in listed and c.kind not in selectors.KIND_OF_SPEC.values()]
            by_kind[organisation.kind] = (statutory, other)
        return by_kind[organisation.kind]

    organisations = []
    for organisation in Organisation.objects.with_column():
        statutory, other = columns_of(organisation)
        first_level = [(spec, statutory if spec is columns.STATUTORY else []) for spec in columns.FIRST_LEVEL]
        organisations.append({"organisation": organisation, "first_level": first_level, "other_columns": other})
    context = {"organisations": organisations, "breadcrumbs": _breadcrumbs("网站地图")}
    return render(request, "portal/site_map.html", context)


def open_data(request: HttpRequest) -> HttpResponse:
    """开放数据: the feeds, the JSON API and its fields, the catalogue files with their size and time."""
    from disclosure import exports

    listed = list(Organisation.objects.with_column())
    built = exports.latest_of([o.pk for o in listed])  # one query for every organisation
    organisations = [(o, exports.downloads(o, built.get(o.pk, {}))) for o in listed]
    context = {"organisations": organisations, "fields": exports.FIELDS, "breadcrumbs": _breadcrumbs("开放数据")}
    return render(request, "portal/open_data.html", context)


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility.html", {"breadcrumbs": _breadcrumbs("无障碍声明")})
