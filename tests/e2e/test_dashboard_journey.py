"""An inspector opens the supervision dashboard, reads a chart's numbers in its table, follows a number to the
cases behind it and records an inspection finding; the office head sees the rectification on the workbench
(seed §五; 条例 第四十六条至第四十八条); axe finds no serious violation, charts included."""

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from requests_app import services
from requests_app.models import Outcome

from .test_review_journey import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_inspector_follows_a_number_to_the_cases_behind_it(
    page: Any, live_server: Any, personas: Any, received: Any, town: Any, axe_check: Any
) -> None:
    answered = received(on=date(2025, 4, 7))
    services.reply(application=answered, actor=personas["case_officer"], outcome=Outcome.DISCLOSED,
                   today=date(2025, 4, 14))  # fmt: skip
    waiting = received(on=date(2025, 11, 3))
    base = live_server.url
    sign_in(page, base, "inspector")
    page.get_by_role("link", name="督查看板").click()
    page.get_by_label("年度").fill("2025")
    page.get_by_role("button", name="查看").click()
    expect(page.get_by_role("heading", name="各机构情况")).to_be_visible()
    table = page.get_by_role("table", name="办结申请的办理结果")
    expect(table.get_by_role("row", name="予以公开 1")).to_be_visible()
    axe_check(page, "supervision dashboard")
    row = page.get_by_role("row").filter(has_text="示例镇人民政府")
    row.get_by_role("link", name="2", exact=True).first.click()
    expect(page.get_by_role("heading", name="示例镇人民政府：收到申请")).to_be_visible()
    expect(page.get_by_role("link", name=waiting.number)).to_be_visible()
    page.get_by_role("link", name=answered.number).click()
    expect(page.get_by_text(answered.number).first).to_be_visible()
    page.set_viewport_size({"width": 375, "height": 800})
    page.go_back()
    page.go_back()
    axe_check(page, "supervision dashboard on a phone")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base + "/staff/")
    page.get_by_role("link", name="检查和整改").click()
    page.get_by_text("记录一次检查").click()
    page.get_by_label("被检查的机构").select_option(label="示例镇人民政府")
    page.get_by_label("不定期检查").check()
    page.get_by_label("检查日期").fill(timezone.localdate().isoformat())
    page.get_by_label("检查范围").fill("政府信息公开专栏")
    page.get_by_label("检查人员").fill("陈督查")
    page.get_by_label("发现的问题").fill("工作动态超过2周未更新。")
    page.get_by_label("整改要求").fill(f"恢复工作动态每周更新；党政办；{timezone.localdate() + timedelta(days=7)}")
    page.get_by_role("button", name="记录检查").click()
    expect(page.get_by_text("已记录检查结果")).to_be_visible()
    axe_check(page, "inspections page")
    sign_in(page, base, "office_head")
    expect(page.get_by_role("link", name=re.compile("检查整改：恢复工作动态每周更新"))).to_be_visible()
