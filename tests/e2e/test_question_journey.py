"""互动交流 in a real browser: a citizen asks about a published policy from its page on a phone, the editor
answers and sends the answer for review, the reviewers and the office head approve publication, and anyone finds
the answer by the site search."""

from typing import Any

import pytest
from playwright.sync_api import expect

from .test_review_journey import approve_stage, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_asked_on_a_phone_answered_approved_and_found(
    browser: Any, page: Any, live_server: Any, personas: Any, published: Any, axe_check: Any
) -> None:
    base = live_server.url
    policy = published(title="示例镇农村危房改造补助办法")
    phone = browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 800}, is_mobile=True).new_page()
    phone.goto(f"{base}/gk/town/item/{policy.pk}/")
    phone.get_by_role("link", name="就本信息咨询").click()
    expect(phone.get_by_text("关于已公开的政策")).to_be_visible()
    axe_check(phone, "ask page")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375  # no sideways scrolling on a phone
    phone.get_by_label("标题").fill("危房改造补助标准是多少")
    phone.get_by_label("咨询内容").fill("我家是低保户，房子鉴定为C级危房，能补助多少钱？")
    phone.get_by_label("联系电话或电子邮箱（选填）").fill("13912345678")
    phone.get_by_label("同意在网站公开问题和答复（不公开姓名和联系方式）").check()
    phone.get_by_role("button", name="提交咨询").click()
    expect(phone.get_by_text("已收到您的咨询")).to_be_visible()
    code = phone.locator(".reference strong").first.inner_text()

    subject = "危房改造补助标准是多少"
    sign_in(page, base, "editor")
    page.goto(base + "/staff/questions/")
    page.get_by_role("link", name=subject).click()
    expect(page.get_by_text("139****5678")).to_be_visible()
    page.get_by_label("答复内容").fill("C级危房修缮加固每户补助1.5万元，D级危房拆除重建每户补助3.5万元，低保户优先。")
    page.get_by_role("button", name="答复", exact=True).click()
    expect(page.get_by_text("已答复：提问人凭回执码可以查看")).to_be_visible()
    page.get_by_role("button", name="送审公开").click()
    expect(page.get_by_text("已送审")).to_be_visible()

    for persona in ("reviewer", "social_reviewer", "office_head"):
        sign_in(page, base, persona)
        approve_stage(page, base, subject)

    phone.goto(f"{base}/gk/town/hdjl/chaxun/")
    phone.get_by_label("回执码").fill(code)
    phone.get_by_role("button", name="查询").click()
    expect(phone.get_by_text("拆除重建每户补助3.5万元").first).to_be_visible()

    page.context.clear_cookies()
    page.goto(base + "/search/?q=拆除重建")
    page.get_by_role("link", name=subject).click()
    expect(page.get_by_text("D级危房拆除重建每户补助3.5万元")).to_be_visible()
    expect(page.get_by_text("13912345678")).to_have_count(0)
    axe_check(page, "question page")
