"""What a person sees (issue "What a person sees", 5 and 6): in elder mode and high contrast on a 375 × 800 phone
the header stays under a quarter of the screen, 搜索 and the site name are never broken inside a word, and the
23 columns of 法定主动公开内容 take one row that scrolls sideways instead of pushing the list down; the
supervision dashboard at 1366 px keeps each organisation's name on one line beside grouped figures, and at
375 px says that the table scrolls, the names staying in view."""

from typing import Any

import pytest
from playwright.sync_api import expect

from .test_public_site_journey import fits
from .test_review_journey import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

HEIGHT = 800

# the line boxes of each text node of an element: 1 each when nothing is broken inside a word (a <wbr> or an
# element between two text nodes is where a line may end)
LINES = """(element) => [...element.childNodes].filter(n => n.nodeType === 3 && n.textContent.trim()).map(n => {
  const range = document.createRange(); range.selectNodeContents(n);
  return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size; })"""
# whether each side's border is drawn in a colour other than the page's background
BORDERS_SHOWN = """(element) => { const s = getComputedStyle(element), page = getComputedStyle(document.body);
  return ['Top', 'Right', 'Bottom', 'Left'].map(side => parseFloat(s[`border${side}Width`]) > 0
    && s[`border${side}Color`] !== page.backgroundColor); }"""
# the height of an element's content over its line height: about 1 for one line
CONTENT_LINES = """(element) => { const s = getComputedStyle(element);
  const content = element.clientHeight - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom);
  const line = s.lineHeight === 'normal' ? 1.5 * parseFloat(s.fontSize) : parseFloat(s.lineHeight);
  return content / line; }"""


def test_the_header_and_the_columns_fit_a_phone_in_elder_mode_and_high_contrast(
    browser: Any, live_server: Any, town: Any, axe_check: Any
) -> None:
    base = live_server.url
    for modes in (["elder"], ["contrast"], ["elder", "contrast"]):
        context = browser.new_context(locale="zh-CN", viewport={"width": 375, "height": HEIGHT})
        page = context.new_page()
        page.set_default_timeout(15000)
        for mode in modes:  # the header's own links, as a reader switches the modes on
            page.goto(base + f"/mode/{mode}/on/?next=/")
        assert {f"mode-{mode}" for mode in modes} <= set(page.locator("html").get_attribute("class").split())
        label = "+".join(modes)
        for address in ("/", "/gk/town/fdzdgknr/"):
            page.goto(base + address)
            fits(page, f"{address} in {label}")
            header = page.locator(".site-header").bounding_box()
            assert header["height"] <= HEIGHT / 4, f"{label}: the header takes {header['height']} of {HEIGHT} px"
            button = page.get_by_role("button", name="搜索")
            assert button.evaluate(LINES) == [1] and button.evaluate(CONTENT_LINES) < 1.5, f"{label}: 搜/索"
            name = page.locator(".site-name")
            assert name.inner_text() == "示例镇人民政府门户网站"
            assert all(n == 1 for n in name.evaluate(LINES)), f"{label}: the site name broken inside a word"
            for term in page.locator(".footer-list dt").all():  # 地址 never 地/址
                assert term.evaluate(LINES) == [1], f"{label}: {term.inner_text()} broken in the footer"
            for box in page.locator(".column-card, .entrance").all():  # every card keeps its four borders
                assert box.evaluate(BORDERS_SHOWN) == [True] * 4, f"{label}: a card's border lost on {address}"

        # 23 columns: one row that scrolls sideways, the list right under it; tabbing through them, each
        # column the keyboard reaches is shown whole
        nav = page.get_by_role("navigation", name="法定主动公开内容子栏目")
        links = nav.get_by_role("link")
        assert links.count() >= 20
        assert nav.bounding_box()["height"] <= HEIGHT / 5, f"{label}: the columns push the list down"
        row = nav.locator("ul")
        assert row.evaluate("e => e.scrollWidth > e.clientWidth")
        links.first.focus()
        for i in range(links.count()):
            expect(links.nth(i)).to_be_focused()
            link, shown = links.nth(i).bounding_box(), row.bounding_box()
            assert shown["x"] <= link["x"] and link["x"] + link["width"] <= shown["x"] + shown["width"] + 1, i
            page.keyboard.press("Tab")
        if modes == ["elder"]:
            axe_check(page, "法定主动公开内容 in elder mode at 375 px")
        context.close()


def test_the_dashboard_reads_on_a_laptop_and_says_it_scrolls_on_a_phone(
    page: Any, live_server: Any, personas: Any, town: Any, calendar: None
) -> None:
    from django.utils import timezone

    from supervision.models import AnnualReport

    base = live_server.url
    for organisation in (town.town, town.county):  # "2025年度：已发布" is the longest cell of a row
        AnnualReport.objects.create(organisation=organisation, year=timezone.localdate().year - 1,
                                    status="published", created_by=personas["office_head"])  # fmt: skip
    sign_in(page, base, "inspector")
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(base + "/staff/supervision/")
    for group in ("依申请公开", "主动公开", "发布审核", "公众参与和评议", "整改和年报"):
        expect(page.get_by_role("columnheader", name=group, exact=True)).to_be_visible()
    region = page.get_by_role("region", name="各机构情况")
    names = region.locator("tbody th[scope=row]")
    assert names.count() >= 3
    for i in range(names.count()):
        cell = names.nth(i)
        width, font = cell.evaluate("e => [e.clientWidth, parseFloat(getComputedStyle(e).fontSize)]")
        assert width >= 4 * font and cell.evaluate(LINES) == [1], f"{cell.inner_text()}: {width} px, {font} px font"
    assert region.evaluate("e => e.scrollWidth <= e.clientWidth")  # the whole table at 1366 px
    expect(page.get_by_text("左右滑动查看更多")).to_be_hidden()

    page.set_viewport_size({"width": 375, "height": HEIGHT})
    page.goto(base + "/staff/supervision/")
    fits(page, "dashboard")
    expect(page.get_by_text("左右滑动查看更多")).to_be_visible()
    assert region.evaluate("e => e.scrollWidth > 2 * e.clientWidth")
    first = names.first
    assert first.evaluate(LINES) == [1]
    region.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
    # the names stay in view while the figures scroll under them
    assert abs(first.bounding_box()["x"] - region.bounding_box()["x"]) <= 1
    expect(region.get_by_role("columnheader", name="上年度报告")).to_be_in_viewport()


def test_in_elder_mode_a_phone_shows_each_latest_date_under_its_title(
    browser: Any, live_server: Any, published: Any
) -> None:
    """The larger date beside a title left it four characters a line (示例镇/2026年第/三季度临/…): in elder mode at
    375 px the date is under its title, on the home page and the column pages."""
    published(title="示例镇2026年第三季度临时救助发放情况公示")
    context = browser.new_context(locale="zh-CN", viewport={"width": 375, "height": HEIGHT})
    page = context.new_page()
    page.goto(live_server.url + "/mode/elder/on/?next=/")
    for address in ("/", "/gk/town/"):
        page.goto(live_server.url + address)
        fits(page, f"{address} in elder mode")
        rows = page.locator(".latest-list li:has(.date)")
        assert rows.count() >= 1, address
        for row in rows.all():
            title, date = row.locator("a").bounding_box(), row.locator(".date").bounding_box()
            assert title and date
            assert date["y"] >= title["y"] + title["height"] - 1, f"{address}: the date beside {row.inner_text()}"
    context.close()
