"""The public site on a 375 px phone and in elder mode (issue 16, WCAG 1.4.10 and 1.4.4): no page scrolls
sideways, catalogue rows stack with the title first, index numbers wrap only after / and -, and elder mode
makes the item body and the form controls larger, not only the page chrome; axe stays clean."""

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from disclosure.models import Item
from tests.requests_app.conftest import VALID_ID

pytestmark = pytest.mark.django_db(transaction=True)

WIDTH = 375


WIDEST = """[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 1)
  .slice(-3).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right) + ' '
  + (e.textContent || '').trim().slice(0, 30))"""


def fits(page: Any, label: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDTH, f"{label}: the document is {width} px wide on a {WIDTH} px screen: {page.evaluate(WIDEST)}"


@pytest.fixture
def phone(browser: Any) -> Any:
    context = browser.new_context(locale="zh-CN", viewport={"width": WIDTH, "height": 800}, device_scale_factor=2)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def test_a_phone_never_scrolls_sideways_from_home_to_a_submitted_application(
    phone: Any, live_server: Any, published: Callable[..., Item], calendar: None, axe_check: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        item = published(
            title="关于做好2026年度城乡居民基本医疗保险参保缴费工作的通知",
            document_number="示政发〔2026〕5号",
            when=date(2026, 10, 12),
        )
    base, page = live_server.url, phone
    for address, label in (("/", "home"), ("/gk/town/c/fgwj/", "column list"), (item.get_absolute_url(), "item"),
                           ("/search/?q=%E5%8F%82%E4%BF%9D", "search results"), ("/wzdt/", "site map")):  # fmt: skip
        page.goto(base + address)
        fits(page, label)
    page.goto(base + "/gk/town/c/fgwj/")
    title = page.locator(".catalogue__title").first.bounding_box()
    index = page.locator(".catalogue__index").first.bounding_box()
    assert index["y"] > title["y"] and index["width"] > 200  # 索引号 under the title, not a squeezed column
    axe_check(page, "column list at 375 px")

    page.goto(base + "/ysq/town/apply/")
    fits(page, "application start")
    page.get_by_role("link", name="开始申请").click()
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("kind", lambda: page.get_by_label("获取本机关制作或保存的政府信息").check()),
        ("applicant", lambda: page.get_by_label("自然人").check()),
        ("identity", lambda: (page.get_by_label("姓名").fill("李四"), page.get_by_label("证件号码").fill(VALID_ID))),
        (
            "contact",
            lambda: (
                page.get_by_label("联系电话").fill("13912345678"),
                page.get_by_label("电子邮箱").fill("lisi@example.com"),
            ),
        ),
        ("information", lambda: page.get_by_label("所需信息的内容描述").fill("2026年示例镇低保对象名单")),
        ("provision", lambda: (page.get_by_label("电子文件").check(), page.get_by_label("电子邮件").check())),
        ("attachments", lambda: None),
    ]
    for label, fill in steps:
        fits(page, f"application step {label}")
        fill()
        page.get_by_role("button", name="继续").click()
    assert page.locator("h1").inner_text() == "提交前请检查您的申请"
    fits(page, "application check")
    page.get_by_label("我已阅读个人信息处理告知").check()
    page.get_by_role("button", name="提交申请").click()
    fits(page, "application submitted")


def test_elder_mode_enlarges_the_item_body_and_the_form_controls(
    page: Any, live_server: Any, published: Callable[..., Item], calendar: None, axe_check: Any
) -> None:
    item = published(title="关于做好秋季森林防火工作的通知")
    base = live_server.url

    def sizes() -> tuple[float, float, float]:
        page.goto(base + item.get_absolute_url())
        body = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.item-body')).fontSize)")
        page.goto(base + "/ysq/town/apply/kind/")
        radio = page.evaluate("document.querySelector('input[type=radio]').getBoundingClientRect().height")
        button = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.button')).fontSize)")
        return body, radio, button

    normal = sizes()
    page.goto(base + "/mode/elder/on/?next=/")
    elder = sizes()
    assert all(e > n for e, n in zip(elder, normal, strict=True)), (normal, elder)
    assert elder[1] >= 24  # radios and checkboxes at least 24 px
    page.goto(base + item.get_absolute_url())
    chrome = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.site-footer')).fontSize)")
    assert elder[0] >= chrome  # the body text is no longer the smallest text on the page
    axe_check(page, "item in elder mode")


def test_high_contrast_and_elder_mode_together_fit_a_phone_and_pass_axe(
    phone: Any, live_server: Any, published: Callable[..., Item], calendar: None, axe_check: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:  # fmt: skip
    """Both modes at once, the hardest case for reflow: larger text in high contrast on 375 px."""
    with django_capture_on_commit_callbacks(execute=True):
        item = published(title="关于做好2026年度城乡居民基本医疗保险参保缴费工作的通知", when=date(2026, 10, 12))
    base, page = live_server.url, phone
    page.goto(base + "/mode/contrast/on/?next=/")
    page.goto(base + "/mode/elder/on/?next=/")
    assert set(page.evaluate("document.documentElement.className").split()) == {"mode-contrast", "mode-elder"}
    pages = {"home": "/", "column list": "/gk/town/c/fgwj/", "item": item.get_absolute_url(),
             "search results": "/search/?q=%E5%8F%82%E4%BF%9D", "form": "/ysq/town/apply/kind/"}  # fmt: skip
    for label, address in pages.items():
        page.goto(base + address)
        fits(page, f"{label} in high contrast and elder mode")
        axe_check(page, f"{label} in high contrast and elder mode at 375 px")
