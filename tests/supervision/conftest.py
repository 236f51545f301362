"""Applications in known states, made through the services (tests/requests_app/conftest.py)."""

from tests.requests_app.conftest import received  # noqa: F401
