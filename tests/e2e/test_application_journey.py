"""An applicant applies online and tracks the application; a case officer confirms it and requests a
correction, which the applicant sends from the tracking page; the office head extends; the case officer prepares
a partial disclosure, which the office head signs off; the applicant downloads the notice, whose PDF says that
reconsideration comes first for the withheld part and keeps its closing lines together."""

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from requests_app.models import Application, Notice, Status
from tests.requests_app.conftest import VALID_ID

from .test_review_journey import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def act(page: Any, base: str, pk: int, task: str, fill: Any = None, notice: bool = False, axe: Any = None) -> None:
    page.goto(f"{base}/staff/ysq/{pk}/")
    page.get_by_role("link", name=task, exact=True).click()
    if fill:
        fill()
    if notice:
        page.get_by_role("button", name="生成告知书").click()
        assert page.get_by_label("告知书正文").input_value()
        if axe:
            axe(page, f"{task} with the generated notice")
        page.get_by_role("button", name=re.compile("^(签发告知书|报公开工作机构负责人签发)")).click()
    else:
        page.get_by_role("button", name=task).click()
    assert page.get_by_text(f"已完成：{task}").is_visible()


def track(page: Any, base: str, number: str, code: str) -> None:
    page.context.clear_cookies()
    page.goto(base + "/ysq/track/")
    page.get_by_label("申请编号").fill(number)
    page.get_by_label("查询码").fill(code)
    page.get_by_role("button", name="查询").click()


def test_apply_track_and_reply(
    page: Any, live_server: Any, personas: Any, calendar: None, axe_check: Any, settings: Any
) -> None:
    settings.REPLY_SIGN_OFF = True
    base = live_server.url
    page.goto(base + "/ysq/town/")
    page.get_by_role("link", name="在线申请").first.click()
    axe_check(page, "apply start")
    page.get_by_role("link", name="开始申请").click()
    page.get_by_label("获取本机关制作或保存的政府信息").check()
    page.get_by_role("button", name="继续").click()
    page.get_by_label("自然人").check()
    page.get_by_role("button", name="继续").click()
    page.get_by_label("姓名").fill("李四")
    page.get_by_label("证件号码").fill("110105194912310021")  # a wrong check digit
    page.get_by_role("button", name="继续").click()
    assert page.get_by_text("最后一位（校验码）与前17位不符").first.is_visible()
    assert page.get_by_label("姓名").input_value() == "李四"
    axe_check(page, "identity page with an error")
    page.get_by_label("证件号码").fill(VALID_ID)
    page.get_by_role("button", name="继续").click()
    page.get_by_label("联系电话").fill("13912345678")
    page.get_by_label("电子邮箱").fill("lisi@example.com")
    page.get_by_role("button", name="继续").click()
    page.get_by_label("所需信息的内容描述").fill("2026年示例镇低保对象名单")
    page.get_by_role("button", name="继续").click()
    page.get_by_label("电子文件").check()
    page.get_by_label("电子邮件").check()
    page.get_by_role("button", name="继续").click()
    page.get_by_role("button", name="继续").click()  # no attachments
    assert page.locator("h1").inner_text() == "提交前请检查您的申请"
    axe_check(page, "check answers")
    page.get_by_label("我已阅读个人信息处理告知").check()
    page.get_by_role("button", name="提交申请").click()
    axe_check(page, "confirmation")
    strongs = page.locator(".reference strong").all_inner_texts()
    number, code = strongs[0], strongs[1]
    application = Application.objects.get(number=number)
    assert application.status == Status.SUBMITTED

    sign_in(page, base, "case_officer")
    page.goto(base + "/staff/ysq/?due=unconfirmed")
    axe_check(page, "staff queue")
    act(page, base, application.pk, "确认收到申请")

    def correction() -> None:
        page.get_by_label("需要补正的事项").fill("请写明所需信息的年份\n请写明村组")

    act(page, base, application.pk, "通知补正", correction, notice=True)

    track(page, base, number, code)  # the applicant sends the correction from the tracking page
    expect(page.get_by_text("本机关等待您补正申请")).to_be_visible()
    page.get_by_label("补正内容").fill("1. 所需信息为2026年度\n2. 东坪村、西岭村")
    axe_check(page, "tracking page with the correction form")
    page.get_by_role("button", name="提交补正").click()
    expect(page.get_by_text("补正已提交")).to_be_visible()

    sign_in(page, base, "office_head")

    def extension() -> None:
        page.get_by_label("延长工作日数").fill("10")
        page.get_by_label("延期理由").fill("所需信息分散在各村，需要逐一调取")

    act(page, base, application.pk, "延期答复", extension, notice=True)

    sign_in(page, base, "case_officer")

    def partial() -> None:
        page.get_by_label("不予公开的部分及理由").wait_for(state="hidden")  # shown once the outcome needs it
        page.get_by_label("办理结果").select_option("partially_disclosed")
        page.get_by_label("不予公开的部分及理由").fill("低保对象身份证号码｜属于个人隐私")

    act(page, base, application.pk, "拟定答复（报负责人签发）", partial, notice=True, axe=axe_check)
    application.refresh_from_db()
    assert application.status == Status.RECEIVED and application.prepared_reply

    sign_in(page, base, "office_head")
    expect(page.get_by_text("待签发的答复：1 件")).to_be_visible()
    act(page, base, application.pk, "签发答复")
    page.goto(f"{base}/staff/ysq/{application.pk}/")
    axe_check(page, "case page")
    application.refresh_from_db()
    assert application.status == Status.REPLIED and application.extension_working_days == 10
    assert Notice.objects.filter(application=application).count() == 3
    reply = Notice.objects.get(application=application, kind="reply")
    assert reply.issued_by.username == "office_head"

    track(page, base, number, code)
    expect(page.get_by_text("已答复").first).to_be_visible()
    expect(page.get_by_text("政府信息部分公开告知书")).to_be_visible()
    axe_check(page, "tracking page")
    with page.expect_download() as download:
        page.get_by_role("link", name="下载 PDF").last.click()
    assert download.value.suggested_filename == f"{reply.number}.pdf"
    pages = [text.replace("\n", "") for text in pdf_text(download.value.path())]
    assert "如对本告知中不予公开的部分不服，应当先自收到本告知书之日起60日内" in "".join(pages)
    assert all("特此告知。" in text for text in pages if "联系电话" in text)  # no page holds only the contact line


def pdf_text(path: Any) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]
