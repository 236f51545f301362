"""Feeds, sitemap, the JSON API and catalogue export: the county platform can take in a town's column."""

import csv
import io
import json
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client

from disclosure.models import Genre, Item, Validity
from portal.storage import exports as exports_storage
from portal.storage import walk


def test_rss_and_atom_feeds_per_organisation_and_column(client: Client, published: Callable[..., Item]) -> None:
    item = published(title="冬季防火通知")
    rss = client.get("/gk/town/rss/").content.decode()
    assert "<rss" in rss and "冬季防火通知" in rss and item.index_number in rss
    assert "冬季防火通知" in client.get("/gk/town/atom/").content.decode()
    assert "冬季防火通知" in client.get("/gk/town/c/fgwj/rss/").content.decode()
    assert "冬季防火通知" not in client.get("/gk/town/c/gzdt/rss/").content.decode()
    assert client.get("/gk/town/c/nosuch/rss/").status_code == 404


def test_a_first_level_column_has_its_own_feed_and_its_page_links_to_it(
    client: Client, published: Callable[..., Item]
) -> None:
    from disclosure import columns

    published(title="冬季防火通知")  # a 法定主动公开内容 column's item
    statutory, rules = columns.STATUTORY.slug, columns.RULES.slug
    page = client.get(f"/gk/town/{statutory}/").content.decode()
    assert f'href="/gk/town/{statutory}/rss/"' in page and 'href="/gk/town/rss/"' not in page
    rss = client.get(f"/gk/town/{statutory}/rss/").content.decode()
    assert "冬季防火通知" in rss and "法定主动公开内容" in rss
    assert "冬季防火通知" in client.get(f"/gk/town/{statutory}/atom/").content.decode()
    assert "冬季防火通知" not in client.get(f"/gk/town/{rules}/rss/").content.decode()
    assert client.get(f"/gk/town/{columns.GUIDE.slug}/rss/").status_code == 404  # the guide is not a list
    assert client.get("/gk/town/nosuch/rss/").status_code == 404


def test_sitemap_lists_items_by_id_range_and_a_change_shows_at_once(
    client: Client, published: Callable[..., Item], personas: Any
) -> None:
    from disclosure import services

    assert "sitemap-items" not in client.get("/sitemap.xml").content.decode()  # nothing published yet
    from disclosure.models import SitemapPage

    item = published()
    page = f"/sitemap-items-{item.pk // SitemapPage.SIZE}.xml"  # ids do not restart on PostgreSQL
    index = client.get("/sitemap.xml").content.decode()
    assert "<sitemapindex" in index and "/sitemap-columns.xml" in index
    assert f"{page}</loc><lastmod>" in index
    assert item.get_absolute_url() in client.get(page).content.decode()  # built, now kept
    second = published(title="第二条")
    kept = client.get(f"/sitemap-items-{second.pk // SitemapPage.SIZE}.xml").content.decode()
    assert second.get_absolute_url() in kept  # the page changed: built again
    services.withdraw_item(item=item, actor=personas["office_head"], reason="内容有误")
    assert item.get_absolute_url() not in client.get(page).content.decode()
    assert "/gk/town/" in client.get("/sitemap-columns.xml").content.decode()
    assert client.get("/sitemap-items-99999.xml").status_code == 404


def test_json_api_pages_by_cursor_and_filters(client: Client, published: Callable[..., Item], monkeypatch: Any) -> None:
    from django.core.cache import cache

    from disclosure.views import open_data

    for n in range(3):
        published(title=f"通知{n}")
    published(title="规范性文件", genre=Genre.NORMATIVE, validity=Validity.VALID)
    data = client.get("/api/town/items/").json()
    assert data["count"] == 4 and data["results"][0]["title"] == "规范性文件"
    assert data["next"] is None and data["previous"] is None and not data["count_is_lower_bound"]
    monkeypatch.setattr(open_data, "API_PAGE_SIZE", 3)
    cache.clear()  # the kept answer was made with the other page size
    first = client.get("/api/town/items/").json()
    second = client.get(first["next"]).json()
    titles = [r["title"] for r in first["results"] + second["results"]]
    assert titles == ["规范性文件", "通知2", "通知1", "通知0"] and second["next"] is None
    assert [r["title"] for r in client.get(second["previous"]).json()["results"]] == titles[:3]
    assert set(data["results"][0]) >= {"index_number", "title", "summary", "written_date", "organisation",
                                        "document_number", "publication_date", "column", "validity", "url"}  # fmt: skip
    normative = client.get("/api/town/items/", {"genre": "normative"}).json()
    assert [r["title"] for r in normative["results"]] == ["规范性文件"]
    assert normative["results"][0]["validity"] == "有效"
    bad = client.get("/api/town/items/", {"year": "x"})
    assert bad.status_code == 400 and "年份" in json.dumps(bad.json(), ensure_ascii=False)


def test_csv_and_xlsx_export_hold_the_core_metadata(
    client: Client, published: Callable[..., Item], django_capture_on_commit_callbacks: Any
) -> None:
    """The files are built in the background after a publication and served as built; no request builds one."""
    import openpyxl

    with django_capture_on_commit_callbacks(execute=True):
        item = published(document_number="示政发〔2026〕3号")
    response = client.get("/gk/town/catalogue.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:4] == ["索引号", "名称", "内容概述", "生成日期"]
    assert rows[1][0] == item.index_number and rows[1][5] == "示政发〔2026〕3号"
    assert rows[1][11].endswith(item.get_absolute_url()) and len(rows) == 2
    assert int(response["Content-Length"]) == len(text.encode("utf-8-sig"))

    xlsx = b"".join(client.get("/gk/town/catalogue.xlsx").streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).active
    assert sheet.cell(1, 1).value == "索引号" and sheet.cell(2, 2).value == item.title
    page = client.get("/gk/town/c/fgwj/").content.decode()
    assert "下载全部目录（CSV，" in page and "生成）" in page


def test_before_the_first_build_the_link_says_the_file_is_being_made(client: Client, town: Any) -> None:
    response = client.get("/gk/town/catalogue.csv")
    assert response.status_code == 503 and response["Retry-After"] == "300"
    assert "目录文件正在生成" in response.content.decode()


def test_a_build_that_fails_half_way_leaves_the_last_complete_file(
    client: Client, town: Any, published: Callable[..., Item], monkeypatch: Any, settings: Any
) -> None:
    from disclosure import exports

    published(title="第一条")
    exports.build(town.town, "csv")
    first = b"".join(client.get("/gk/town/catalogue.csv").streaming_content)
    published(title="第二条")

    def broken(organisation: Any) -> Any:
        yield ["半行"]
        raise OSError("磁盘已满")

    monkeypatch.setattr(exports, "rows", broken)
    with pytest.raises(OSError, match="磁盘已满"):
        exports.build(town.town, "csv")
    assert b"".join(client.get("/gk/town/catalogue.csv").streaming_content) == first
    assert [name.rsplit("/", 1)[1] for name in walk(exports_storage(), "")] == ["town-catalogue.csv"]  # nothing partial


def test_a_request_never_asks_for_a_build_and_the_download_keeps_its_name(
    client: Client, town: Any, published: Callable[..., Item], monkeypatch: Any
) -> None:
    from disclosure import exports, tasks

    asked: list[int] = []
    monkeypatch.setattr(tasks, "request_build", asked.append)
    for _ in range(10):
        assert client.get("/gk/town/catalogue.csv").status_code == 503
    assert asked == []
    published(title="第一条")
    exports.build(town.town, "csv")
    exports.build(town.town, "csv")
    exports.build(town.town, "csv")
    response = client.get("/gk/town/catalogue.csv")
    assert response.status_code == 200 and 'filename="town-catalogue.csv"' in response["Content-Disposition"]
    assert len(list(walk(exports_storage(), "town"))) == 2  # the last file and the one before (a download under way)


def test_publications_during_a_build_ask_for_one_more_build_not_one_each(
    town: Any, published: Callable[..., Item], django_capture_on_commit_callbacks: Any, monkeypatch: Any
) -> None:
    from disclosure import exports, tasks
    from disclosure.models import CatalogueExport

    queued: list[int] = []
    monkeypatch.setattr(tasks, "build_exports", SimpleNamespace(enqueue=queued.append))
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            published(title=f"通知{n}")
    assert queued == [town.town.pk]  # one build waits; the next publications join it
    exports.build(town.town, "csv")  # the worker starts: changes from now on ask again
    assert not CatalogueExport.objects.get(organisation=town.town, format="csv").queued


def test_list_page_links_to_feed_and_exports(client: Client, town: Any) -> None:
    page = client.get("/gk/town/c/fgwj/").content.decode()
    assert "/gk/town/c/fgwj/rss/" in page and "catalogue.csv" in page and "catalogue.xlsx" in page


def test_the_api_and_feeds_are_kept_until_the_next_publication(
    client: Client, published: Callable[..., Item], django_assert_num_queries: Any
) -> None:
    published(title="第一条")
    for address in ("/api/town/items/", "/gk/town/rss/"):
        first = client.get(address)
        with django_assert_num_queries(1):  # the count of public changes; the rest from the cache
            kept = client.get(address)
        assert kept.content == first.content and kept["Content-Type"] == first["Content-Type"]
    published(title="第二条")
    assert client.get("/api/town/items/").json()["count"] == 2
    assert "第二条" in client.get("/gk/town/rss/").content.decode()


def test_api_rows_of_sub_topics_name_their_parent_without_a_query_each(
    client: Client, published: Callable[..., Item], django_assert_num_queries: Any, settings: Any
) -> None:
    from disclosure.models import Topic

    parent = Topic.objects.get(name="民政、扶贫、救灾")
    child = Topic.objects.create(name="最低生活保障", parent=parent)
    published(title="低保公示一", topic=child)
    client.cookies[settings.SESSION_COOKIE_NAME] = "a-reader"  # built, not a kept page
    client.get("/api/town/items/", {"q": "1"})  # the surroundings cached as on a running site
    with django_assert_num_queries(
        5
    ):  # the count of public changes, the organisation, its publishers, the page, the count
        one = client.get("/api/town/items/", {"year": "2026"}).json()
    for n in range(5):
        published(title=f"低保公示{n + 2}", topic=child)
    with django_assert_num_queries(5):
        six = client.get("/api/town/items/", {"year": "2026"}).json()
    assert one["results"][0]["topic"] == "民政、扶贫、救灾 › 最低生活保障" and len(six["results"]) == 6


def test_a_file_of_the_layout_before_is_served_until_two_builds_have_replaced_it(
    client: Client, town: Any, published: Callable[..., Item]
) -> None:
    from django.core.files.base import ContentFile

    from disclosure import exports
    from disclosure.models import CatalogueExport

    storage = exports_storage()
    storage.save("town-catalogue.csv", ContentFile("\ufeff索引号\n".encode()))
    CatalogueExport.objects.create(organisation=town.town, format="csv", file_name="town-catalogue.csv", size=12)
    assert client.get("/gk/town/catalogue.csv").status_code == 200  # an upgraded platform serves what it had
    published(title="第一条")
    exports.build(town.town, "csv")
    assert storage.exists("town-catalogue.csv")  # the file before stays for a download under way
    exports.build(town.town, "csv")
    assert not storage.exists("town-catalogue.csv") and len(list(walk(storage, "town"))) == 2
