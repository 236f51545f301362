"""Visit figures without tracking people (issue "website inspection"; 政府网站工作年度报表: 独立用户访问总量,
网站总访问量): public pages counted per day and page, kept pages too; each visitor once a day; no cookie, no
address and no identifier stored; staff pages, files, feeds and robots not counted."""

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from portal import visits
from portal.models import DailyVisitors, PageViews

pytestmark = pytest.mark.django_db


@pytest.fixture
def counting(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    settings.VISIT_COUNTING = True
    monkeypatch.setattr(visits, "FLUSH_SECONDS", 0)  # hand over at every page: the test reads the rows at once
    visits.TALLY.views.clear()
    visits.TALLY.visitors.clear()


def visitor(address: str, browser: str = "Mozilla/5.0 (iPhone)") -> Client:
    return Client(REMOTE_ADDR=address, HTTP_USER_AGENT=browser)


def test_views_and_unique_visitors_are_counted_per_day_and_page(counting: None, published: Any, town: Any) -> None:
    item = published()
    first, second = visitor("203.0.113.7"), visitor("198.51.100.23")
    for _ in range(3):
        assert first.get(item.get_absolute_url()).status_code == 200  # the second and third are kept pages
    second.get(item.get_absolute_url())
    second.get("/gk/town/")
    today = DailyVisitors.objects.get()
    assert (today.visitors, today.views) == (2, 5)
    assert PageViews.objects.get(page=f"item:{item.pk}").views == 4
    assert PageViews.objects.filter(page__startswith="disclosure:organisation").exists()


def test_nothing_that_identifies_a_visitor_is_set_or_stored(counting: None, published: Any, settings: Any) -> None:
    item = published()
    response = visitor("203.0.113.7").get(item.get_absolute_url())
    assert set(response.cookies) <= {settings.CSRF_COOKIE_NAME}  # the page's forms' token only: nothing to count by
    with connection.cursor() as cursor:
        for table in ("portal_pageviews", "portal_dailyvisitors"):
            cursor.execute(f"SELECT * FROM {table}")  # nosec B608: fixed table names
            assert "203.0.113.7" not in repr(cursor.fetchall())
    assert [f.name for f in DailyVisitors._meta.fields] == ["day", "visitors", "views"]


def test_staff_pages_files_feeds_and_robots_are_not_counted(
    counting: None, published: Any, client_for: Any, town: Any
) -> None:
    item = published()
    client_for("editor").get("/staff/")
    visitor("203.0.113.7").get("/gk/town/rss/")
    visitor("203.0.113.7").get("/gk/town/catalogue.csv")
    visitor("203.0.113.8", "Baiduspider/2.0").get(item.get_absolute_url())
    visitor("203.0.113.9").get("/gk/town/item/999999/")  # not found
    assert not DailyVisitors.objects.exists() and not PageViews.objects.exists()


def test_a_visitor_is_counted_again_the_next_day_under_a_new_salt(
    counting: None, published: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.utils import timezone

    item = published()
    client = visitor("203.0.113.7")
    client.get(item.get_absolute_url())
    monkeypatch.setattr(timezone, "localdate", lambda *a: date(2030, 1, 2))
    client.get(item.get_absolute_url())
    assert DailyVisitors.objects.get(day=date(2030, 1, 2)).visitors == 1
    assert visits._salt("2030-01-02") != visits._salt(date.today().isoformat())


def test_staff_read_the_figures_with_the_most_read_items_and_export_them(
    counting: None, published: Any, client_for: Any
) -> None:
    item = published(title="关于秋季森林防火的通知")
    visitor("203.0.113.7").get(item.get_absolute_url())
    page = client_for("office_head").get("/staff/supervision/visits/").content.decode()
    assert "独立用户访问量 1，总访问量 1" in page and "关于秋季森林防火的通知" in page
    csv = client_for("inspector").get("/staff/supervision/visits/?format=csv").content.decode("utf-8-sig")
    assert csv.splitlines()[0] == "日期,独立用户访问量,总访问量" and csv.splitlines()[-1].endswith(",1,1")


def test_a_broken_shared_cache_loses_the_count_not_the_page(
    counting: None, published: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counting is a side effect: with the cache or the task queue down the page is still served."""

    def down(*args: Any, **kwargs: Any) -> None:
        raise ConnectionError("redis down")

    item = published()
    monkeypatch.setattr(visits, "hand_over", down)
    assert visitor("203.0.113.7").get(item.get_absolute_url()).status_code == 200
