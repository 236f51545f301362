"""One holder at a time across every node (design.md "Many nodes"): a PostgreSQL advisory lock, released when its
holder finishes or its connection ends (a node that dies releases it); on SQLite, which serves one machine, an
entry in the shared cache that expires."""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.cache import cache
from django.db import connection


def _key(name: str) -> int:
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


@contextmanager
def exclusive(name: str, *, expires: int = 6 * 3600) -> Iterator[None]:
    """Wait until no other process holds `name`, hold it inside the block."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [_key(name)])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [_key(name)])
        return
    key, token = f"lock:{name}", uuid.uuid4().hex
    while not cache.add(key, token, expires):
        time.sleep(0.5)
    try:
        yield
    finally:
        if cache.get(key) == token:
            cache.delete(key)
