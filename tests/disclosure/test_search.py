"""Chinese search: every item containing what a person typed is found, and only those."""

import io
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from disclosure import search, services
from disclosure.models import Item
from tests.conftest import review_through

TEXTS = [
    ("村务公开栏更新通知", "各村要及时更新村务公开栏，公开栏内容每季度更新一次。"),
    ("公开的栏目调整", "本镇网站公开栏目调整，新增“社会救助”栏目。"),
    ("栏杆维修", "镇区公开招标维修桥梁栏杆。"),
    ("秋季森林防火", "东坪村、西坪村要加强巡山，严防山火。"),
    ("ABC 项目公示", "2026年度 abc 示范项目公示，编号 SLZ-2026-07。"),
]


@pytest.fixture(params=[1, 3, 10**6], ids=["through the index", "mixed", "from the newest entries"])
def probe(request: Any, monkeypatch: pytest.MonkeyPatch) -> int:
    """How many of the newest entries (and titles) a search reads before it asks the index: pages must agree."""
    monkeypatch.setattr(search, "PROBE", request.param)
    monkeypatch.setattr(search, "TITLE_PROBE", request.param)
    return int(request.param)


@pytest.fixture
def corpus(published: Callable[..., Item]) -> list[Item]:
    """Found without waiting for a commit: search is written in the publication's own transaction."""
    return [published(title=title, body=f"<p>{body}</p>", summary=title) for title, body in TEXTS]


def found(query: str, **filters: Any) -> list[str]:
    return sorted(item.title for item in search.search(query, filters=search.Filters(**filters)).items)


def ground_truth(query: str) -> list[str]:
    """By exact substring over what a person sees of each item: title, summary, body, 文号 and 索引号."""
    return substring_truth(list(Item.objects.published()), query)


@pytest.mark.parametrize(
    "query",
    ["公开栏", "公开", "栏", "栏目", "公开栏内容每季度", "东坪村", "坪", "山火", "abc", "ABC", "2026",
     "slz-2026", "z-2026-0", "“社会救助”", "公开 栏杆", "更新 季度", "不存在的词", "开栏内"],
)  # fmt: skip
def test_search_matches_exact_substring_ground_truth(corpus: list[Item], query: str, probe: int) -> None:
    assert found(query) == ground_truth(query)


@pytest.mark.parametrize("query", ["O'Neil", "a\\b", "'", "\\", "c:\\d'e"])
def test_quotes_and_backslashes_in_a_text_are_indexed_and_found(
    published: Callable[..., Item], query: str, probe: int
) -> None:
    """The index's words are quoted for PostgreSQL's tsvector input: a quote or backslash in a pair must not
    break the entry or hide it."""
    published(title="外文资料", body="<p>引自 O'Neil 报告，路径 a\\b 与 c:\\d'e。</p>")
    published(title="无关", body="<p>普通文本。</p>")
    assert found(query) == ["外文资料"]


def test_word_a_dictionary_splits_differently_is_found(corpus: list[Item]) -> None:
    """Segmentation finds 0 items for 公开栏; character indexing finds each item that contains it."""
    assert found("公开栏") == ["公开的栏目调整", "村务公开栏更新通知"]  # 网站公开栏目 contains it too


def test_title_matches_rank_first_and_date_sort(corpus: list[Item]) -> None:
    ranked = [item.title for item in search.search("栏目").items]
    assert ranked[0] == "公开的栏目调整"
    newest = [item.title for item in search.search("公开", sort="date").items]
    assert len(newest) == 3


def test_search_filters_like_the_lists(corpus: list[Item], town: Any) -> None:
    assert found("公开", organisation=town.other_town.pk) == []
    assert found("公开", organisation=town.town.pk, year=2026) == ground_truth("公开")
    assert found("公开", year=2025) == []


def test_attachment_text_is_searchable(
    draft: Callable[..., Item], personas: dict[str, User], django_capture_on_commit_callbacks: Any
) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("附件里才有的词：宅基地审批台账")
    buffer = io.BytesIO()
    document.save(buffer)
    item = draft(title="附件测试")
    services.add_attachment(
        item=item, upload=SimpleUploadedFile("台账.docx", buffer.getvalue()), actor=personas["editor"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_item(item=item, actor=personas["editor"])
        review_through(item, personas)
    assert found("宅基地审批台账") == ["附件测试"]


def test_withdrawn_and_revised_items_update_the_index(
    corpus: list[Item], personas: dict[str, User], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_item(item=corpus[3], actor=personas["office_head"], reason="重复发布")
    assert found("山火") == []
    revision = services.start_revision(item=corpus[2], editor=personas["editor"])
    services.update_draft(
        item=revision, editor=personas["editor"], fields={"title": "护栏维修", "summary": "护栏维修"}, lock_version=0
    )
    services.submit_item(item=revision, actor=personas["editor"])
    with django_capture_on_commit_callbacks(execute=True):
        review_through(revision, personas)
    assert found("护栏") == ["护栏维修"] and found("栏杆维修") == []


def test_reindex_rebuilds_from_the_database(corpus: list[Item]) -> None:
    from django.core.management import call_command

    out = io.StringIO()
    call_command("reindex", stdout=out)
    assert "5 条" in out.getvalue()
    assert found("公开栏") == ["公开的栏目调整", "村务公开栏更新通知"]  # 网站公开栏目 contains it too


def test_the_deployment_check_asks_for_a_reindex_while_search_misses_published_items(
    published: Callable[..., Item],
) -> None:
    """Items loaded around the publication path have no entry: `check --deploy` says to run reindex."""
    from django.core.management import call_command

    from disclosure.checks import search_index_built
    from disclosure.models import SearchEntry

    SearchEntry.objects.filter(item=published(title="未进入检索的通知")).delete()
    (warning,) = search_index_built()
    assert warning.id == "disclosure.W001" and "0 条" in warning.msg and "reindex" in warning.hint
    call_command("reindex", stdout=io.StringIO())
    assert search_index_built() == []


def test_search_page_highlights_and_keeps_the_query(client: Client, corpus: list[Item]) -> None:
    page = client.get("/search/", {"q": "公开栏"}).content.decode()
    assert "包含“公开栏”的信息" in page and "<mark>公开栏</mark>" in page and 'value="公开栏"' in page
    assert "没有找到" in client.get("/search/", {"q": "不存在的词"}).content.decode()
    bad = client.get("/search/", {"q": "公开", "year": "明年"})
    assert "请输入四位数的年份" in bad.content.decode() and 'value="公开"' in bad.content.decode()


def test_the_page_says_the_words_back_as_they_were_typed(client: Client, corpus: list[Item]) -> None:
    """Search folds 乾 to 干 (OpenCC's table) and ABC to abc to find them, but a person reading the page sees
    their own words: 乾隆, not 干隆; the shorter query offered is in their characters too."""
    page = client.get("/search/", {"q": "乾隆"}).content.decode()
    assert "没有找到包含“乾隆”的信息" in page and "干隆" not in page
    both = client.get("/search/", {"q": "東坪村 乾隆"}).content.decode()
    assert "只搜“東坪村”" in both and "（1 条）" in both and "“东坪村”" not in both
    assert "找到 1 条包含“ABC”的信息" in client.get("/search/", {"q": "ABC"}).content.decode()


def test_filters_without_words_ask_for_them_and_a_page_past_the_end_says_so(client: Client, corpus: list[Item]) -> None:
    """A search by filters alone is not a list of everything (the catalogue's columns are): the page asks for
    words; a page past the last (an old or edited link) says how many there are and leads back to the first."""
    alone = client.get("/search/", {"q": "", "year": "2026"}).content.decode()
    assert (
        "请填写搜索内容：筛选和排序只用于缩小搜索结果的范围。" in alone
        and "搜索内容：请填写" not in alone
        and 'value="2026"' in alone
    )
    assert "error-summary" not in client.get("/search/").content.decode()  # the empty form, not yet submitted
    past = client.get("/search/", {"q": "公开", "page": "9"}).content.decode()
    total = len(ground_truth("公开"))
    assert f"第 9 页没有更多结果：包含“公开”的信息共 {total} 条。" in past and "回到第 1 页" in past
    assert "没有找到" not in past


def test_a_mistyped_year_is_shown_back_with_its_message(client: Client, corpus: list[Item]) -> None:
    """The year is a text box (a number box drops "20x6" to "206" or shows it empty): what was typed stays."""
    page = client.get("/search/", {"q": "公开", "year": "20x6"}).content.decode()
    assert "请输入四位数的年份，例如 2026。" in page and 'value="20x6"' in page
    assert '<input type="text" name="year" value="20x6" inputmode="numeric"' in page


def test_an_excerpt_never_shows_the_summary_twice_and_date_order_is_said_plainly(
    client: Client, published: Callable[..., Item]
) -> None:
    """An old catalogue's summary is often the body's first sentence: the excerpt shows it once. Sorted by
    date, the page does not also claim that titles come first."""
    published(title="东坪村征地公告", summary="东坪村拟征收土地的范围公告三十日。",
              body="<p>东坪村拟征收土地的范围公告三十日。</p><p>有异议的可在期限内提出。</p>")  # fmt: skip
    page = client.get("/search/", {"q": "征收"}).content.decode()
    assert page.count("拟<mark>征收</mark>土地的范围公告三十日") == 1
    by_date = client.get("/search/", {"q": "征收", "sort": "date"}).content.decode()
    assert "按发布日期从新到旧排列" in by_date and "标题含全部搜索词的排在前面" not in by_date


def test_the_results_page_filters_with_the_lists_own_component(client: Client, corpus: list[Item], town: Any) -> None:
    """Publisher, column, topic, genre, year and validity: the same fields, labels and markup as a column list."""
    listed = client.get("/gk/town/c/fgwj/").content.decode()
    page = client.get("/search/", {"q": "公开"}).content.decode()
    for field in ("id_publisher", "id_topic", "id_genre", "id_year", "id_validity"):
        assert f'id="{field}"' in listed and f'id="{field}"' in page
    assert 'id="id_column"' in page and '<details class="filters"' in listed and '<details class="filters"' in page
    mine = client.get("/search/", {"q": "公开", "publisher": town.town.pk, "year": 2026}).content.decode()
    assert f"找到 {len(ground_truth('公开'))} 条" in mine and '<details class="filters" open>' in mine
    other = client.get("/search/", {"q": "公开", "publisher": town.other_town.pk}).content.decode()
    assert "没有找到" in other and "（在筛选范围内）" in other and "清除筛选" in other
    early = client.get("/search/", {"q": "公开", "year": "1999"}).content.decode()
    assert "发布年份不能早于2000年。" in early and 'value="公开"' in early


def test_snippet_escapes_html() -> None:
    assert search.snippet("<b>公开栏</b>", ["公开栏"]) == "&lt;b&gt;<mark>公开栏</mark>&lt;/b&gt;"


def test_search_works_with_date_filters_in_the_past(
    published: Callable[..., Item], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        published(title="二〇二五年的通知", when=date(2025, 3, 3))
    assert found("通知", year=2025) == ["二〇二五年的通知"]


def test_pages_follow_one_order_whichever_way_they_are_read(
    published: Callable[..., Item], django_capture_on_commit_callbacks: Any, probe: int
) -> None:
    """Titles holding the terms first, then the rest, newest first, on every page whichever way it is read."""
    with django_capture_on_commit_callbacks(execute=True):
        for n, when in enumerate([date(2024, 3, 1), date(2025, 5, 1), date(2025, 6, 1), date(2026, 1, 5)]):
            published(title=f"第{n}条通知", body="<p>公开栏内容</p>", when=when)
        published(title="公开栏标题的通知", body="<p>正文</p>", when=date(2023, 1, 5))
    first = search.search("公开栏", limit=2)
    second = search.search("公开栏", limit=2, offset=2)
    third = search.search("公开栏", limit=2, offset=4)
    titles = [i.title for page in (first, second, third) for i in page.items]
    assert titles == ["公开栏标题的通知", "第3条通知", "第2条通知", "第1条通知", "第0条通知"]
    assert first.has_next and second.has_next and not third.has_next
    by_date = [i.title for i in search.search("公开栏", sort="date", limit=10).items]
    assert by_date == ["第3条通知", "第2条通知", "第1条通知", "第0条通知", "公开栏标题的通知"]
    pages = [search.search("公开栏", sort="date", limit=2, offset=n) for n in (0, 2, 4)]
    assert [[i.title for i in page.items] for page in pages] == [by_date[:2], by_date[2:4], by_date[4:]]
    assert [page.has_next for page in pages] == [True, True, False]


def test_one_character_puts_title_matches_first_like_longer_queries(
    published: Callable[..., Item], django_capture_on_commit_callbacks: Any, probe: int
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        published(title="东坪村通知", body="<p>正文</p>", when=date(2024, 3, 1))
        for n, when in enumerate([date(2025, 5, 1), date(2026, 1, 5)]):
            published(title=f"第{n}条通知", body="<p>各村要及时更新</p>", when=when)
    titles = [i.title for page in (0, 1, 2) for i in search.search("村", limit=1, offset=page).items]
    assert titles == ["东坪村通知", "第1条通知", "第0条通知"]
    assert search.search("村", limit=1, offset=1).has_next and not search.search("村", limit=1, offset=2).has_next
    assert found("村") == ["东坪村通知", "第0条通知", "第1条通知"]  # every item containing it


def test_a_page_of_title_hits_that_end_with_it_knows_whether_others_follow(
    published: Callable[..., Item], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        published(title="公开栏标题", body="<p>正文</p>")
    assert not search.search("公开栏", limit=1).has_next
    with django_capture_on_commit_callbacks(execute=True):
        published(title="通知", body="<p>公开栏内容</p>", when=date(2026, 10, 13))
    first = search.search("公开栏", limit=1)
    assert [i.title for i in first.items] == ["公开栏标题"] and first.has_next


PASTED = [
    ("关于印发示政发〔2026〕5号文件的通知", "<p>聽證會于下月召开。</p>", "示政发〔2026〕5号"),
    ("鎮人民政府公告", "<p>全镇各村。</p>", ""),
    ("河长制巡查情况", "<p>东坪村。</p>", ""),
]


@pytest.fixture
def pasted(published: Callable[..., Item]) -> list[Item]:
    return [published(title=t, body=b, summary=t, document_number=n) for t, b, n in PASTED]


def substring_truth(items: list[Item], query: str) -> list[str]:
    """The expected hits: the items whose folded text contains every folded term, by exact substring."""
    from disclosure.chinese import fold

    terms = search.split_terms(query)
    texts = {i.title: fold(f"{i.title}\n{i.summary}\n{i.document_number}\n{i.index_number}\n{i.body_text}")
             for i in items}  # fmt: skip
    return sorted(title for title, text in texts.items() if all(term in text for term in terms))


@pytest.mark.parametrize(
    "query",
    ["示政发[2026]5号", "示政发(2026)5号", "示政发（2026）5号", "示政发〔2026〕5号", "示政發〔２０２６〕５號",
     "听证", "聽證", "镇人民政府", "鎮", "镇", "东坪村", "東坪村", "河長制", "不存在"],
)  # fmt: skip
def test_brackets_full_width_and_traditional_find_each_other_with_exact_recall(pasted: list[Item], query: str) -> None:
    assert found(query) == substring_truth(pasted, query)
    assert found(query) or query == "不存在"


@pytest.mark.parametrize("query", ["东坪", "坪村", "低保", "保户", "户名", "名单", "单\x1f附", "附件"])
def test_whitespace_of_every_kind_separates_and_never_joins(
    published: Callable[..., Item], django_capture_on_commit_callbacks: Any, query: str
) -> None:
    """Text pasted from Word keeps ideographic, no-break and tab spaces: a query never matches across them."""
    with django_capture_on_commit_callbacks(execute=True):
        items = [published(title="名单公示", body="<p>东坪\u3000村 低保\xa0户\t名\u2003单\x1f附件</p>")]
    assert found(query) == substring_truth(items, query)


def test_an_index_number_copied_from_an_item_page_or_its_tail_finds_the_item(pasted: list[Item]) -> None:
    item = pasted[1]
    assert item.index_number is not None
    tail = item.index_number.split("/")[-1]
    assert found(item.index_number) == [item.title]
    assert item.title in found(tail)


def test_folding_reads_characters_beyond_the_basic_plane_too() -> None:
    """Traditional characters of CJK Extension B (𠁞 → 𠀾) fold as the common ones do, beside full-width
    letters and brackets in the same text."""
    from disclosure.chinese import fold

    assert fold("聽證會（ＡＢ１）") == "听证会〔ab1〕"
    assert fold("𠁞聽證ＡＢ") == "𠀾听证ab"
    assert fold("") == ""


def test_the_snippet_marks_a_match_after_a_traditional_one_and_escapes_between() -> None:
    assert search.snippet("<b>聽證</b>与听证", ["听证"]) == "&lt;b&gt;<mark>聽證</mark>&lt;/b&gt;与<mark>听证</mark>"


def test_the_snippet_marks_the_traditional_text_where_simplified_was_searched() -> None:
    assert search.snippet("聽證會于下月召开", search.split_terms("听证")) == "<mark>聽證</mark>會于下月召开"


def test_results_say_how_many_matched_exactly_or_past_a_cap(
    corpus: list[Item], monkeypatch: pytest.MonkeyPatch, probe: int
) -> None:
    result = search.search("公开", limit=1)
    assert (result.total, result.more) == (len(ground_truth("公开")), False)
    monkeypatch.setattr(search, "COUNT_CAP", 1)
    capped = search.search("公开", limit=1)
    assert (capped.total, capped.more) == (1, True)


def test_a_search_without_result_suggests_what_matches(client: Client, corpus: list[Item]) -> None:
    page = client.get("/search/", {"q": "公开栏 不存在的词"}).content.decode()
    assert "只搜“公开栏”" in page and "（2 条）" in page and "不存在的词" in page
    long = client.get("/search/", {"q": "森林防火巡山"}).content.decode()
    assert "只搜“森林防”" in long  # a long term cut in two; the half found is offered
    none = client.get("/search/", {"q": "无此内容", "year": "2020"}).content.decode()
    assert "请检查用字" in none and "清除筛选" in none
    found_page = client.get("/search/", {"q": "公开栏"}).content.decode()
    assert "找到 2 条包含“公开栏”的信息" in found_page


def test_a_publication_whose_search_entry_cannot_be_written_is_not_published(
    draft: Callable[..., Item], personas: dict[str, User], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Search is written with the publication, all or nothing: never public and unfindable, nor the reverse."""
    from django.db import DatabaseError

    from disclosure.models import SearchEntry

    def broken(ids: Any) -> None:
        raise DatabaseError("检索表不可写")

    item = services.submit_item(item=draft(title="写不进检索的通知"), actor=personas["editor"])
    monkeypatch.setattr(search, "index_items", broken)
    with pytest.raises(DatabaseError):
        review_through(item, personas)
    item.refresh_from_db()
    assert item.status != "published" and item.index_number in (None, "")
    assert not SearchEntry.objects.filter(item=item).exists()


def test_an_entry_holds_the_folded_text_and_goes_with_a_withdrawal(
    published: Callable[..., Item], personas: dict[str, User]
) -> None:
    from disclosure.models import SearchEntry

    item = published(title="鎮人民政府公告", body="<p>聽證會</p>", document_number="示政发〔2026〕5号")
    entry = SearchEntry.objects.get(item=item)
    assert entry.title == "镇人民政府公告" and "听证会" in entry.text and "示政发〔2026〕5号" in entry.text
    services.withdraw_item(item=item, actor=personas["office_head"], reason="重复发布")
    assert not SearchEntry.objects.filter(item=item).exists() and found("听证会") == []


@pytest.mark.parametrize("query", ["公开栏", "公开 栏杆", "更新 季度", "东坪村", "栏", "abc", "公开栏内容每季度"])
def test_asking_the_index_for_the_rarest_pairs_alone_finds_the_same_items(
    corpus: list[Item], monkeypatch: pytest.MonkeyPatch, query: str
) -> None:
    """With the database's statistics the index is asked for the three rarest pairs (a prefix last), and the
    text confirms every term: the same items as asking for every pair."""
    common = {"公开": 0.9, "开栏": 0.5, "更新": 0.4, "东坪": 0.3, "坪村": 0.3}
    monkeypatch.setattr(search, "frequencies", lambda field: (common, 0.2))
    monkeypatch.setattr(search, "PROBE", 1)
    monkeypatch.setattr(search, "TITLE_PROBE", 1)
    assert search._rarest("pairs", ["公开栏内容", "栏"]) == [("栏内", False), ("内容", False), ("开栏", False)]
    assert found(query) == ground_truth(query)
    assert sorted(i.title for i in search.search(query, sort="date").items) == ground_truth(query)


def test_a_word_too_common_to_count_says_at_least_what_was_seen(
    corpus: list[Item], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counting a word found in much of a large catalogue costs more than the page: the page says 至少 and a
    number that is true (the matches already seen), never more than there are."""
    monkeypatch.setattr(search, "PROBE", 4)
    monkeypatch.setattr(search, "_cheap_to_count", lambda terms: False)
    result = search.search("公开", limit=1)
    assert result.more and 2 <= result.total <= len(ground_truth("公开"))
    monkeypatch.setattr(search, "PROBE", 5)  # a page of 20 from the five newest: three matches, exactly
    assert (search.search("公开").total, search.search("公开").more) == (3, False)
