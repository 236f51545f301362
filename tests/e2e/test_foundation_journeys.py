"""Browser journeys: elder mode to the guide, staff sign-in, and an axe scan of each page."""

from typing import Any

import pytest

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_visitor_switches_to_elder_mode_and_reaches_the_guide(
    page: Any, live_server: Any, town: Any, axe_check: Any
) -> None:
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "示例镇人民政府"
    axe_check(page, "home")

    normal_size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    page.get_by_role("link", name="长者模式").click()
    assert "mode-elder" in (page.locator("body").get_attribute("class") or "")
    elder_size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    line_height = page.evaluate("parseFloat(getComputedStyle(document.body).lineHeight)")
    assert elder_size >= normal_size * 1.25
    assert line_height >= elder_size * 1.3 * 1.5 - 0.5  # 1.3× the normal 1.5 line spacing
    axe_check(page, "home, elder mode")

    page.get_by_role("link", name="政府信息公开指南").first.click()
    assert page.locator("h1").inner_text() == "示例镇人民政府政府信息公开指南"
    assert page.get_by_text("本栏目暂无政府信息公开指南。").is_visible()
    assert "mode-elder" in (page.locator("body").get_attribute("class") or "")  # the mode follows the visitor
    axe_check(page, "guide column, elder mode")

    page.get_by_role("link", name="高对比度").click()
    axe_check(page, "guide column, elder and high-contrast mode")


def test_pages_work_by_keyboard_with_a_skip_link(page: Any, live_server: Any, town: Any) -> None:
    page.goto(live_server.url + "/ysq/town/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到主要内容"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_staff_member_signs_in_and_sees_the_workbench(
    page: Any, live_server: Any, personas: Any, axe_check: Any
) -> None:
    page.goto(live_server.url + "/staff/")
    assert page.locator("h1").inner_text() == "工作人员登录"
    axe_check(page, "login")

    page.get_by_label("账号").fill("case_officer")
    page.get_by_label("密码").fill("wrong-password-here")
    page.get_by_role("button", name="登录").click()
    assert page.get_by_text("账号或密码不正确").first.is_visible()
    assert page.get_by_label("账号").input_value() == "case_officer"
    axe_check(page, "login with error")

    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    assert page.locator("h1").inner_text() == "工作台"
    assert page.get_by_text("依申请公开办理人员").is_visible()
    assert page.get_by_text("示例镇人民政府").first.is_visible()
    axe_check(page, "workbench")

    page.get_by_role("button", name="退出登录").click()
    assert page.locator("h1").inner_text() == "工作人员登录"


def test_audit_administrator_reads_the_audit_log(page: Any, live_server: Any, personas: Any, axe_check: Any) -> None:
    page.goto(live_server.url + "/staff/login/")
    page.get_by_label("账号").fill("auditadmin")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("link", name="安全审计日志").click()
    assert page.locator("h1").inner_text() == "安全审计日志"
    assert page.locator("td", has_text="登录成功").first.is_visible()
    axe_check(page, "audit log")


def test_the_accessibility_scan_does_catch_violations(page: Any, axe_check: Any) -> None:
    """Guards the guard: a page with a contrast failure and an unlabeled input must fail the scan."""
    page.set_content(
        '<html lang="zh-CN"><head><title>t</title></head><body><main>'
        '<p style="color:#bbb;background:#fff">浅灰文字</p><input type="text"></main></body></html>'
    )
    with pytest.raises(AssertionError, match=r"color-contrast|label"):
        axe_check(page, "bad page")


def test_citizen_finds_an_item_by_search_and_reads_it(
    page: Any, live_server: Any, published: Any, axe_check: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        published(title="关于村务公开栏更新的通知", body="<p>各村要及时更新村务公开栏。</p>", column="fgwj")
    page.goto(live_server.url + "/gk/town/c/fgwj/")
    axe_check(page, "column list")
    page.get_by_label("站内搜索").fill("公开栏")
    page.get_by_role("button", name="搜索", exact=True).click()
    assert page.locator("mark").first.inner_text() == "公开栏"
    axe_check(page, "search results")
    page.get_by_role("link", name="关于村务公开栏更新的通知").click()
    assert page.locator("h1").inner_text() == "关于村务公开栏更新的通知"
    assert page.get_by_text("索引号").first.is_visible()
    axe_check(page, "item page")
