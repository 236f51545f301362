"""A citizen reads a draft decision open for comment, comments on one article from its link, receives a receipt
code and sees the comment again with it; on a phone, with no serious accessibility violation (regulation.md §4)."""

import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from consultations import demo
from consultations.models import AdoptionReport, Consultation
from tests.conftest import review_through

from .test_review_journey import sign_in

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
    page.goto(live_server.url + "/gk/town/yjzj/")
    page.get_by_role("link", name="“示例镇集镇农贸市场迁建方案”听证会").click()
    expect(page.get_by_role("heading", name="听证参加人名单")).to_be_visible()
    axe_check(page, "hearing page with its participant list")


def test_staff_answer_and_publish_then_the_citizen_reads_the_answer(
    page: Any, live_server: Any, personas: Any, town: Any, calendar: None, axe_check: Any
) -> None:
    """第十八条、第三十二条: every comment answered, the adoption report reviewed and published with the answers."""
    reviewers = [personas["reviewer"], personas["social_reviewer"], personas["office_head"]]
    demo.seed(town.town, personas["editor"], reviewers, timezone.localdate())
    consultation = Consultation.objects.get(title="示例镇村级公益事业建设项目管理办法（征求意见稿）")
    base = live_server.url
    page.goto(f"{base}/gk/town/yjzj/{consultation.pk}/?section={consultation.sections.get(position=2).pk}#comment")
    page.get_by_label("您的意见和建议").fill("建议写明由谁监督项目资金。")
    page.get_by_role("button", name="提交意见").click()
    code = page.locator(".reference strong").inner_text()
    today = timezone.localdate()
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_on=today - timedelta(days=31), closes_on=today - timedelta(days=1)
    )

    sign_in(page, base, "editor")
    page.goto(f"{base}/staff/consultations/{consultation.pk}/")
    expect(page.get_by_text("还有 3 条未答复")).to_be_visible()
    axe_check(page, "staff consultation page")
    for box in page.locator('input[name="comment"]').all():
        box.check()
    page.get_by_label("部分采纳").check()
    page.get_by_label("答复（理由）").fill("第四条已写明镇财政所负责监督，将补充村务监督委员会的职责。")
    page.get_by_role("button", name="答复所勾选的意见").click()
    expect(page.get_by_text("已答复 3 条意见")).to_be_visible()
    page.get_by_role("button", name="根据答复生成意见采纳情况说明").click()
    expect(page.get_by_label("说明全文")).to_contain_text("部分采纳3条")
    page.get_by_role("button", name="提交审核").click()
    expect(page.get_by_text("已提交审核")).to_be_visible()
    review_through(AdoptionReport.objects.get(consultation=consultation), personas)

    page.context.clear_cookies()
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(base + "/gk/town/yjzj/receipt/")
    page.get_by_label("意见回执码").fill(code)
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_text("部分采纳")).to_be_visible()
    expect(page.get_by_text("将补充村务监督委员会的职责")).to_be_visible()
    page.get_by_role("link", name=consultation.title).click()
    expect(page.locator("#adoption")).to_be_visible()
    axe_check(page, "consultation page with its adoption report")
