from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from disclosure.selectors import organisation_with_column
from disclosure.views.public import column_breadcrumbs
from requests_app import rules


def entrance(request: HttpRequest, org: str) -> HttpResponse:
    """依申请公开: who may apply, how, what the application contains, and the time limits."""
    organisation = organisation_with_column(org)
    context = {
        "organisation": organisation,
        "rules": rules,
        "breadcrumbs": column_breadcrumbs(organisation, ("依申请公开", "")),
    }
    return render(request, "requests_app/entrance.html", context)
