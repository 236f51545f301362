"""Anti-automation on public forms (issue 11, item 9): a proof-of-work challenge (ALTCHA protocol, no third-party
service) only after suspicious volume from one address, so a normal citizen never meets it."""

import base64
import html
import json
import re
from typing import Any

import pytest
from altcha import solve_challenge_v1
from django.test import Client

from requests_app.models import Application
from tests.requests_app.test_intake import fill_in

pytestmark = pytest.mark.django_db
CHECK = "/ysq/town/apply/check/"


def challenge_on(page: str) -> dict[str, Any] | None:
    found = re.search(r'data-challenge="([^"]+)"', page)
    return json.loads(html.unescape(found.group(1))) if found else None


def solve(challenge: dict[str, Any]) -> str:
    solution = solve_challenge_v1(challenge["challenge"], challenge["salt"], challenge["algorithm"],
                                  challenge["maxNumber"])  # fmt: skip
    assert solution is not None
    payload = {**{k: challenge[k] for k in ("algorithm", "challenge", "salt", "signature")}, "number": solution.number}
    return base64.b64encode(json.dumps(payload).encode()).decode()


def submit_from(address: str, **extra: str) -> tuple[Client, Any]:
    client = Client(REMOTE_ADDR=address)
    fill_in(client)
    return client, client.post(CHECK, {"agree": "on", **extra})


def test_a_citizens_first_applications_meet_no_challenge(town: Any, calendar: None, settings: Any) -> None:
    settings.CHALLENGE_AFTER = 3
    client = Client(REMOTE_ADDR="198.51.100.30")
    fill_in(client)
    assert challenge_on(client.get(CHECK).content.decode()) is None
    assert client.post(CHECK, {"agree": "on"}).status_code == 302


def test_after_suspicious_volume_a_submission_needs_a_solved_challenge(
    town: Any, calendar: None, settings: Any
) -> None:
    settings.CHALLENGE_AFTER = 2
    settings.CHALLENGE_MAX_NUMBER = 2000  # quick to solve in the test
    for _ in range(2):
        assert submit_from("198.51.100.31")[1].status_code == 302
    client, refused = submit_from("198.51.100.31")
    page = refused.content.decode()
    assert refused.status_code == 200 and "请等待页面完成安全验证" in page and "李四" in page
    assert Application.objects.count() == 2
    challenge = challenge_on(page)
    assert challenge is not None and 'src="/static/js/challenge.js"' in page
    payload = solve(challenge)
    assert client.post(CHECK, {"agree": "on", "altcha": payload}).status_code == 302
    assert Application.objects.count() == 3

    replay, replayed = submit_from("198.51.100.31", altcha=payload)
    assert "请等待页面完成安全验证" in replayed.content.decode(), "a solution opens one submission only"
    forged = base64.b64encode(json.dumps({**json.loads(base64.b64decode(payload)), "number": 1}).encode()).decode()
    assert "请等待页面完成安全验证" in replay.post(CHECK, {"agree": "on", "altcha": forged}).content.decode()
    assert Application.objects.count() == 3
    elsewhere = submit_from("198.51.100.32")[1]
    assert elsewhere.status_code == 302, "another address is not affected"


def test_failed_tracking_look_ups_bring_the_challenge_before_the_wait(town: Any, settings: Any) -> None:
    settings.CHALLENGE_AFTER = 3
    settings.CHALLENGE_MAX_NUMBER = 2000
    guesser = Client(REMOTE_ADDR="198.51.100.40")
    for _ in range(3):
        page = guesser.post("/ysq/track/", {"number": "YSQ-2026-0001", "code": "WRONG"}).content.decode()
    challenge = challenge_on(page)
    assert challenge is not None
    unsolved = guesser.post("/ysq/track/", {"number": "YSQ-2026-0001", "code": "WRONG"}).content.decode()
    assert "请等待页面完成安全验证后再查询" in unsolved
    solved = guesser.post("/ysq/track/", {"number": "YSQ-2026-0001", "code": "WRONG", "altcha": solve(challenge)})
    assert "申请编号或查询码不正确" in solved.content.decode()
