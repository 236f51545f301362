"""A citizen reads a draft decision open for comment, comments on one article from its link, receives a receipt
code and sees the comment again with it; on a phone, with no serious accessibility violation (regulation.md §4)."""

import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from consultations import demo

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_citizen_comments_on_an_article_and_finds_it_again(
    page: Any, live_server: Any, personas: Any, town: Any, calendar: None, axe_check: Any
) -> None:
    reviewers = [personas["reviewer"], personas["social_reviewer"], personas["office_head"]]
    demo.seed(town.town, personas["editor"], reviewers, timezone.localdate())
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + "/gk/town/")
    page.get_by_role("link", name=re.compile("意见征集")).first.click()
    page.get_by_role("link", name="示例镇村级公益事业建设项目管理办法（征求意见稿）").click()
    axe_check(page, "consultation page")
    page.get_by_role("link", name="对第三条提出意见").click()
    expect(page.get_by_label("针对")).to_have_value(re.compile(r"\d+"))
    assert page.get_by_label("针对").evaluate("s => s.options[s.selectedIndex].text") == "第三条"
    page.get_by_label("您的意见和建议").fill("建议公示期不少于10日。")
    page.get_by_label("联系方式（电话或电子邮箱）").fill("13912345678")
    page.get_by_role("button", name="提交意见").click()
    expect(page.get_by_text("您的意见已提交")).to_be_visible()
    code = page.locator(".reference strong").inner_text()
    assert "13912345678" not in page.content()
    page.context.clear_cookies()
    page.goto(live_server.url + "/gk/town/yjzj/receipt/")
    page.get_by_label("意见回执码").fill(code)
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_text("建议公示期不少于10日。")).to_be_visible()
    axe_check(page, "receipt page")
