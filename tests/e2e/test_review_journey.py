"""An editor submits an item with a phone number, the reviewer masks it, the stages approve,
and the citizen sees the masked item."""

from typing import Any

import pytest

from disclosure.models import Column
from review.checklists import QUESTIONS
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page: Any, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(base + "/staff/login/")
    page.get_by_label("账号").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    assert page.locator("h1").inner_text() == "工作台"


def approve_stage(page: Any, base: str, title: str) -> None:
    page.goto(base + "/staff/review/")
    page.get_by_role("link", name=title).click()
    for name in [key for questions in QUESTIONS.values() for key, _ in questions]:
        radio = page.locator(f'input[name="q_{name}"][value="yes"]')
        if radio.count():
            radio.check()
    page.locator('input[name="decision"][value="approve"]').check()
    page.get_by_role("button", name="提交审核决定").click()
    assert page.get_by_text("已通过").first.is_visible()


def test_masked_phone_number_reaches_the_public(page: Any, live_server: Any, personas: Any, axe_check: Any) -> None:
    base = live_server.url
    title = "关于开展冬季送温暖活动的通知"
    sign_in(page, base, "editor")
    page.goto(base + "/staff/items/new/")
    page.get_by_label("栏目").select_option(str(Column.objects.get(slug="shjz").pk))
    page.get_by_label("体裁").select_option("notice")
    page.get_by_label("名称").fill(title)
    page.get_by_label("成文日期").fill("2026-11-20")
    page.get_by_label("内容概述").fill("组织开展冬季送温暖活动。")
    page.get_by_label("正文").fill("各村：请组织走访困难群众。\n联系人王某，电话13812341234。")
    page.get_by_role("button", name="保存草稿").click()
    page.get_by_role("button", name="提交审核").click()
    assert page.get_by_text("已提交审核").is_visible()

    sign_in(page, base, "reviewer")
    page.goto(base + "/staff/review/")
    page.get_by_role("link", name=title).click()
    assert page.get_by_text("138****1234").first.is_visible()
    axe_check(page, "review page")
    page.get_by_role("button", name="按建议遮盖全部个人信息").click()
    assert page.get_by_text("已按建议遮盖").is_visible()
    approve_stage(page, base, title)

    sign_in(page, base, "social_reviewer")
    approve_stage(page, base, title)
    sign_in(page, base, "office_head")
    approve_stage(page, base, title)

    page.context.clear_cookies()
    page.goto(base + "/gk/town/c/shjz/")
    page.get_by_role("link", name=title).click()
    body = page.locator(".item-body").inner_text()
    assert "138****1234" in body and "13812341234" not in body
