"""An editor imports a small catalogue from an old site with one personal-data row; the reviewer masks that row
and approves the batch; the next stages approve it; the public page shows the masked value (regulation.md §3)."""

import csv
import re
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.test_review_journey import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

HEADER = ["索引号", "名称", "内容概述", "生成日期", "发布日期", "发布机构", "栏目", "体裁", "正文"]
ROWS = [
    ["114305XJ/2024-00011", "示例镇2023年财政决算公开", "", "2024-04-06", "2024年04月06日 16:40", "示例镇人民政府",
     "财政预决算", "报告", "全年一般公共预算收入1000万元。"],
    ["114305XJ/2024-00012", "关于做好春耕备耕工作的通知", "部署春耕备耕。", "2024-03-01", "2024-03-02 09:00:00",
     "党政办", "法规文件", "通知", "各村：做好春耕备耕。"],
    ["114305XJ/2024-00013", "2024年第一季度农村低保对象公示", "低保对象名单。", "2024-04-01", "2024-04-02",
     "社会事务办", "社会救助", "公示",
     "<table><tr><td>户主</td><td>身份证号</td><td>联系电话</td></tr>"
     "<tr><td>赵某</td><td>430524197511203185</td><td>13812345678</td></tr></table>"],
]  # fmt: skip


def approve_batch_stage(page: Any, base: str, expected: str) -> None:
    from playwright.sync_api import expect

    page.goto(base + "/staff/review/")
    page.get_by_role("link", name="原目录导入").click()
    for radio in page.locator('input[type="radio"][value="yes"]').all():
        radio.check()
    page.get_by_role("button", name="通过所选信息").click()
    expect(page.get_by_text(expected)).to_be_visible()


def test_an_imported_catalogue_is_masked_and_approved_as_a_batch(
    page: Any, live_server: Any, personas: Any, tmp_path: Path, axe_check: Any
) -> None:
    from playwright.sync_api import expect

    base = live_server.url
    catalogue = tmp_path / "原目录.csv"
    with catalogue.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *ROWS])

    sign_in(page, base, "editor")
    page.goto(base + "/staff/items/import/")
    page.get_by_label("目录文件（CSV 或 Excel）").set_input_files(str(catalogue))
    page.get_by_role("button", name="提交").click()
    expect(page.get_by_text("检查通过", exact=True)).to_be_visible()
    expect(page.get_by_text("个人信息检查：2 处")).to_be_visible()
    expect(page.get_by_text("43*************185")).to_be_visible()
    assert "430524197511203185" not in page.content()
    axe_check(page, "import dry run")
    page.get_by_role("button", name="导入这 3 条信息").click()  # the checked file, not chosen again
    expect(page.get_by_text("已导入 3 条信息")).to_be_visible()
    assert page.goto(base + "/gk/i/114305XJ/2024-00013/").status == 404  # nothing public before approval

    sign_in(page, base, "reviewer")
    page.goto(base + "/staff/review/")
    page.get_by_role("link", name="原目录导入").click()
    expect(page.get_by_text("可一并通过 2 条，另有 1 条须逐条处理")).to_be_visible()
    axe_check(page, "batch page")
    page.get_by_role("link", name=re.compile("逐条审核")).click()
    page.get_by_role("button", name="按建议遮盖全部个人信息").click()
    expect(page.get_by_text("已按建议遮盖")).to_be_visible()
    approve_batch_stage(page, base, "已通过“保密审查和个人信息检查” 3 条")

    sign_in(page, base, "social_reviewer")
    approve_batch_stage(page, base, "已通过“社会事务办审核” 3 条")
    sign_in(page, base, "office_head")
    approve_batch_stage(page, base, "已通过“党政办终审” 3 条")

    page.context.clear_cookies()
    page.goto(base + "/gk/i/114305xj/2024-00013/")
    body = page.locator(".item-body")
    expect(body).to_contain_text("138****5678")
    expect(body).to_contain_text("43*************185")
    assert "13812345678" not in body.inner_text() and "430524197511203185" not in body.inner_text()
    expect(page.get_by_text("2024年4月2日").first).to_be_visible()  # the old site's publication date
