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


def blank_form(request: HttpRequest, org: str) -> HttpResponse:
    """A printable blank application form for paper applications (条例 第二十九条)."""
    import weasyprint
    from django.template.loader import render_to_string

    organisation = organisation_with_column(org)
    html = render_to_string("requests_app/application_form_pdf.html", {"organisation": organisation, "rules": rules})
    pdf = weasyprint.HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{organisation.slug}-application-form.pdf"'
    return response
