"""Test settings: the project's settings with a test-only key and a fast password hasher."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-key-not-used-anywhere-else-0123456789abcdefghij")
os.environ.setdefault("PERSONAL_DATA_KEYS", "dGVzdHMtb25seS1rZXktMzItYnl0ZXMtbG9uZy4uLi4=")
os.environ.setdefault("AUDIT_CHAIN_KEY", "dGVzdHMtb25seS1hdWRpdC1rZXktMzItYnl0ZXMuLi4=")
os.environ.setdefault("SITE_URL", "http://127.0.0.1:8000")

from portal.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
WHITENOISE_USE_FINDERS = True
SECURE_SSL_REDIRECT = False
WORKDAYS_RECHECK_SECONDS = 0.0
# The workflow tests reply as the case officer in one step; tests/requests_app/test_sign_off.py turns the
# production default (every final reply signed off by the disclosure office head) back on.
REPLY_SIGN_OFF = False

# Tasks run at once in tests, so a test sees the mail its action queued; the retries are tested through the
# outbox command.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

# The test runner's flush empties every table between transactional tests: the SQLite audit table's DELETE
# trigger lets it (tests/security/test_separation_and_audit.py turns the guard on to prove it refuses).
AUDIT_DELETE_GUARD = False

# Most tests sign in with force_login and a password made by create_user: the forced change of a password set by
# someone else and the second factor are proved in tests/security/test_sign_in.py, which turns them on.
PASSWORD_CHANGE_ON_RESET = False
STAFF_SECOND_FACTOR = False
DASHBOARD_CACHE_SECONDS = 0  # figures computed on every request, so each test sees its own data at once
# A refused sign-in answers at once in tests; tests/security/test_sign_in_timing.py measures the floor.
SIGN_IN_FAILURE_SECONDS = 0.0
# Visits are counted only where a test asks (tests/portal/test_visits.py): a hand-over inside a measured request
# would add queries to it.
VISIT_COUNTING = False
