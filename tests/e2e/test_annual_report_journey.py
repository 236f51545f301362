"""The head of the disclosure office drafts last year's annual report, reads the checks, writes the prose and
submits it; the three review stages approve it; a citizen finds it in the 政府信息公开年报 column, laid out like
the national format, on a phone too (条例 第四十九条、第五十条)."""

from datetime import date
from typing import Any

import pytest
from playwright.sync_api import expect

from requests_app import services
from requests_app.models import Outcome

from .test_review_journey import approve_stage, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_annual_report_from_draft_to_the_public_column(
    page: Any, live_server: Any, personas: Any, received: Any, axe_check: Any
) -> None:
    application = received(on=date(2025, 4, 7))
    services.reply(application=application, actor=personas["case_officer"], outcome=Outcome.DISCLOSED,
                   today=date(2025, 4, 21))  # fmt: skip
    base = live_server.url
    sign_in(page, base, "office_head")
    expect(page.get_by_text("示例镇2025年度报告：尚未编制")).to_be_visible()
    page.goto(base + "/staff/reports/")
    page.get_by_label("年度").fill("2025")
    page.get_by_role("button", name="开始编制").click()
    expect(page.get_by_text("全部勾稽校验通过")).to_be_visible()
    axe_check(page, "annual report draft")
    page.get_by_label("五、存在的主要问题及改进情况").fill("一是信息更新不够及时；二是解读形式单一。下一步将加强审核。")
    page.get_by_role("button", name="保存文字").click()
    expect(page.get_by_text("已保存报告文字")).to_be_visible()
    page.get_by_role("button", name="提交审核").click()
    expect(page.get_by_text("已提交审核")).to_be_visible()

    title = "示例镇人民政府2025年政府信息公开工作年度报告"
    for reviewer in ("reviewer", "social_reviewer", "office_head"):
        sign_in(page, base, reviewer)
        approve_stage(page, base, title)

    page.context.clear_cookies()
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(base + "/gk/town/zfxxgknb/")
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", name="三、收到和处理政府信息公开申请情况")).to_be_visible()
    expect(page.get_by_role("columnheader", name="申请人情况")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, "the page itself does not scroll sideways"
    axe_check(page, "published annual report")
