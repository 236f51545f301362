"""Issue 15: no public address costs more with more items. Query counts equal at 10 and 10,000 items for every
list, feed, sitemap and API address; counts right after publication; cursor pages that walk the list once."""

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.test import Client

from disclosure import columns, tallies
from disclosure.models import Column, Item, ItemStatus, SitemapPage, Topic
from tests.conftest import TZ


def load(town: Any, author: Any, n: int) -> None:
    """n published items in bulk (as the bench loads them), the tallies and sitemap pages rebuilt once."""
    column, topic = Column.objects.get(slug="fgwj"), Topic.objects.first()
    start = date(2015, 1, 5)

    def item(i: int) -> Item:
        day = start + timedelta(days=i % 4000)
        return Item(
            organisation=town.town, channel=town.town, column=column, column_kind=column.kind, genre="notice",
            topic=topic if i % 3 == 0 else None, title=f"关于第{i}项工作的通知", summary="部署相关工作。",
            written_date=day, status=ItemStatus.PUBLISHED, index_number=f"{town.town.credit_code}/{i:08d}",
            publication_date=day, published_at=datetime(2020, 1, 1, 10, tzinfo=TZ), publication_working_days=i % 30,
            created_by=author,
        )  # fmt: skip

    Item.objects.bulk_create(item(i) for i in range(n))
    tallies.rebuild()
    tallies.rebuild_sitemap_pages()


def addresses(town: Any) -> list[str]:
    ordered = Item.objects.order_by("publication_date", "id")
    middle = ordered[ordered.count() // 2]  # a page of newer and of older items either way
    cursor = f"{middle.publication_date}.{middle.pk}"
    topic = Topic.objects.first()
    assert topic is not None
    return [
        "/", "/gk/town/", f"/gk/town/{columns.STATUTORY.slug}/", f"/gk/town/{columns.RULES.slug}/", "/gk/town/c/fgwj/",
        f"/gk/town/c/fgwj/?older={cursor}", f"/gk/town/c/fgwj/?newer={cursor}", "/gk/town/c/fgwj/?oldest=1",
        "/gk/town/c/fgwj/?year=2019", f"/gk/town/c/fgwj/?topic={topic.pk}", "/gk/town/c/fgwj/?genre=notice",
        f"/gk/town/c/fgwj/?publisher={town.town.pk}&year=2018", "/api/town/items/", f"/api/town/items/?cursor={cursor}",
        "/api/town/items/?column=fgwj&year=2020", "/gk/town/rss/", "/gk/town/atom/", "/gk/town/c/fgwj/rss/",
        f"/gk/town/{columns.STATUTORY.slug}/rss/", f"/gk/town/{columns.STATUTORY.slug}/?genre=report",
        "/sitemap.xml", "/sitemap-columns.xml", f"/sitemap-items-{middle.pk // SitemapPage.SIZE}.xml",
    ]  # fmt: skip


def queries(client: Client, address: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(address)  # caches filled as they would be on a running site
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200, address
    return len(captured)


@pytest.mark.django_db
def test_every_list_feed_sitemap_and_api_address_costs_the_same_queries_at_10_and_10000_items(
    town: Any, personas: Any, client: Client
) -> None:
    def path(address: str) -> str:  # the middle item's sitemap page differs between the two loads
        return re.sub(r"sitemap-items-\d+", "sitemap-items-N", address.split("?")[0])

    load(town, personas["editor"], 10)
    few = [(path(address), queries(client, address)) for address in addresses(town)]
    Item.objects.all().delete()
    load(town, personas["editor"], 10_000)
    many = [(path(address), queries(client, address)) for address in addresses(town)]
    assert many == few


def test_cursor_pages_walk_the_whole_list_once_each_way(town: Any, personas: Any, client: Client) -> None:
    load(town, personas["editor"], 45)
    seen, address = [], "/gk/town/c/fgwj/"
    while address:
        response = client.get(address)
        seen += [item.pk for item in response.context["listing"].items]
        address = response.context["links"].get("older", "")
        if address:
            address = "/gk/town/c/fgwj/" + address
    expected = list(Item.objects.order_by("-publication_date", "-id").values_list("pk", flat=True))
    assert seen == expected and "共 45 条" in response.content.decode()
    oldest = client.get("/gk/town/c/fgwj/", {"oldest": "1"}).context
    assert [i.pk for i in oldest["listing"].items] == expected[-20:] and "older" not in oldest["links"]
    newer = client.get("/gk/town/c/fgwj/" + oldest["links"]["newer"]).context["listing"].items
    assert [i.pk for i in newer] == expected[-40:-20]
    for nonsense in ("x", "2026-13-01.5", "2026-01-01.abc", ""):
        assert client.get("/gk/town/c/fgwj/", {"older": nonsense}).status_code == 200  # the newest page


@pytest.mark.parametrize("visitor", ["anonymous (a kept page)", "with a session (the page built, its rows kept)"])
def test_a_published_item_shows_at_once_on_its_columns_first_page_with_the_count(
    town: Any, personas: Any, client: Client, published: Callable[..., Item], visitor: str, settings: Any
) -> None:
    if "session" in visitor:
        client.cookies[settings.SESSION_COOKIE_NAME] = "a-visitor"
    load(town, personas["editor"], 30)
    for address in ("/gk/town/c/fgwj/", f"/gk/town/{columns.STATUTORY.slug}/"):
        assert "共 30 条" in client.get(address).content.decode()
    item = published(title="最新发布的通知")
    for address in ("/gk/town/c/fgwj/", f"/gk/town/{columns.STATUTORY.slug}/"):
        page = client.get(address).content.decode()
        assert "最新发布的通知" in page and "共 31 条" in page
    page = f"/sitemap-items-{item.pk // SitemapPage.SIZE}.xml"  # ids do not restart on PostgreSQL
    assert item.get_absolute_url() in client.get(page).content.decode()


def test_a_filter_beyond_year_and_publisher_counts_up_to_a_cap(
    town: Any, personas: Any, client: Client, monkeypatch: Any
) -> None:
    from disclosure import counting

    load(town, personas["editor"], 30)
    monkeypatch.setattr(counting, "COUNT_CAP", 5)
    assert "超过 5 条" in client.get("/gk/town/c/fgwj/", {"genre": "notice"}).content.decode()
    assert "共 30 条" in client.get("/gk/town/c/fgwj/").content.decode()  # the tally, no cap
    api = client.get("/api/town/items/", {"genre": "notice"}).json()
    assert api["count"] == 5 and api["count_is_lower_bound"]


@pytest.mark.django_db
@pytest.mark.parametrize("chosen", ["genre=report", "validity=expired", "publisher", "topic", "year=2014"])
def test_a_filtered_list_and_its_count_read_one_range_of_an_index_that_holds_the_filter(
    town: Any, personas: Any, chosen: str
) -> None:
    """However rare the value (none of 2,000 items has it), the page is not a scan of the whole column (SQLite's
    plan is fixed by the indexes alone, so it is asserted there)."""
    from django.db import connection
    from django.http import QueryDict

    from disclosure import selectors
    from disclosure.filters import ItemFilter
    from disclosure.models.items import FILTER_LISTS

    if connection.vendor == "postgresql":  # its planner weighs statistics; bench/catalogue.py times it at 1M
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'disclosure_item'")
            assert {name for _, _, name in FILTER_LISTS} <= {row[0] for row in cursor.fetchall()}
        return
    load(town, personas["editor"], 2000)  # every item a notice of the town, one topic, 2015-2025
    unused = Topic.objects.exclude(pk=Topic.objects.first().pk).first()
    assert unused is not None
    value = {"publisher": f"publisher={town.party_office.pk}", "topic": f"topic={unused.pk}"}
    column = Column.objects.get(slug="fgwj")
    field = chosen.split("=")[0]
    for by, items in (("column", selectors.column_items(town.town, column=column)),
                      ("column_kind", selectors.column_items(town.town, kind=column.kind))):  # fmt: skip
        publishers = [town.town.pk, town.party_office.pk]
        filterset = ItemFilter(QueryDict(value.get(chosen, chosen)), queryset=items, publishers=publishers)
        assert filterset.is_valid(), filterset.errors
        held = {"publisher": "organisation"}.get(field, field)
        names = [name for on, kept, name in FILTER_LISTS if on == by and kept == held]
        queries = [filterset.qs.order_by("-publication_date", "-id")[:21]]
        if field == "year":  # a range of the list's own index; its count comes from the tally
            names = ["item_column_list" if by == "column" else "item_kind_list"]
        else:
            names += ["item_topic_list"] if held == "topic" and by == "column" else []
            queries.append(filterset.qs.select_related(None).order_by()[:1001])  # the capped count
        for query in queries:
            plan = query.explain()
            assert any(name in plan for name in names), (by, chosen, plan)
            assert "TEMP B-TREE" not in plan, plan


@pytest.mark.django_db
def test_a_sitemap_page_reads_its_range_of_ids_not_the_catalogue(town: Any, personas: Any, client: Client) -> None:
    """A page is the items of one range of ids: its query reads that range of the primary key (on SQLite a
    filter on the status would read the status index over every item instead: asserted on SQLite's plan)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    load(town, personas["editor"], 300)
    draft = Item.objects.order_by("pk")[5]
    Item.objects.filter(pk=draft.pk).update(status=ItemStatus.DRAFT)
    page = draft.pk // SitemapPage.SIZE
    with CaptureQueriesContext(connection) as captured:
        body = client.get(f"/sitemap-items-{page}.xml").content.decode()
    assert draft.get_absolute_url() not in body  # only what is published
    size = SitemapPage.SIZE  # ids do not restart on PostgreSQL: a neighbour from the same range
    neighbour = Item.objects.published().filter(pk__gte=page * size, pk__lt=(page + 1) * size).first()
    assert neighbour is not None and neighbour.get_absolute_url() in body
    if connection.vendor != "sqlite":
        return
    (read,) = [q["sql"] for q in captured.captured_queries if 'FROM "disclosure_item"' in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {read}")
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)" in plan, plan
