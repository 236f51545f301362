"""The question a visitor opened with its receipt code, remembered in the session so that the asker can agree to
a proposed conversion without typing the code again. Village service points share one computer, so it is kept
for LOOKUP_MINUTES only, and the asker can end it at once (退出查询); a new code replaces it."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.contrib.sessions.backends.base import SessionBase

KEY = "question-opened"
LOOKUP_MINUTES = 30


def remember(session: SessionBase, pk: int, *, now: datetime) -> None:
    session[KEY] = {"pk": pk, "at": now.isoformat()}


def forget(session: SessionBase) -> None:
    session.pop(KEY, None)


def opened_pk(session: SessionBase, *, now: datetime) -> int | None:
    """The question opened in this session in the last LOOKUP_MINUTES; an older one is forgotten."""
    stored: Any = session.get(KEY)
    try:
        pk, at = int(stored["pk"]), datetime.fromisoformat(stored["at"])
    except (TypeError, KeyError, ValueError):  # nothing opened, or a value kept by an older release
        forget(session)
        return None
    if now - at > timedelta(minutes=LOOKUP_MINUTES):
        forget(session)
        return None
    return pk
