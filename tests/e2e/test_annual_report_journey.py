"""The head of the disclosure office drafts last year's annual report and meets a failing check, fixes it by
correcting the year before, submits; the three review stages approve it; a citizen finds it in the
政府信息公开年报 column, laid out like the national format, on a phone, and downloads the PDF
(条例 第四十九条、第五十条)."""

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from requests_app import services
from requests_app.models import Outcome
from supervision.annual_report import services as supervision
from supervision.models import AnnualReport, ReportStatus

from .test_review_journey import approve_stage, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
OVERVIEW = "示例镇人民政府认真贯彻落实政府信息公开条例，主动公开政府信息，依法办理政府信息公开申请。"
PROBLEMS = "一是信息更新不够及时；二是解读形式单一。下一步将加强审核，丰富解读形式。"


def test_the_annual_report_from_a_failing_check_to_the_public_column(
    page: Any, live_server: Any, personas: Any, received: Any, town: Any, axe_check: Any
) -> None:
    """Last year's report went out before a December case was registered: this year's carry-over disagrees
    with it. The head corrects last year's report (a new version with its reason), then this year's passes."""
    head = personas["office_head"]
    published_before = AnnualReport(organisation=town.town, year=2024, created_by=head)  # zeros: nothing recorded yet
    last_year = AnnualReport.objects.create(
        organisation=town.town, year=2024, status=ReportStatus.PUBLISHED, created_by=head, overview=OVERVIEW,
        problems=PROBLEMS, cells=supervision.cells(supervision.compute(published_before)),
    )  # fmt: skip
    late = received(on=date(2024, 12, 20))  # registered afterwards
    services.reply(application=late, actor=personas["case_officer"], outcome=Outcome.DISCLOSED,
                   today=date(2025, 1, 10))  # fmt: skip
    application = received(on=date(2025, 4, 7))
    services.reply(application=application, actor=personas["case_officer"], outcome=Outcome.DISCLOSED,
                   today=date(2025, 4, 21))  # fmt: skip
    base = live_server.url
    sign_in(page, base, "office_head")
    expect(page.get_by_text("示例镇2025年度报告：尚未编制")).to_be_visible()
    page.goto(base + "/staff/reports/")
    page.get_by_label("年度").fill("2025")
    page.get_by_role("button", name="开始编制").click()
    expect(page.get_by_text("校验未通过，报告不能提交审核")).to_be_visible()
    expect(page.get_by_role("link", name=late.number).first).to_be_visible()  # the case behind the failure
    axe_check(page, "annual report draft with a failing check")

    draft_url = page.url
    page.goto(base + "/staff/reports/")
    page.locator("tr", has_text="2024年").get_by_role("link").click()
    assert page.url.endswith(f"/staff/reports/{last_year.pk}/")
    page.get_by_role("button", name="更正（建立新版本）").click()
    expect(page.get_by_text("已建立更正版本")).to_be_visible()
    page.get_by_label("更正理由").fill("补录2024年12月20日收到的申请，结转下年度数量由0件更正为1件")
    page.get_by_role("button", name="保存文字").click()
    page.get_by_role("button", name="提交审核").click()
    expect(page.get_by_text("已提交审核")).to_be_visible()
    for reviewer in ("reviewer", "social_reviewer", "office_head"):
        sign_in(page, base, reviewer)
        approve_stage(page, base, "示例镇人民政府2024年政府信息公开工作年度报告")

    page.goto(draft_url)
    expect(page.get_by_text("全部勾稽校验通过")).to_be_visible()
    page.get_by_label("五、存在的主要问题及改进情况").fill(PROBLEMS)
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
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert Path(download.value.path()).read_bytes()[:4] == b"%PDF"
