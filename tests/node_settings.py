"""One application node of the two-node test (tests/e2e/test_two_nodes.py): the test settings, but tasks go to
the database queue that a separate worker runs, as in production (the test settings run them at once)."""

from tests.settings import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
