"""The bench's own settings: the portal's, plus a baseline view (bench/urls.py) that exists only here."""

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
TEMPLATES[0]["DIRS"] = [BASE_DIR / "templates", BASE_DIR / "bench" / "templates"]  # noqa: F405
