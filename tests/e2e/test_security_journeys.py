"""A member of staff sets up the second factor at first sign-in and signs in with it; a browser solves the
proof-of-work challenge that suspicious volume brings, without the citizen doing anything (issue 11)."""

import re
import time
from typing import Any

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def code_of(device: TOTPDevice, later: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + later
    return f"{totp.token():06d}"


def test_staff_set_up_an_authenticator_and_sign_in_with_its_code(
    page: Any, live_server: Any, personas: Any, axe_check: Any, settings: Any
) -> None:
    settings.STAFF_SECOND_FACTOR = True
    base = live_server.url
    page.goto(base + "/staff/login/")
    page.get_by_label("账号").fill("editor")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.locator("h1")).to_have_text("设置两步验证")
    expect(page.get_by_role("img", name=re.compile("两步验证二维码"))).to_be_visible()
    axe_check(page, "authenticator set-up")
    device = TOTPDevice.objects.get(user=personas["editor"], confirmed=False)
    page.get_by_label("动态口令").fill(code_of(device))
    page.get_by_role("button", name="完成设置").click()
    expect(page.get_by_text("两步验证已启用")).to_be_visible()
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    axe_check(page, "recovery codes")
    page.get_by_role("link", name="我已保存，进入工作台").click()
    expect(page.locator("h1")).to_have_text("工作台")

    page.get_by_role("button", name="退出登录").click()
    page.get_by_label("账号").fill("editor")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_label("动态口令").fill(code_of(device, later=device.step))
    page.get_by_role("button", name="登录").click()
    expect(page.locator("h1")).to_have_text("工作台")


def test_a_browser_solves_the_challenge_after_repeated_failed_look_ups(
    page: Any, live_server: Any, town: Any, settings: Any
) -> None:
    settings.CHALLENGE_AFTER = 2
    page.goto(live_server.url + "/ysq/track/")
    for _ in range(2):
        page.get_by_label("申请编号").fill("2026-001-00001")
        page.get_by_label("查询码").fill("AAAA-BBBB-CCCC")
        page.get_by_role("button", name="查询").click()
    expect(page.get_by_text("安全验证已完成，可以提交。")).to_be_visible(timeout=30000)
    page.get_by_label("查询码").fill("AAAA-BBBB-CCCC")
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_text("申请编号或查询码不正确").first).to_be_visible()
    expect(page.get_by_text("请等待页面完成安全验证")).to_have_count(0)
