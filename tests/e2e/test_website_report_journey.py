"""The office head drafts the town's 政府网站工作年度报表 for last year, types a figure that cannot be right and
is told why with everything typed kept, completes it and submits it; the three review stages approve it; a
citizen finds it on the home page on a phone, a real table that fits the screen (国办发〔2017〕47号;
国办函〔2018〕12号: 每年1月31日前在网站首页公开)."""

from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from supervision.website_report import demo

from .test_review_journey import approve_stage, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_website_report_from_draft_to_the_home_page(
    page: Any, live_server: Any, personas: Any, town: Any, axe_check: Any, monkeypatch: Any
) -> None:
    asked = {"received": 5, "closed": 5, "average_days": 3.0, "published": 4}
    monkeypatch.setattr("supervision.website_report.figures.question_figures", lambda ids, year: asked)
    year = timezone.localdate().year - 1
    title = f"示例镇人民政府{year}年政府网站工作年度报表"
    base = live_server.url
    sign_in(page, base, "office_head")
    expect(page.get_by_text(f"示例镇{year}年政府网站工作年度报表（尚未编制）：须于1月31日前公开")).to_be_visible()
    page.goto(base + "/staff/website-reports/")
    page.get_by_label("年度").fill(str(year))
    page.get_by_role("button", name="开始编制").click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    expect(page.locator("tr", has_text="收到留言数量").locator("td")).to_have_text("5")

    for key, value in demo.ENTERED.items():
        if value in ("yes", "no"):
            page.locator(f'input[name="{key}"][value="{value}"]').check()
        else:
            page.locator(f'input[name="{key}"]').fill(str(value))
    page.locator('input[name="filled_on"]').fill(timezone.localdate().isoformat())
    page.locator('input[name="online_items"]').fill("300")  # more than the 126 services
    page.get_by_role("button", name="保存填报数据").click()
    expect(page.locator(".error-summary")).to_contain_text("可全程在线办理的事项数量不能多于政务服务事项数量。")
    expect(page.locator('input[name="wechat_subscribers"]')).to_have_value("8650")  # what was typed is kept
    axe_check(page, "website report form with an error")
    page.locator('input[name="online_items"]').fill("58")
    page.get_by_role("button", name="保存填报数据").click()
    expect(page.get_by_text("已保存填报数据。")).to_be_visible()
    page.get_by_role("button", name="提交审核").click()
    expect(page.get_by_text("已提交审核")).to_be_visible()
    for reviewer in ("reviewer", "social_reviewer", "office_head"):
        sign_in(page, base, reviewer)
        approve_stage(page, base, title)

    page.context.clear_cookies()
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(base + "/")
    page.get_by_role("link", name=title).click()
    table = page.locator("table.website-report")
    expect(table.locator("caption")).to_contain_text(title)
    expect(page.locator("tr", has_text="可全程在线办理政务服务事项数量").locator("td")).to_have_text("58")
    expect(page.locator("tr", has_text="收到留言数量").locator("td")).to_have_text("5")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, "the page itself does not scroll sideways"
    axe_check(page, "published website report on a phone")
