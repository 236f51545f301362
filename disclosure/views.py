from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from disclosure import columns
from disclosure.selectors import organisation_with_column
from portal.models import Organisation


def column_breadcrumbs(organisation: Organisation, *tail: tuple[str, str]) -> list[tuple[str, str]]:
    return [
        ("首页", reverse("portal:home")),
        (
            f"{organisation.short_name}政府信息公开",
            reverse("disclosure:organisation", args=[organisation.slug]),
        ),
        *tail,
    ]


def organisation_column(request: HttpRequest, org: str) -> HttpResponse:
    """An organisation's 政府信息公开 column: its four first-level columns."""
    organisation = organisation_with_column(org)
    context = {
        "organisation": organisation,
        "columns": columns.FIRST_LEVEL,
        "breadcrumbs": column_breadcrumbs(organisation),
    }
    return render(request, "disclosure/organisation_column.html", context)


def column(request: HttpRequest, org: str, column: str) -> HttpResponse:
    organisation = organisation_with_column(org)
    spec = columns.BY_SLUG.get(column)
    if spec is None:
        raise Http404("栏目不存在")
    return render_column(request, organisation, spec)


def consultations(request: HttpRequest, org: str) -> HttpResponse:
    return render_column(request, organisation_with_column(org), columns.CONSULTATION)


def render_column(request: HttpRequest, organisation: Organisation, spec: columns.ColumnSpec) -> HttpResponse:
    context = {
        "organisation": organisation,
        "column": spec,
        "breadcrumbs": column_breadcrumbs(organisation, (spec.name, "")),
    }
    return render(request, "disclosure/column.html", context)
