"""The 政府信息公开 column as citizens see it (条例 第十二条、第二十条、第二十一条、第二十四条)."""

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from disclosure import services
from disclosure.models import Genre, Guide, Item, Validity
from tests.conftest import review_through
from tests.files import PDF

WRAP = '</span><wbr><span class="unbroken">'  # where an index number may wrap, after its /


def test_article_20_and_21_columns_are_listed_for_a_town(client: Client, town: Any) -> None:
    """条例 第二十条 (一)–(十五) for every organisation; 第二十一条 items only for a town government."""
    page = client.get("/gk/town/fdzdgknr/").content.decode()
    for name in ("法规文件", "财政预决算", "公务员招考", "其他法定公开信息", "社会救助", "宅基地审核"):
        assert name in page
    county_page = client.get("/gk/county/fdzdgknr/").content.decode()
    assert "法规文件" in county_page and "宅基地审核" not in county_page
    assert client.get("/gk/county/c/zjd/").status_code == 404


def test_empty_sub_column_shows_its_explanation(client: Client, town: Any) -> None:
    page = client.get("/gk/town/c/zfcg/").content.decode()
    assert "本栏目暂无政府采购信息。" in page
    assert "条例第二十条第（九）项" in page


def test_column_list_shows_catalogue_metadata_newest_first(client: Client, published: Callable[..., Item]) -> None:
    older = published(when=date(2026, 10, 12), title="较早的通知", document_number="示政发〔2026〕1号")
    newer = published(when=date(2026, 10, 20), title="较新的通知")
    page = client.get("/gk/town/c/fgwj/").content.decode().replace(WRAP, "")  # wraps only after /
    assert page.index("较新的通知") < page.index("较早的通知")
    assert older.index_number in page and "示政发〔2026〕1号" in page and "2026年10月12日" in page
    assert newer.get_absolute_url() in page


def test_column_lists_include_offices_that_publish_through_the_town(
    client: Client, town: Any, published: Callable[..., Item]
) -> None:
    item = published(title="党政办的通知", organisation=town.party_office)
    page = client.get("/gk/town/c/fgwj/").content.decode()
    assert "党政办的通知" in page and 'href="/gk/town/item/' in page  # the town's page: the office has none
    assert item.get_absolute_url() == f"/gk/town/item/{item.pk}/"
    shown = client.get(item.get_absolute_url())
    assert shown.status_code == 200 and "党政办的通知" in shown.content.decode()
    assert f"/gk/town/item/{item.pk}/" in client.get("/gk/town/rss/").content.decode()
    assert f"/gk/town/item/{item.pk}/" in client.get(f"/sitemap-items-{item.pk // 10_000}.xml").content.decode()
    filtered = client.get("/gk/town/c/fgwj/", {"publisher": town.town.pk}).content.decode()
    assert "党政办的通知" not in filtered


def test_lists_filter_by_genre_year_validity_and_topic(client: Client, published: Callable[..., Item]) -> None:
    from disclosure.models import Topic

    welfare = Topic.objects.get(name="民政、扶贫、救灾")
    published(title="有效的规范性文件", genre=Genre.NORMATIVE, validity=Validity.VALID, topic=welfare)
    published(title="已废止的规范性文件", genre=Genre.NORMATIVE, validity=Validity.REPEALED, when=date(2025, 6, 3))
    published(title="普通通知")
    assert "普通通知" not in client.get("/gk/town/c/fgwj/", {"genre": "normative"}).content.decode()
    by_year = client.get("/gk/town/c/fgwj/", {"year": "2025"}).content.decode()
    assert "已废止的规范性文件" in by_year and "有效的规范性文件" not in by_year
    repealed = client.get("/gk/town/c/fgwj/", {"validity": "repealed"}).content.decode()
    assert "已废止的规范性文件" in repealed and "已废止" in repealed
    by_topic = client.get("/gk/town/c/fgwj/", {"topic": welfare.pk}).content.decode()
    assert "有效的规范性文件" in by_topic and "普通通知" not in by_topic
    bad = client.get("/gk/town/c/fgwj/", {"year": "今年"})
    assert bad.status_code == 200 and "请输入四位数的年份" in bad.content.decode()
    assert "没有符合筛选条件的信息" in client.get("/gk/town/c/fgwj/", {"year": "2001"}).content.decode()


def test_item_page_shows_the_catalogue_metadata_block(client: Client, published: Callable[..., Item]) -> None:
    """条例 第十二条: 索引号, 名称, 内容概述, 生成日期; also 发布机构, 文号, 发布日期, 分类, 有效性."""
    item = published(genre=Genre.NORMATIVE, validity=Validity.VALID, document_number="示政发〔2026〕9号")
    page = client.get(item.get_absolute_url()).content.decode().replace(WRAP, "")
    for label in ("索引号", "名称", "内容概述", "生成日期", "发布机构", "文号", "发布日期", "分类", "有效性"):
        assert f"<dt>{label}</dt>" in page
    assert item.index_number in page and "2026年10月9日" in page and "示政发〔2026〕9号" in page
    assert "各村：请做好秋季森林防火工作。" in page


def test_the_category_shows_only_what_the_item_has(client: Client, published: Callable[..., Item]) -> None:
    """分类 is the topic and the genre; an item without a topic shows its genre alone, on its page and in print."""
    from disclosure.models import Topic

    untopical = published(title="东坪村道路硬化公示", genre=Genre.PUBLIC_NOTICE)
    for url in (untopical.get_absolute_url(), f"/gk/town/item/{untopical.pk}/print/"):
        page = client.get(url).content.decode()
        assert "<dt>分类</dt><dd>公示</dd>" in page and "— ·" not in page
    welfare = published(
        title="临时救助实施办法",
        genre=Genre.NORMATIVE,
        validity=Validity.VALID,
        topic=Topic.objects.get(name="民政、扶贫、救灾"),
    )
    page = client.get(welfare.get_absolute_url()).content.decode()
    assert f"<dt>分类</dt><dd>民政、扶贫、救灾 · {welfare.get_genre_display()}</dd>" in page


def test_interpretation_and_document_link_to_each_other(client: Client, published: Callable[..., Item]) -> None:
    document = published(title="示例镇临时救助实施办法", genre=Genre.NORMATIVE, validity=Validity.VALID)
    interpretation = published(title="临时救助实施办法解读", genre=Genre.INTERPRETATION, interprets=document)
    assert "临时救助实施办法解读" in client.get(document.get_absolute_url()).content.decode()
    assert "示例镇临时救助实施办法" in client.get(interpretation.get_absolute_url()).content.decode()


def test_permanent_address_by_index_number_and_print_view(client: Client, published: Callable[..., Item]) -> None:
    item = published()
    response = client.get(f"/gk/i/{item.index_number}/")
    assert response.status_code == 200 and item.title in response.content.decode()
    printed = client.get(f"/gk/town/item/{item.pk}/print/").content.decode()
    assert item.title in printed and "print.css" in printed and "site-header" not in printed


def test_withdrawn_item_is_gone_but_its_index_number_answers(
    client: Client, published: Callable[..., Item], personas: dict[str, User]
) -> None:
    item = published()
    services.withdraw_item(item=item, actor=personas["office_head"], reason="内部原因")
    assert client.get(item.get_absolute_url()).status_code == 404
    response = client.get(f"/gk/i/{item.index_number}/")
    assert response.status_code == 410 and "已撤回" in response.content.decode()
    assert "内部原因" not in response.content.decode()


def test_drafts_are_never_public(client: Client, draft: Callable[..., Item]) -> None:
    item = draft(title="尚未发布的草稿")
    assert client.get(f"/gk/town/item/{item.pk}/").status_code == 404
    assert "尚未发布的草稿" not in client.get("/gk/town/c/fgwj/").content.decode()


def test_attachments_download_only_when_published(
    client: Client, draft: Callable[..., Item], personas: dict[str, User]
) -> None:
    item = draft()
    attachment = services.add_attachment(
        item=item, upload=SimpleUploadedFile("表格.pdf", PDF), actor=personas["editor"]
    )
    assert client.get(f"/gk/attachment/{attachment.pk}/").status_code == 404
    services.submit_item(item=item, actor=personas["editor"])
    review_through(item, personas)
    response = client.get(f"/gk/attachment/{attachment.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


def test_guide_is_generated_from_structured_fields(client: Client, town: Any) -> None:
    """条例 第十二条: classification, how to obtain, the office's name, address, hours, phone, fax, email."""
    assert "本栏目暂无政府信息公开指南。" in client.get("/gk/town/zfxxgkzn/").content.decode()
    Guide.objects.create(
        organisation=town.town,
        classification="按主题分类和体裁编排。",
        proactive_channels="政府网站和公开栏。",
        office_name="示例镇党政综合办公室",
    )
    page = client.get("/gk/town/zfxxgkzn/").content.decode()
    for text in (
        "按主题分类和体裁编排。",
        "示例镇党政综合办公室",
        "示例县示例镇人民路1号",
        "0730-5180118",
        "1033317741@qq.com",
        "20 个工作日内予以答复",
        "最长不超过 20 个工作日",
        "示例县人民政府申请行政复议",
    ):
        assert text in page  # fmt: skip


@pytest.mark.parametrize("rows", [3, 40])
def test_list_pages_use_the_same_number_of_queries_for_any_size(
    rows: int, client: Client, published: Callable[..., Item], django_assert_num_queries: Any
) -> None:
    for n in range(rows):
        published(title=f"信息{n}")
    client.get("/gk/town/c/fgwj/")
    with django_assert_num_queries(QUERIES_PER_LIST):
        client.get("/gk/town/c/fgwj/", {"oldest": "1"})  # rendered (not kept yet), the filter form kept
    with django_assert_num_queries(QUERIES_PER_HOME):
        client.get("/")
    with django_assert_num_queries(1):  # kept: the count of public changes, then the cache
        client.get("/gk/town/c/fgwj/", {"oldest": "1"})


QUERIES_PER_LIST = 3  # the count of public changes, the page, its count (the column around it kept since)
QUERIES_PER_HOME = 9  # with the published annual reports and website reports listed in their column's card


def test_kept_pages_show_a_publication_at_once_and_never_a_visitors_token_to_another(
    client: Client, published: Callable[..., Item], personas: dict[str, User], settings: Any
) -> None:
    first = published(title="第一条通知")
    assert "第一条通知" in client.get("/gk/town/c/fgwj/").content.decode()
    published(title="第二条通知")
    page = client.get("/gk/town/c/fgwj/").content.decode()
    assert "第二条通知" in page and "共 2 条" in page
    services.withdraw_item(item=first, actor=personas["office_head"], reason="内容有误")
    assert "第一条通知" not in client.get("/gk/town/c/fgwj/").content.decode()
    other = Client()
    tokens = [c.get(f"/gk/town/item/{first.pk + 1}/").content.decode() for c in (client, other)]
    values = [t.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0] for t in tokens]
    assert "__csrf_token__" not in tokens[1] and values[0] != values[1]
    assert other.cookies[settings.CSRF_COOKIE_NAME].value  # the kept page still gives the visitor a CSRF cookie


def test_topic_page_groups_published_items(
    client: Client, client_for: Any, town: Any, published: Callable[..., Item]
) -> None:
    from disclosure.models import TopicPage

    item = published(title="冬季防火宣传")
    data = {
        "organisation": town.town.pk, "title": "森林防火专题", "slug": "slfh", "introduction": "森林防火，人人有责。",
        "is_active": "on", "position": 0,
        "entries-TOTAL_FORMS": "2", "entries-INITIAL_FORMS": "0",
        "entries-0-index_number": item.index_number, "entries-0-position": "0",
        "entries-1-index_number": "", "entries-1-position": "0",
    }  # fmt: skip
    response = client_for("editor").post("/admin/disclosure/topicpage/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get("/gk/town/zt/slfh/").content.decode()
    assert "森林防火专题" in page and "冬季防火宣传" in page
    assert "/gk/town/zt/slfh/" in client.get("/").content.decode()
    bad = client_for("editor").post(
        "/admin/disclosure/topicpage/add/", {**data, "slug": "x", "entries-0-index_number": "无"}
    )
    assert "没有找到该索引号的已发布信息" in bad.content.decode()
    assert TopicPage.objects.count() == 1


def test_an_invalid_filter_says_it_was_ignored_and_offers_to_clear_it(
    client: Client, published: Callable[..., Item]
) -> None:
    published()
    page = client.get("/gk/town/c/fgwj/", {"year": "二〇二六"}).content.decode()
    assert "筛选条件有误，已忽略" in page and 'href="/gk/town/c/fgwj/">清除筛选' in page and "共 1 条" in page
    assert "清除筛选" in client.get("/gk/town/c/fgwj/", {"year": 2026}).content.decode()
    assert "清除筛选" not in client.get("/gk/town/c/fgwj/").content.decode()


def test_a_statutory_column_shows_its_sibling_columns(client: Client, town: Any) -> None:
    from disclosure import selectors
    from disclosure.models import ColumnKind

    page = client.get("/gk/town/c/fgwj/").content.decode()
    assert 'aria-label="同级栏目"' in page and 'href="/gk/town/c/fgwj/" aria-current="page"' in page
    for sibling in selectors.columns_for(town.town, ColumnKind.STATUTORY):
        assert f"/gk/town/c/{sibling.slug}/" in page


def test_the_print_view_has_a_print_button_a_way_back_and_the_icon(
    client: Client, published: Callable[..., Item]
) -> None:
    item = published()
    page = client.get(f"/gk/town/item/{item.pk}/print/").content.decode()
    assert "data-print" in page and "js/print.js" in page and f'href="{item.get_absolute_url()}"' in page
    assert "img/favicon.svg" in page
