"""Publishing the annual report (条例 第四十九条、第五十条): through the review queue, into the 政府信息公开年报
column as a page in the national format with DOCX and PDF; the published cells are a snapshot; a correction is
a new version beside the old, with its reason."""

from datetime import date
from typing import Any

import pytest
from django.test import Client

from requests_app import services as requests
from requests_app.models import Outcome
from review import services as review
from supervision.annual_report import layout
from supervision.models import AnnualReport, ReportStatus
from tests.conftest import review_through

YEAR = 2025
OVERVIEW = "2025年，示例镇人民政府认真贯彻落实政府信息公开条例，主动公开政府信息，依法办理政府信息公开申请。"
PROBLEMS = "一是信息更新不够及时；二是解读形式单一。下一步将加强审核，丰富解读形式。"


@pytest.fixture
def application_2025(received: Any, personas: Any) -> Any:
    application = received(on=date(2025, 3, 3))
    requests.reply(application=application, actor=personas["case_officer"], outcome=Outcome.DISCLOSED,
                   today=date(2025, 3, 20))  # fmt: skip
    return application


def drafted(client: Client, town: Any, **prose: str) -> AnnualReport:
    client.post("/staff/reports/", {"organisation": town.town.pk, "year": YEAR, "scope": "itself"})
    report = AnnualReport.objects.filter(organisation=town.town, year=YEAR).order_by("-version").first()
    assert report is not None
    data = {"overview": OVERVIEW, "problems": PROBLEMS, "other_matters": "本年度未收取信息处理费。", **prose}
    assert client.post(f"/staff/reports/{report.pk}/", data).status_code == 302
    return report


def published(client: Client, report: AnnualReport, personas: Any) -> AnnualReport:
    response = client.post(f"/staff/reports/{report.pk}/submit/", follow=True)
    assert "已提交审核" in response.content.decode(), response.content.decode()[:3000]
    reviewer = Client()
    reviewer.force_login(personas["reviewer"])
    queue = reviewer.get("/staff/review/").content.decode()
    assert report.title in queue
    submission = review.open_submission(report)
    assert submission is not None
    page = reviewer.get(f"/staff/review/{submission.pk}/").content.decode()
    assert "年度报告" in page and "申请人情况" in page  # the reviewer reads the report as the public will
    review_through(report, personas)
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    return report


def test_a_report_goes_through_review_into_the_annual_report_column(
    application_2025: Any, client_for: Any, personas: Any, town: Any
) -> None:
    client = client_for("office_head")
    report = published(client, drafted(client, town), personas)
    assert report.cells["三"][layout.NEW][layout.PERSON] == 1 and report.published_at is not None
    column = Client().get("/gk/town/zfxxgknb/").content.decode()
    assert "示例镇人民政府2025年政府信息公开工作年度报告" in column and "本栏目暂无" not in column
    for home in ("/", "/gk/town/"):  # the column's card on the front pages lists it too, linked
        card = Client().get(home).content.decode().split("政府信息公开年报</a></h3>")[1].split("</li>\n  \n")[0]
        assert 'href="/gk/town/zfxxgknb/2025/">示例镇人民政府2025年政府信息公开工作年度报告' in card
        assert "本栏目暂无政府信息公开年报" not in card
    page = Client().get("/gk/town/zfxxgknb/2025/").content.decode()
    assert OVERVIEW in page and layout.THREE_CORNER in page and "未经复议直接起诉" in page
    docx = Client().get(f"/gk/town/zfxxgknb/2025/v{report.version}.docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"


def test_the_published_cells_do_not_move_when_the_records_do(
    application_2025: Any, received: Any, client_for: Any, personas: Any, town: Any
) -> None:
    client = client_for("office_head")
    published(client, drafted(client, town), personas)
    received(on=date(2025, 6, 2))  # registered late, after publication
    page = Client().get("/gk/town/zfxxgknb/2025/").content.decode()
    report = AnnualReport.objects.get(organisation=town.town, year=YEAR)
    assert report.cells["三"][layout.NEW][layout.PERSON] == 1
    assert Client().get("/gk/town/zfxxgknb/2025/").content.decode() == page


def test_nothing_is_submitted_before_the_prose_is_written(application_2025: Any, client_for: Any, town: Any) -> None:
    client = client_for("office_head")
    report = drafted(client, town, problems="")
    response = client.post(f"/staff/reports/{report.pk}/submit/", follow=True).content.decode()
    assert "请填写“五、存在的主要问题及改进情况”" in response
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_a_report_whose_carry_over_disagrees_with_last_years_cannot_be_submitted(
    application_2025: Any, client_for: Any, personas: Any, town: Any
) -> None:
    carried = dict.fromkeys(layout.THREE_COLUMNS, 0) | {layout.PERSON: 4, "总计": 4}
    AnnualReport.objects.create(
        organisation=town.town,
        year=YEAR - 1,
        status=ReportStatus.PUBLISHED,
        created_by=personas["office_head"],
        cells={"三": {layout.CARRIED_OUT: carried}},
    )
    client = client_for("office_head")
    report = drafted(client, town)
    page = client.get(f"/staff/reports/{report.pk}/").content.decode()
    assert "校验未通过，报告不能提交审核" in page
    response = client.post(f"/staff/reports/{report.pk}/submit/", follow=True).content.decode()
    assert "一 + 二 = 三(七) + 四" in response
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_a_correction_is_a_new_version_beside_the_old_with_its_reason(
    application_2025: Any, client_for: Any, personas: Any, town: Any
) -> None:
    client = client_for("office_head")
    first = published(client, drafted(client, town), personas)
    response = client.post(f"/staff/reports/{first.pk}/correct/")
    second = AnnualReport.objects.get(organisation=town.town, year=YEAR, version=2)
    assert response["Location"] == f"/staff/reports/{second.pk}/" and second.overview == OVERVIEW
    refused = client.post(f"/staff/reports/{second.pk}/submit/", follow=True).content.decode()
    assert "更正版本须说明更正理由" in refused
    drafted_again = {"overview": OVERVIEW, "problems": PROBLEMS, "other_matters": "本年度未收取信息处理费。",
                     "correction_reason": "原报告表二行政许可数量填报有误"}  # fmt: skip
    client.post(f"/staff/reports/{second.pk}/", drafted_again)
    published(client, second, personas)
    first.refresh_from_db()
    assert first.status == ReportStatus.SUPERSEDED
    current = Client().get("/gk/town/zfxxgknb/2025/").content.decode()
    assert (
        "第2版（更正）。更正理由：原报告表二行政许可数量填报有误" in current and "/gk/town/zfxxgknb/2025/v1/" in current
    )
    old = Client().get("/gk/town/zfxxgknb/2025/v1/").content.decode()
    assert "此版本已被更正" in old
    assert Client().get("/gk/town/zfxxgknb/").content.decode().count("2025年政府信息公开工作年度报告") == 1


def test_the_workbench_says_last_years_report_is_due_until_it_is_published(
    application_2025: Any, client_for: Any, personas: Any, town: Any, monkeypatch: Any
) -> None:
    """条例 第四十九条: published by 31 January (the platform's date); the drafters see it on the workbench."""
    from portal import workbench
    from portal.views import staff as staff_views

    # the workbench of 1 December 2026, whatever day the suite runs on
    monkeypatch.setattr(staff_views, "blocks_for", lambda user, today: workbench.blocks_for(user, date(2026, 12, 1)))
    client = client_for("office_head")
    assert "示例镇2025年度报告：尚未编制，2026年1月31日前发布" in client.get("/staff/").content.decode()
    assert "已超过发布期限" in client.get("/staff/").content.decode()  # today is after 31 January 2026
    published(client, drafted(client, town), personas)
    assert "2025年度报告" not in client.get("/staff/").content.decode()
    assert "年度报告" not in client_for("case_officer").get("/staff/").content.decode()


def test_the_reminder_starts_twenty_working_days_before_the_deadline(personas: Any, town: Any, calendar: None) -> None:
    from supervision.annual_report.selectors import workbench_block

    head = personas["office_head"]
    AnnualReport.objects.create(organisation=town.town, year=2024, status=ReportStatus.PUBLISHED, created_by=head)
    assert workbench_block(head, date(2025, 12, 26)) is None  # 2024's is out; 2025's is due from January
    early = workbench_block(head, date(2026, 1, 5))
    assert early is not None and "示例镇2025年度报告：尚未编制，2026年1月31日前发布" in early.lines[0].text
    assert not early.lines[0].warning
    late = workbench_block(head, date(2026, 2, 2))
    assert late is not None and late.lines[0].warning == "已超过发布期限（2026年1月31日）"
