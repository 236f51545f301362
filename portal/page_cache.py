"""Whole public pages (and the JSON API and feeds) kept in the cache between changes, so that a column list or
an item page costs one small query and a cache read instead of its queries and its templates.

A page is kept under the count of changes to what is public (`PublicChange`, bumped in the same transaction as
every publication, withdrawal and catalogue edit), so a publication shows at once in every process; anything
else a page shows (a column's description edited in the admin) is at most `PAGE_SECONDS` old. Only anonymous
visitors without a session or pending messages are served kept pages, by address and accessibility modes; a
CSRF token in a form is kept as a marker and replaced by each visitor's own token; the pages carry no CSP nonce."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from contextvars import ContextVar
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers

PAGE_SECONDS = 60
KEPT_TYPES = ("text/html", "application/json", "application/rss+xml", "application/atom+xml")
TOKEN = "__csrf_token__"
TOKEN_VALUE = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+(")')


def changes() -> int:
    from portal.models import PublicChange

    return PublicChange.objects.filter(pk=1).values_list("changes", flat=True).first() or 0


def bump(**_: Any) -> None:
    """What the public sees changed (a signal receiver too): every kept page is built again."""
    from portal.models import PublicChange

    if not PublicChange.objects.filter(pk=1).update(changes=F("changes") + 1):
        PublicChange.objects.get_or_create(pk=1, defaults={"changes": 1})


_changes_seen: ContextVar[int | None] = ContextVar("changes_seen", default=None)  # read once per kept request


def shared[T](name: str, *parts: object, build: Callable[[], T]) -> T:
    """What a page shows that is the same for every visitor (its rows, counts, the column around them), kept
    under the count of public changes like a whole page: a visitor whose page is built for them (a session, a
    signed-in member of staff) is not charged for reading it again, and a publication shows at once."""
    seen = _changes_seen.get()
    count = changes() if seen is None else seen
    address = "|".join(map(str, (count, name, *parts)))
    key = "shared:" + hashlib.sha256(address.encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        token = _changes_seen.set(count)  # what `build` keeps in turn is kept under the same count
        try:
            found = build()
        finally:
            _changes_seen.reset(token)
        cache.set(key, found, PAGE_SECONDS)
    return found


def _personal(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    return request.method != "GET" or settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies


def kept(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if _personal(request):
            return view(request, *args, **kwargs)
        modes = ",".join(sorted(m for m in ("elder", "contrast") if request.COOKIES.get(f"mode_{m}") == "1"))
        count = changes()
        address = f"{count}|{modes}|{request.get_host()}|{request.get_full_path()}"  # feeds carry the host
        key = "kept:" + hashlib.sha256(address.encode()).hexdigest()
        html = cache.get(key)
        if html is None:
            token = _changes_seen.set(count)
            try:
                response = view(request, *args, **kwargs)
            finally:
                _changes_seen.reset(token)
            kind = response.get("Content-Type", "")
            if response.status_code == 200 and not response.streaming and kind.startswith(KEPT_TYPES):
                body = TOKEN_VALUE.sub(rf"\g<1>{TOKEN}\g<2>", response.content.decode())
                cache.set(key, (kind, body), PAGE_SECONDS)
            return response
        kind, body = html
        response = HttpResponse(body.replace(TOKEN, get_token(request)) if TOKEN in body else body, content_type=kind)
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper
