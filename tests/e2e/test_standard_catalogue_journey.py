"""An editor follows the 低保 公示 that the workbench says is due (国办发〔2019〕54号 标准目录; 民政部 社会救助
guideline: within the 时限 of the period's end) to the obligations page, drafts it against its 事项, the stages
approve it, and the obligation turns 按时公开; the public 公开事项目录 links the 事项 to it. axe finds no
serious violation on the obligations page or the public catalogue."""

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from disclosure.standard_catalogue import services
from disclosure.standard_catalogue.models import Matter
from portal.workdays import current_calendar

from .test_review_journey import approve_stage, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
DIBAO = "最低生活保障 › 审核确认对象名单公示"


def test_a_due_dibao_list_is_published_on_time(page: Any, live_server: Any, personas: Any, town: Any,
                                                calendar: None, axe_check: Any) -> None:  # fmt: skip
    today = timezone.localdate()
    last_month_end = today.replace(day=1) - timedelta(days=1)
    services.adopt_standard(organisation=town.town, today=last_month_end.replace(day=1), areas=["社会救助"])
    Matter.objects.exclude(name=DIBAO).update(is_active=False)
    # last month's list falls due two working days from today: on the workbench as due soon
    days = current_calendar().working_days_between(last_month_end, today).value + 2
    Matter.objects.filter(name=DIBAO).update(deadline_days=days)
    label = f"{last_month_end.year}年{last_month_end.month}月"
    title = f"示例镇{label}农村低保审核确认对象名单公示"
    base = live_server.url

    sign_in(page, base, "editor")
    page.get_by_role("link", name=re.compile("即将到期")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("公开事项履行情况")
    row = page.get_by_role("row").filter(has_text=label)
    expect(row).to_contain_text("即将到期")
    axe_check(page, "obligations page")
    row.get_by_role("link", name=f"起草{label}的信息").click()

    expect(page.get_by_label("公开事项")).to_have_value(str(Matter.objects.get(name=DIBAO).pk))
    page.get_by_label("体裁").select_option("public_notice")
    page.get_by_label("名称").fill(title)
    page.get_by_label("成文日期").fill(str(min(last_month_end, date.today())))
    page.get_by_label("内容概述").fill(f"{label}经村民代表评议、镇人民政府审核确认的农村低保对象名单，公示7个工作日。")
    page.get_by_label("正文").fill(
        "经村民代表评议、镇人民政府审核确认，东村3户、西村2户纳入农村低保。公示期间如有异议，请向镇社会事务办反映。"
    )
    page.get_by_role("button", name="保存草稿").click()
    page.get_by_role("button", name="提交审核").click()
    expect(page.get_by_text("已提交审核")).to_be_visible()

    for reviewer in ("reviewer", "social_reviewer", "office_head"):
        sign_in(page, base, reviewer)
        approve_stage(page, base, title)

    sign_in(page, base, "editor")
    page.goto(base + f"/staff/catalogue/{town.town.pk}/obligations/")
    row = page.get_by_role("row").filter(has_text=label)
    expect(row).to_contain_text("按时公开")
    expect(row.get_by_role("link", name=title)).to_be_visible()

    page.context.clear_cookies()
    page.goto(base + "/gk/town/mulu/")
    expect(page.get_by_role("link", name=title)).to_be_visible()
    axe_check(page, "public catalogue")
    page.set_viewport_size({"width": 375, "height": 800})  # on a phone each 事项 is a block of labelled lines
    expect(page.locator(".catalogue-table thead").first).to_be_hidden()
    axe_check(page, "public catalogue on a phone")


def test_the_form_suggests_the_matter_from_column_and_title(page: Any, live_server: Any, personas: Any, town: Any,
                                                            calendar: None) -> None:  # fmt: skip
    """As the edit page does on the server, the new-item form suggests the 事项 while the editor types; a 事项 the
    editor chose by hand stays."""
    from disclosure.models import Column

    services.adopt_standard(organisation=town.town, today=timezone.localdate(), areas=["社会救助"])
    dibao = Matter.objects.get(name=DIBAO)
    sign_in(page, live_server.url, "editor")
    page.goto(live_server.url + "/staff/items/new/")
    page.get_by_label("栏目").select_option(str(Column.objects.get(slug="shjz").pk))
    expect(page.get_by_label("公开事项")).to_have_value("")  # five 事项 in the column, nothing in the title yet
    page.get_by_label("名称").fill("示例镇2026年11月低保审核确认对象名单公示")
    expect(page.get_by_label("公开事项")).to_have_value(str(dibao.pk))
    guide = Matter.objects.get(name="最低生活保障 › 办事指南")
    page.get_by_label("公开事项").select_option(str(guide.pk))
    page.get_by_label("名称").fill("示例镇低保办事指南（2026年修订）")
    expect(page.get_by_label("公开事项")).to_have_value(str(guide.pk))


# every cell of the stacked 事项 whose content is wider than the cell, or that ends beyond the screen
CUT_CELLS = """(table) => [...table.querySelectorAll('th, td')].filter(cell => cell.scrollWidth > cell.clientWidth + 1
  || cell.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map(cell => cell.innerText)"""


def test_the_public_catalogue_reads_on_a_phone_in_both_modes(browser: Any, live_server: Any, town: Any,
                                                             published: Any) -> None:  # fmt: skip
    """At 375 px each 事项 is a block of labelled lines that wrap: a long 《…》 basis and the 最近公开 link are
    shown whole, in normal and in elder mode, and the page never scrolls sideways."""
    from .test_public_site_journey import fits

    services.adopt_standard(organisation=town.town, today=timezone.localdate(), areas=["社会救助"])
    guide = Matter.objects.get(name="最低生活保障 › 办事指南")
    title = "示例镇社会救助领域最低生活保障办事指南（2026年修订版）"
    published(column="shjz", title=title, matter=guide)
    for elder in (False, True):
        context = browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 812})
        page = context.new_page()
        if elder:
            page.goto(live_server.url + "/mode/elder/on/?next=/")
        page.goto(live_server.url + "/gk/town/mulu/")
        label = "elder mode" if elder else "normal mode"
        fits(page, label)
        table = page.get_by_role("table", name="社会救助领域公开事项")
        assert table.evaluate(CUT_CELLS) == [], label
        assert table.evaluate("e => e.scrollWidth <= e.clientWidth"), f"{label}: the 事项 scroll sideways"
        latest = table.get_by_role("link", name=title)
        box = latest.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375, f"{label}: {box}"
        context.close()
