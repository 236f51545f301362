"""Feeds, sitemap, the JSON API and catalogue export: the county platform can take in a town's column."""

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from django.test import Client

from disclosure.models import Genre, Item, Validity


def test_rss_and_atom_feeds_per_organisation_and_column(client: Client, published: Callable[..., Item]) -> None:
    item = published(title="冬季防火通知")
    rss = client.get("/gk/town/rss/").content.decode()
    assert "<rss" in rss and "冬季防火通知" in rss and item.index_number in rss
    assert "冬季防火通知" in client.get("/gk/town/atom/").content.decode()
    assert "冬季防火通知" in client.get("/gk/town/c/fgwj/rss/").content.decode()
    assert "冬季防火通知" not in client.get("/gk/town/c/gzdt/rss/").content.decode()
    assert client.get("/gk/town/c/nosuch/rss/").status_code == 404


def test_sitemap_lists_items(client: Client, published: Callable[..., Item]) -> None:
    item = published()
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-items.xml" in index
    assert item.get_absolute_url() in client.get("/sitemap-items.xml").content.decode()


def test_json_api_paginates_and_filters(client: Client, published: Callable[..., Item]) -> None:
    for n in range(3):
        published(title=f"通知{n}")
    published(title="规范性文件", genre=Genre.NORMATIVE, validity=Validity.VALID)
    data = client.get("/api/town/items/").json()
    assert data["count"] == 4 and data["results"][0]["title"] == "规范性文件"
    assert set(data["results"][0]) >= {"index_number", "title", "summary", "written_date", "organisation",
                                        "document_number", "publication_date", "column", "validity", "url"}  # fmt: skip
    normative = client.get("/api/town/items/", {"genre": "normative"}).json()
    assert [r["title"] for r in normative["results"]] == ["规范性文件"]
    assert normative["results"][0]["validity"] == "有效"
    bad = client.get("/api/town/items/", {"year": "x"})
    assert bad.status_code == 400 and "年份" in json.dumps(bad.json(), ensure_ascii=False)


def test_csv_and_xlsx_export_hold_the_core_metadata(client: Client, published: Callable[..., Item]) -> None:
    import openpyxl

    item = published(document_number="示政发〔2026〕3号")
    response = client.get("/gk/town/catalogue.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:4] == ["索引号", "名称", "内容概述", "生成日期"]
    assert rows[1][0] == item.index_number and rows[1][5] == "示政发〔2026〕3号"

    workbook = openpyxl.load_workbook(io.BytesIO(client.get("/gk/town/catalogue.xlsx").content))
    sheet = workbook.active
    assert sheet.cell(1, 1).value == "索引号" and sheet.cell(2, 2).value == item.title


def test_export_respects_filters(client: Client, published: Callable[..., Item]) -> None:
    published(title="新闻", column="gzdt", genre=Genre.NEWS)
    published(title="文件")
    text = b"".join(client.get("/gk/town/catalogue.csv", {"column": "gzdt"}).streaming_content).decode("utf-8-sig")
    assert "新闻" in text and "文件" not in text


def test_list_page_links_to_feed_and_exports(client: Client, town: Any) -> None:
    page = client.get("/gk/town/c/fgwj/").content.decode()
    assert "/gk/town/c/fgwj/rss/" in page and "catalogue.csv" in page and "catalogue.xlsx" in page
