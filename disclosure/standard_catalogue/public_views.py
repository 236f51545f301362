"""The public 公开事项目录 of an organisation (国办发〔2019〕54号): its areas and 事项, each linked to what was
published for it, and the 未涉及领域说明 of the areas it does not touch."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from disclosure import selectors as disclosure_selectors

from . import selectors
from .models import Matter


def _breadcrumbs(organisation: object, *tail: tuple[str, str]) -> list[tuple[str, str]]:
    from disclosure.views.public import column_breadcrumbs

    return column_breadcrumbs(organisation, *tail)  # type: ignore[arg-type]


def catalogue(request: HttpRequest, org: str) -> HttpResponse:
    organisation = disclosure_selectors.organisation_with_column(org)
    areas = selectors.public_catalogue(organisation.pk)
    context = {
        "organisation": organisation,
        "areas": areas,
        "involved": [a for a, _ in areas if a.involved],
        "not_involved": [a for a, _ in areas if not a.involved],
        "breadcrumbs": _breadcrumbs(organisation, ("公开事项目录", "")),
    }
    return render(request, "disclosure/standard_catalogue/public.html", context)


def matter(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    """One 事项 and what was published for it, newest first."""
    from disclosure.models import Item, ItemStatus

    organisation = disclosure_selectors.organisation_with_column(org)
    found = get_object_or_404(
        Matter.objects.select_related("area", "organisation"),
        organisation=organisation,
        pk=pk,
        is_active=True,
        area__involved=True,
    )
    items = Item.objects.filter(matter=found, status=ItemStatus.PUBLISHED).order_by("-publication_date", "-id")
    page = Paginator(items.only("pk", "title", "publication_date", "channel_id"), 20).get_page(request.GET.get("page"))
    context = {
        "organisation": organisation,
        "matter": found,
        "page_obj": page,
        "breadcrumbs": _breadcrumbs(
            organisation, ("公开事项目录", reverse("disclosure:standard-catalogue", args=[org])), (found.name, "")
        ),
    }
    return render(request, "disclosure/standard_catalogue/public_matter.html", context)
