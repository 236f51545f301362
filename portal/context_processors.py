from typing import Any

from django.conf import settings
from django.http import HttpRequest

from portal.models import PlatformProfile

MODES = ("elder", "contrast")


def active_modes(request: HttpRequest) -> set[str]:
    return {mode for mode in MODES if request.COOKIES.get(f"mode_{mode}") == "1"}


def site(request: HttpRequest) -> dict[str, Any]:
    """The platform profile and the visitor's accessibility modes, for base.html."""
    profile = PlatformProfile.load()
    return {
        "platform": profile,
        "host": profile.host_organisation,
        "modes": active_modes(request),
        "national_error_platform": settings.NATIONAL_ERROR_PLATFORM_URL,
    }
