"""A refused sign-in takes the same time for an unknown name and a real account (ASVS V2.2.1; 等保 2.0
§8.1.4.1): without the floor, checking a real account's older, slower hash took longer than the dummy hash Django
computes for an unknown name, and the difference told which staff user names exist."""

import statistics
import time
from typing import Any

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher, make_password
from django.contrib.auth.models import User
from django.test import Client

pytestmark = pytest.mark.django_db

TRIES = 50


class OlderHasher(PBKDF2PasswordHasher):
    """A real account's hash from before the upgrade to Argon2, slower to check than the dummy hash (scaled down)."""

    iterations = 120_000


def median_refusal(username: str, tries: int = TRIES) -> float:
    times = []
    for _ in range(tries):
        client = Client()
        began = time.perf_counter()
        response = client.post("/staff/login/", {"username": username, "password": "wrong-Password-9"})
        times.append(time.perf_counter() - began)
        assert response.status_code == 200 and "账号或密码不正确" in response.content.decode()
    return statistics.median(times)


@pytest.fixture
def older_hash(personas: dict[str, User], settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher",
                                 "tests.security.test_sign_in_timing.OlderHasher"]  # fmt: skip
    settings.AXES_FAILURE_LIMIT = 10 * TRIES  # the lock-out is proved elsewhere; here only the timing
    editor = personas["editor"]
    editor.password = make_password("correct-horse-battery", hasher="pbkdf2_sha256")
    editor.save(update_fields=["password"])


def test_without_the_floor_the_timing_tells_a_real_name(older_hash: None, settings: Any) -> None:
    """The control: the test can see the difference the floor hides."""
    settings.SIGN_IN_FAILURE_SECONDS = 0.0
    unknown, real = median_refusal("no-such-person", 20), median_refusal("editor", 20)
    assert real > 1.1 * unknown, (unknown, real)


def test_a_refused_sign_in_takes_the_same_time_for_unknown_and_real_names(older_hash: None, settings: Any) -> None:
    settings.SIGN_IN_FAILURE_SECONDS = 0.15
    unknown, real = median_refusal("no-such-person"), median_refusal("editor")
    assert abs(real - unknown) <= 0.1 * unknown, (unknown, real)
    assert unknown >= 0.15
