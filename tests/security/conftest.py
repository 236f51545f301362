"""Applications in known states, for the retention and authorisation tests."""

from tests.requests_app.conftest import received  # noqa: F401
