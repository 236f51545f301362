"""The website's yearly report from draft to the public page: staff enter what the portal cannot know (kept
when the form is refused), submit it to the review queue, and the approved report is published in the national
table's layout, on the home page's 政府信息公开年报 card, as XLSX (国办发〔2017〕47号; 国办函〔2018〕12号)."""

import io
import re
from datetime import date
from typing import Any

import openpyxl
import pytest
from django.test import Client

from review import services as review
from supervision.website_report import demo
from supervision.website_report.models import WebsiteReport, WebsiteReportStatus
from tests.conftest import review_through

from .conftest import pin_today

CELL = re.compile(r'<th scope="row"(?: colspan="2")?>([^<]+)</th>\s*<td>([^<]*)</td>')
TITLE = "示例镇人民政府2025年政府网站工作年度报表"
FILLED = {**{k: v for k, v in demo.ENTERED.items() if v is not None}, "filled_on": "2026-01-20"}


@pytest.fixture(autouse=True)
def _january(monkeypatch: Any) -> None:
    """The report on 2025 is drafted in January 2026 (a report is drafted once its year is over)."""
    pin_today(monkeypatch, date(2026, 1, 21))


def drafted(client: Client, town: Any) -> WebsiteReport:
    response = client.post("/staff/website-reports/", {"organisation": town.town.pk, "year": 2025})
    assert response.status_code == 302, response.content.decode()[:2000]
    return WebsiteReport.objects.get(organisation=town.town, year=2025)


def test_a_bad_entry_is_refused_with_its_reason_and_everything_typed_is_kept(client_for: Any, town: Any) -> None:
    client = client_for("office_head")
    report = drafted(client, town)
    data = {**FILLED, "service_items": "126", "online_items": "200", "weibo_followers": "很多", "head": "李明"}
    response = client.post(f"/staff/website-reports/{report.pk}/", data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "可全程在线办理的事项数量不能多于政务服务事项数量。" in page and "请填写不小于0的整数。" in page
    assert 'value="200"' in page and 'value="很多"' in page and 'value="李明"' in page and 'value="示例镇发布"' in page
    report.refresh_from_db()
    assert report.entered.get("online_items") is None  # nothing saved


def test_submission_asks_for_every_entered_row_and_the_signatures(client_for: Any, town: Any) -> None:
    client = client_for("office_head")
    report = drafted(client, town)
    page = client.get(f"/staff/website-reports/{report.pk}/").content.decode()
    assert "请填写单位负责人、审核人、填报人、联系电话、填报日期。" in page and "提交审核</button>" not in page
    response = client.post(f"/staff/website-reports/{report.pk}/submit/", follow=True)
    assert "请填写" in response.content.decode()
    report.refresh_from_db()
    assert report.status == WebsiteReportStatus.DRAFT


def test_the_approved_report_is_public_in_the_national_table_and_on_the_home_page(
    client_for: Any, personas: Any, town: Any, questions: Any
) -> None:
    questions.update(received=8, closed=8, average_days=2.25, published=6)
    client = client_for("office_head")
    report = drafted(client, town)
    assert client.post(f"/staff/website-reports/{report.pk}/", FILLED).status_code == 302
    response = client.post(f"/staff/website-reports/{report.pk}/submit/", follow=True)
    assert "已提交审核" in response.content.decode()
    assert Client().get("/wzbb/town/2025/").status_code == 404  # 先审后发
    reviewer = client_for("reviewer")
    assert TITLE in reviewer.get("/staff/review/").content.decode()
    submission = review.open_submission(report)
    assert submission is not None
    assert "收到留言数量" in reviewer.get(f"/staff/review/{submission.pk}/").content.decode()
    review_through(report, personas, date(2026, 1, 22))
    report.refresh_from_db()
    assert report.status == WebsiteReportStatus.PUBLISHED

    page = Client().get("/wzbb/town/2025/").content.decode()
    assert f"<caption>{TITLE}" in page
    assert '<th scope="rowgroup" rowspan="4" class="website-report__group">信息发布（单位：条）</th>' in page
    cells = dict(CELL.findall(page))
    assert cells["政府网站标识码"] == "4305990001" and cells["留言办理：收到留言数量（单位：条）"] == "8"
    assert cells["留言办理：平均办理时间（单位：天）"] == "2.2" and cells["办件量 总数（单位：件）"] == "1672"
    assert cells["可全程在线办理政务服务事项数量（单位：项）"] == "58" and cells["微信：名称"] == "示例镇发布"
    assert cells["是否开展应急演练"] == "是" and cells["独立用户访问总量（单位：个）"] == "0"
    assert "单位负责人：李明" in page and "填报日期：2026年1月20日" in page
    for home in ("/", "/gk/town/zfxxgknb/"):
        assert f'href="/wzbb/town/2025/">{TITLE}' in Client().get(home).content.decode()
    assert TITLE in Client().get("/wzbb/").content.decode()

    download = Client().get("/wzbb/town/2025.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(download.content)).active
    rows = {row[1].value or row[0].value: row[2] for row in sheet.iter_rows() if len(row) > 2}  # no group: A:B merged
    assert sheet["A1"].value == TITLE
    # counts are numbers Excel can add up; codes, names and yes/no stay text
    numbers = {"其中：自然人办件量（单位：件）": 1460, "办件量 总数（单位：件）": 1672,
               "留言办理：平均办理时间（单位：天）": 2.2, "留言办理：收到留言数量（单位：条）": 8,
               "独立用户访问总量（单位：个）": 0}  # fmt: skip
    for label, number in numbers.items():
        assert rows[label].value == number and rows[label].data_type == "n", label
    texts = {"政府网站标识码": "4305990001", "微信：名称": "示例镇发布", "是否开展应急演练": "是"}
    for label, shown in texts.items():
        assert rows[label].value == shown and rows[label].data_type == "s", label


def test_another_organisations_staff_get_404_and_inspectors_read(client_for: Any, town: Any) -> None:
    report = drafted(client_for("office_head"), town)
    other = client_for("other_staff")
    assert other.get(f"/staff/website-reports/{report.pk}/").status_code == 404
    assert other.post(f"/staff/website-reports/{report.pk}/submit/").status_code == 404
    assert other.post(f"/staff/website-reports/{report.pk}/recompute/").status_code == 404
    refused = other.post("/staff/website-reports/", {"organisation": town.town.pk, "year": 2025})
    assert refused.status_code == 400 and "请选择您所在的机构。" in refused.content.decode()
    inspector = client_for("inspector")
    page = inspector.get(f"/staff/website-reports/{report.pk}/").content.decode()
    assert TITLE in page and "保存填报数据" not in page  # inspectors read, they do not edit
    assert inspector.post(f"/staff/website-reports/{report.pk}/", FILLED).status_code == 404


def test_a_year_not_over_cannot_be_drafted(client_for: Any, town: Any) -> None:
    response = client_for("office_head").post("/staff/website-reports/", {"organisation": town.town.pk, "year": 2026})
    assert response.status_code == 400 and "年度报表在年度结束后编制：2026年尚未结束。" in response.content.decode()
