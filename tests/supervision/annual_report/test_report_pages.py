"""Drafting the annual report (条例 第四十九条、第五十条): the draft page computes the national tables from the
records, runs every cross-check, keeps the prose staff write, and downloads as JSON, DOCX and PDF; the command
line gives the same report."""

import io
import json
from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from requests_app import services
from requests_app.models import Application, Outcome
from supervision.annual_report import layout
from supervision.models import AnnualFigures, AnnualReport

YEAR = 2025


@pytest.fixture
def year_2025(received: Any, personas: Any) -> list[Application]:
    first = received(on=date(2025, 3, 3))
    services.reply(application=first, actor=personas["case_officer"], outcome=Outcome.DISCLOSED,
                   today=date(2025, 3, 20))  # fmt: skip
    still_open = received(on=date(2025, 12, 22))
    return [first, still_open]


def draft(client: Any, town: Any) -> AnnualReport:
    response = client.post("/staff/reports/", {"organisation": town.town.pk, "year": YEAR, "scope": "itself"})
    assert response.status_code == 302, response.content.decode()[:3000]
    return AnnualReport.objects.get(organisation=town.town, year=YEAR)


def test_the_office_head_drafts_a_report_that_passes_its_checks(
    year_2025: list[Application], client_for: Any, town: Any
) -> None:
    client = client_for("office_head")
    report = draft(client, town)
    page = client.get(f"/staff/reports/{report.pk}/").content.decode()
    assert "全部勾稽校验通过" in page
    for label in [*layout.SECTIONS, layout.THREE_CORNER, "申请人情况", "（三）不予公开", "1.属于国家秘密",
                  "第二十条第（一）项", "未经复议直接起诉"]:  # fmt: skip
        assert label in page, label
    assert "全年新收政府信息公开申请2件，办结1件，按期答复率100.0%" in report.overview
    assert "就决策草案公开征求意见0次" in report.overview


def test_a_year_not_over_cannot_be_reported(client_for: Any, town: Any) -> None:
    response = client_for("office_head").post("/staff/reports/", {"organisation": town.town.pk, "year": 2026,
                                                                   "scope": "itself"})  # fmt: skip
    assert response.status_code == 400 and "2026年尚未结束" in response.content.decode()


def test_staff_enter_the_figures_table_two_cannot_compute(
    year_2025: list[Application], client_for: Any, town: Any
) -> None:
    client = client_for("office_head")
    report = draft(client, town)
    refused = client.post(f"/staff/reports/{report.pk}/", {
        "action": "figures", "figures-permits": "12", "figures-penalties": "-1", "figures-enforcement": "0",
        "figures-fees": "1.25",
    })  # fmt: skip
    assert refused.status_code == 400 and 'value="12"' in refused.content.decode()
    client.post(f"/staff/reports/{report.pk}/", {
        "action": "figures", "figures-permits": "12", "figures-penalties": "3", "figures-enforcement": "0",
        "figures-fees": "1.25",
    })  # fmt: skip
    figures = AnnualFigures.objects.get(organisation=town.town, year=YEAR)
    assert (figures.permits, figures.penalties) == (12, 3)
    data = json.loads(client.get(f"/staff/reports/{report.pk}/download.json").content)
    two = data[layout.SECTIONS[1]]
    assert two["第二十条第（五）项"]["行政许可"]["本年处理决定数量"] == 12
    assert two["第二十条第（八）项"]["行政事业性收费"]["本年收费金额（单位：万元）"] == "1.25"


def test_the_json_holds_every_cell_by_its_labels_and_the_checks(
    year_2025: list[Application], client_for: Any, town: Any
) -> None:
    client = client_for("office_head")
    report = draft(client, town)
    data = json.loads(client.get(f"/staff/reports/{report.pk}/download.json").content)
    three = data[layout.SECTIONS[2]]
    assert three[layout.NEW][layout.PERSON] == 2 and three[layout.CARRIED_OUT]["总计"] == 1
    assert set(three) == set(layout.three_rows()) and data["校验"] == []
    out = StringIO()
    call_command("annual_report", org=town.town.credit_code, year=YEAR, format="json", stdout=out)
    assert json.loads(out.getvalue())[layout.SECTIONS[2]] == three


def test_the_docx_has_the_national_layout(year_2025: list[Application], client_for: Any, town: Any) -> None:
    from docx import Document

    client = client_for("office_head")
    report = draft(client, town)
    document = Document(io.BytesIO(client.get(f"/staff/reports/{report.pk}/download.docx").content))
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert headings == layout.SECTIONS
    three = document.tables[4]  # four blocks of 二, then 三
    assert three.cell(0, 0).text == layout.THREE_CORNER and three.cell(0, 3).text == "申请人情况"
    assert three.cell(0, 5).text == "申请人情况", "申请人情况 is one cell merged over the seven columns"
    assert three.cell(3, 0).text == layout.NEW and three.cell(3, 3).text == "2"


def test_the_pdf_reads_like_the_report(
    year_2025: list[Application], client_for: Any, town: Any, pdf_support: None
) -> None:
    from pypdf import PdfReader

    client = client_for("office_head")
    report = draft(client, town)
    response = client.get(f"/staff/reports/{report.pk}/download.pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "三、收到和处理政府信息公开申请情况" in text and "申请人情况" in text


def test_an_inspector_reads_but_does_not_edit(year_2025: list[Application], client_for: Any, town: Any) -> None:
    report = draft(client_for("office_head"), town)
    inspector = client_for("inspector")
    page = inspector.get(f"/staff/reports/{report.pk}/").content.decode()
    assert "勾稽校验" in page and "保存文字" not in page
    assert inspector.post(f"/staff/reports/{report.pk}/", {"overview": "改写"}).status_code == 404
    assert client_for("other_staff").get(f"/staff/reports/{report.pk}/").status_code == 404


def test_the_report_the_dashboard_and_the_assessment_count_closings_alike(
    received: Any, personas: Any, client_for: Any, town: Any
) -> None:
    """条例 第三十三条 and 第五十条: one rule of 办结 and 按期 for all three. A closing without a reply (逾期不补正,
    条例 第三十条) is in table 三(七)'s total, the prose and the rate; a reply after the deadline is late."""
    from django.utils import timezone

    from supervision.assessments import services as assessments
    from supervision.dashboard.selectors import Period, rows
    from tests.requests_app.conftest import correct

    officer = personas["case_officer"]
    on_time = received(on=date(2025, 3, 3))
    services.reply(application=on_time, actor=officer, outcome=Outcome.DISCLOSED, today=date(2025, 3, 20))
    abandoned = correct(received(on=date(2025, 4, 1)), personas, today=date(2025, 4, 2))
    services.close_no_correction(application=abandoned, actor=officer, today=date(2025, 4, 30))
    late = received(on=date(2025, 5, 6))
    services.reply(application=late, actor=officer, outcome=Outcome.DISCLOSED, today=date(2025, 5, 20))
    Application.objects.filter(pk=late.pk).update(deadline=date(2025, 5, 15))  # as if replied after the deadline
    client = client_for("office_head")
    report = draft(client, town)
    three = json.loads(client.get(f"/staff/reports/{report.pk}/download.json").content)[layout.SECTIONS[2]]
    assert three[layout.TOTAL]["总计"] == 3 and "办结3件，按期答复率66.7%" in report.overview
    row = rows([town.town], Period.year(2025), timezone.localdate())[0]
    assert (row.closed, row.on_time) == (3, 2)
    made = assessments.start(year=2025, organisations=[town.town], today=timezone.localdate())
    (score,) = [s for s in made[0].scores.select_related("indicator") if s.indicator.code == "on_time"]
    assert "办结3件，按期2件" in score.evidence


def test_the_overview_never_reads_as_broken_text_and_an_empty_sub_heading_stops_submission(
    client_for: Any, town: Any
) -> None:
    client = client_for("office_head")
    report = draft(client, town)
    assert "全年未主动公开政府信息；" in report.overview and "其中无" not in report.overview
    assert "（三）政府信息管理。严格执行先审后发" in report.overview
    assert "（四）政府信息公开平台建设。依托" in report.overview
    assert "（五）监督保障。全年召开政府信息公开工作领导小组会议0次" in report.overview
    report.overview = report.overview.replace("（五）监督保障。", "（五）监督保障。\n\n（六）其他。")
    report.overview += "\n\n（七）附注。"
    report.problems = "部分栏目更新不及时，下一年度将按标准目录逐项核对。"
    report.save()
    page = client.post(f"/staff/reports/{report.pk}/submit/", follow=True).content.decode()
    assert "“（五）监督保障。”下尚未填写内容" in page and "“（七）附注。”下尚未填写内容" in page
    assert "“（六）其他。”下尚未填写内容" not in page
    report.refresh_from_db()
    assert report.status == "draft"
