"""The demo town's report for last year is produced and published on time, and a published report downloads as
a PDF whose text is the table's (国办发〔2017〕47号 附件)."""

import io
from datetime import datetime
from io import StringIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from supervision.website_report import selectors
from supervision.website_report.models import WebsiteReport, WebsiteReportStatus


@pytest.mark.django_db
def test_the_demo_publishes_last_years_report_by_31_january() -> None:
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())  # safe to run twice
    year = timezone.localdate().year - 1
    report = WebsiteReport.objects.get(organisation__slug="shifanzhen", year=year)
    assert WebsiteReport.objects.count() == 1 and report.status == WebsiteReportStatus.PUBLISHED
    assert selectors.published_on(report) <= selectors.deadline_for(year)
    page = Client().get(f"/wzbb/shifanzhen/{year}/").content.decode()
    assert f"<caption>{report.title}" in page
    assert "示例镇发布" in page  # the WeChat account the office entered


def test_a_published_report_downloads_as_pdf(town: Any, personas: Any, pdf_support: None) -> None:
    WebsiteReport.objects.create(
        organisation=town.town, year=2025, created_by=personas["office_head"], status=WebsiteReportStatus.PUBLISHED,
        published_at=datetime(2026, 1, 20, 10, tzinfo=ZoneInfo("Asia/Shanghai")),
        figures={"site_code": "4305990001", "catalogue": 7}, entered={"head": "李明"},
    )  # fmt: skip
    response = Client().get("/wzbb/town/2025.pdf")
    assert response.status_code == 200 and response.content[:4] == b"%PDF"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "政府网站标识码" in text and "4305990001" in text and "李明" in text
