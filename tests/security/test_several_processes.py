"""Several app processes (issue 11): with CACHE_URL on Redis the throttles, the challenge counters and the
calendar's change mark are one for all processes. Each 'other process' here is a real separate Python process.
(Search is answered from the database: tests/e2e/test_two_nodes.py finds on one node what another published.)"""

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
REDIS = "redis://127.0.0.1:6379/15"


def other_process(code: str, **environment: str) -> subprocess.Popen[str]:
    """Another Django process on the same settings; it has no database of its own to touch (what is shared is
    the cache)."""
    script = "import django, os\ndjango.setup()\n" + textwrap.dedent(code)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "DATABASE_URL": "sqlite://:memory:",
           **environment}  # fmt: skip
    return subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip


@pytest.fixture
def redis_cache(settings: Any) -> None:
    import redis

    try:
        redis.Redis.from_url(REDIS).ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail("CI 环境应有 Redis（127.0.0.1:6379）。")
        pytest.skip("本机没有运行 Redis（127.0.0.1:6379）")
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS}}
    from django.core.cache import cache

    cache.clear()


@pytest.mark.usefixtures("redis_cache")
def test_with_redis_the_throttles_and_the_calendar_mark_are_shared_by_processes(db: Any) -> None:
    from django.core.cache import cache
    from django.test import RequestFactory

    from portal import challenge, workdays

    before = cache.get(workdays.CACHE_KEY)
    counter = other_process(
        """
        from django.test import RequestFactory
        from portal import challenge, workdays
        request = RequestFactory().post("/ysq/track/", REMOTE_ADDR="198.51.100.60")
        for _ in range(3):
            challenge.count(request, "ysq-track-failures", 900)
        workdays.calendar_updated.receivers.clear()  # this process recomputes nothing: it only tells the others
        workdays.calendar_changed()
        print("done", flush=True)
        """,
        CACHE_URL=REDIS,
    )
    out, err = counter.communicate(timeout=30)
    assert out.strip() == "done", err
    here = RequestFactory().post("/ysq/track/", REMOTE_ADDR="198.51.100.60")
    assert challenge.volume(here, "ysq-track-failures") == 3 and challenge.needed(here, "ysq-track-failures")
    assert cache.get(workdays.CACHE_KEY) not in (None, before)
    cache.clear()
