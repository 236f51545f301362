"""HTTP hardening the framework's own settings do not cover."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

PRIVATE_PREFIXES = ("/staff/", "/admin/")


class StaffNoStoreMiddleware:
    """No staff page or staff download is kept by a browser or a proxy cache (personal data, 等保)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(PRIVATE_PREFIXES):
            response["Cache-Control"] = "no-store"
        return response
