"""A proof-of-work challenge (the ALTCHA protocol, no third-party service) that public forms ask for only after
suspicious volume from one address: a citizen's browser solves it in about a second without their doing
anything; a script that floods the form pays for every submission. Counters live in the shared cache, so
several processes count together when CACHE_URL points at Redis."""

import base64
import json
from datetime import timedelta

from altcha import ChallengeOptionsV1, create_challenge_v1, verify_solution_v1
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from portal.services import client_ip

SOLVE_MINUTES = 10  # a challenge is valid this long after the page was shown


def _key() -> str:
    return salted_hmac("portal.challenge", "altcha-hmac-key", algorithm="sha256").hexdigest()


def _counter(request: HttpRequest, scope: str) -> str:
    return f"challenge-volume:{scope}:{client_ip(request)}"


def count(request: HttpRequest, scope: str, window_seconds: int = 3600) -> int:
    """One more event of `scope` (a submission, a failed look-up) from the client's address."""
    key = _counter(request, scope)
    cache.add(key, 0, window_seconds)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window_seconds)
        return 1


def volume(request: HttpRequest, scope: str) -> int:
    """Events of `scope` from the client's address in the current window."""
    return int(cache.get(_counter(request, scope), 0))


def needed(request: HttpRequest, scope: str) -> bool:
    return volume(request, scope) >= settings.CHALLENGE_AFTER


def refusal(request: HttpRequest, scope: str, what: str = "") -> str:
    """Why a public form's submission is refused before it is read ("" when it may go ahead): past
    COMMENTS_PER_ADDRESS_HOUR submissions of `scope` from the address in the hour, or, after CHALLENGE_AFTER, a
    missing or reused solution. The form keeps what was typed either way."""
    if volume(request, scope) >= settings.COMMENTS_PER_ADDRESS_HOUR:
        return f"同一网络地址在一小时内提交{'的' + what if what else ''}过多，请稍后再提交；您填写的内容已保留。"
    if needed(request, scope) and not passed(request.POST.get("altcha", "")):
        return "请等待页面完成安全验证后再提交；您填写的内容已保留。"
    return ""


def new() -> str:
    """A fresh challenge as JSON for the page (the solver in static/js/challenge.js reads it)."""
    options = ChallengeOptionsV1(
        hmac_key=_key(),
        max_number=settings.CHALLENGE_MAX_NUMBER,
        expires=timezone.now() + timedelta(minutes=SOLVE_MINUTES),
    )
    challenge = create_challenge_v1(options)
    return json.dumps(challenge.to_dict())


def passed(payload: str) -> bool:
    """A valid, unexpired solution not used before (each solution opens one submission)."""
    if not payload or len(payload) > 2000:
        return False
    try:
        valid, _error = verify_solution_v1(payload, _key(), check_expires=True)
        signature = str(json.loads(base64.b64decode(payload))["signature"])
    except (ValueError, TypeError, KeyError):
        return False
    return bool(valid) and cache.add(f"challenge-used:{signature}", 1, SOLVE_MINUTES * 60 + 60)
