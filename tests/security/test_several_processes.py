"""Several app processes (issue 11): what one worker publishes is found by searches another serves within a
second; with CACHE_URL on Redis the throttles, the challenge counters and the calendar's change mark are one
for all processes. Each 'other process' here is a real separate Python process."""

import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from disclosure import search
from disclosure.models import Item

ROOT = Path(__file__).resolve().parents[2]
REDIS = "redis://127.0.0.1:6379/15"


def other_process(code: str, **environment: str) -> subprocess.Popen[str]:
    """Another Django process on the same settings; it has no database of its own to touch (what is shared is
    the search index folder or the cache)."""
    script = "import django, os\ndjango.setup()\n" + textwrap.dedent(code)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "DATABASE_URL": "sqlite://:memory:",
           **environment}  # fmt: skip
    return subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip


def test_an_item_published_in_one_process_is_found_by_another_within_a_second(
    published: Callable[..., Item], settings: Any
) -> None:
    index_dir = Path(settings.SEARCH_INDEX_DIR)
    search.get_index()  # the folder exists before the reader opens it
    reader = other_process(
        """
        import time
        from disclosure import search
        search.get_index().searcher()
        print("ready", flush=True)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if search.matching_ids("危房改造补助"):
                print("found", flush=True)
                break
            time.sleep(0.02)
        else:
            print("missing", flush=True)
        """,
        SEARCH_INDEX_DIR=str(index_dir),
    )
    assert reader.stdout is not None
    assert reader.stdout.readline().strip() == "ready", reader.stderr.read() if reader.stderr else ""
    item = published(title="2026年农村危房改造补助资金发放情况")
    started = time.monotonic()
    search.index_items([item.pk])
    outcome = reader.stdout.readline().strip()
    elapsed = time.monotonic() - started
    reader.wait(timeout=15)
    assert outcome == "found" and elapsed < 1.5, (outcome, elapsed)


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


def test_a_search_index_that_fails_never_undoes_or_errors_a_publication(
    published: Callable[..., Item], monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    """The index is a side effect: the item is published and the reviewer's page works; `reindex` repairs."""

    def broken(ids: Any) -> None:
        raise OSError("index folder not writable")

    monkeypatch.setattr(search, "index_items", broken)
    with django_capture_on_commit_callbacks(execute=True):
        item = published()
    assert item.status == "published"
