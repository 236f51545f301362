"""Importing the historical application register so that past years' statistics exist."""

from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from requests_app.models import Application, Status
from requests_app.outcomes import Outcome

pytestmark = pytest.mark.django_db

HEADER = "原编号,收到申请日期,申请人类型,申请方式,申请人,所需信息,办理结果,答复日期,延长工作日数,备注\n"
GOOD = (
    "2024-001,2024-03-04,自然人,当面提交,张某,低保名单,予以公开,2024-03-20,,\n"
    "2024-002,2024-05-06,商业企业,信函,某公司,招标文件,（三）4,2024-06-10,10,涉及商业秘密\n"
)


def upload(client: Any, town: Any, text: str, dry_run: bool) -> str:
    data = {"organisation": town.town.pk, "register": SimpleUploadedFile("台账.csv", text.encode("utf-8"))}
    if dry_run:
        data["dry_run"] = "on"
    return client.post(reverse("requests-staff:import"), data).content.decode()


def test_dry_run_reports_every_bad_row_and_imports_nothing(client_for: Any, town: Any, calendar: None) -> None:
    bad = HEADER + GOOD + "2024-003,2024-13-01,外星人,飞鸽,李某,,不知道,2024-01-01,30,\n"
    page = upload(client_for("case_officer"), town, bad, dry_run=False)
    assert "未导入任何内容" in page
    for message in ("日期格式", "应为：自然人", "应为：当面提交", "必填", "无法识别办理结果", "0至20"):
        assert message in page
    assert not Application.objects.exists()


def test_clean_file_imports_archived_applications(client_for: Any, town: Any, calendar: None) -> None:
    client = client_for("case_officer")
    assert "检查通过" in upload(client, town, HEADER + GOOD, dry_run=True)
    assert not Application.objects.exists()
    assert "已导入 2 件申请" in upload(client, town, HEADER + GOOD, dry_run=False)
    first, second = Application.objects.order_by("number")
    assert first.status == Status.ARCHIVED and first.outcome == Outcome.DISCLOSED and first.imported
    assert second.outcome == Outcome.WITHHELD_THIRD_PARTY and second.extension_working_days == 10
    assert second.received_on == date(2024, 5, 6) and second.replied_on == date(2024, 6, 10)
    assert "已存在" in upload(client, town, HEADER + GOOD, dry_run=True)


def test_an_excel_register_imports_too(client_for: Any, town: Any, calendar: None) -> None:
    import io

    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for line in (HEADER + GOOD).strip().split("\n"):
        sheet.append(line.split(","))
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("台账.xlsx", buffer.getvalue())
    page = (
        client_for("office_head")
        .post(reverse("requests-staff:import"), {"organisation": town.town.pk, "register": upload})
        .content.decode()
    )
    assert "已导入 2 件申请" in page
    assert Application.objects.filter(imported=True).count() == 2


def test_the_register_exports_in_the_columns_the_import_reads(
    client_for: Any, town: Any, received: Any, personas: Any
) -> None:
    import io

    import openpyxl

    from requests_app import services
    from requests_app.importer import HEADERS, check
    from requests_app.register_views import EXPORT_COLUMNS

    replied = services.reply(application=received(), actor=personas["case_officer"], outcome=Outcome.DISCLOSED,
                             today=date(2026, 11, 20))  # fmt: skip
    received()  # still open
    response = client_for("case_officer").get(reverse("requests-staff:export"), {"status": "replied"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == EXPORT_COLUMNS and len(rows) == 2
    line = dict(zip(EXPORT_COLUMNS, rows[1], strict=True))
    assert line["原编号"] == replied.number and line["办理结果"] == "予以公开" and line["申请人类型"] == "自然人"
    parsed = {HEADERS[k]: ("" if v is None else str(v)[:10]) for k, v in line.items() if k in HEADERS}
    parsed["number"] = ""
    report, clean = check(town.other_town, [parsed])
    assert report.clean and clean[0]["outcome"] == Outcome.DISCLOSED
    assert client_for("editor").get(reverse("requests-staff:export")).status_code == 404


def test_a_case_still_open_comes_in_as_being_handled_and_counts_as_carried_over(
    client_for: Any, town: Any, calendar: None
) -> None:
    """annual-report.md: past years come in through the register, open cases included, so that the first year
    the portal reports has the right 二 (上年结转)."""
    from supervision.annual_report import layout
    from supervision.annual_report.tables import table_three, values

    open_case = "2025-031,2025-12-22,自然人,信函,王某,2025年村级财务公开情况,,,,\n"
    half = "2025-032,2025-12-23,自然人,信函,赵某,道路建设资金,予以公开,,,\n"
    client = client_for("case_officer")
    refused = upload(client, town, HEADER + half, dry_run=True)
    assert "办理结果和答复日期须同时填写" in refused
    assert "已导入 1 件申请" in upload(client, town, HEADER + open_case, dry_run=False)
    application = Application.objects.get(number="2025-031")
    assert application.status == Status.RECEIVED and application.outcome == "" and application.deadline is not None
    assert values(table_three([town.town.pk], 2026))[layout.CARRIED_IN][layout.PERSON] == 1
    assert values(table_three([town.town.pk], 2025))[layout.CARRIED_OUT][layout.PERSON] == 1


def test_a_withdrawal_before_receipt_is_imported_into_no_row_and_an_open_case_is_closed_later(
    client_for: Any, town: Any, personas: Any, calendar: None
) -> None:
    from requests_app import services
    from supervision.annual_report import layout
    from supervision.annual_report.tables import table_three, values

    rows = ("2025-040,,自然人,网上申请,钱某,村道维修记录,申请人撤回,,,网上提交后即撤回,2025-09-01\n"
            "2025-041,2025-12-29,自然人,信函,孙某,河道整治方案,,,,,\n")  # fmt: skip
    client = client_for("case_officer")
    assert "已导入 2 件申请" in upload(client, town, HEADER.strip() + ",提交日期\n" + rows, dry_run=False)
    withdrawn = Application.objects.get(number="2025-040")
    assert withdrawn.withdrawn and withdrawn.received_on is None and withdrawn.arrived_on == date(2025, 9, 1)
    grid = values(table_three([town.town.pk], 2025))
    assert grid[layout.NEW]["总计"] == 1 and grid[layout.CARRIED_OUT]["总计"] == 1  # the withdrawal: no row
    open_case = Application.objects.get(number="2025-041")
    services.reply(application=open_case, actor=personas["case_officer"], outcome=Outcome.DISCLOSED,
                   today=date(2026, 1, 20))  # fmt: skip
    assert values(table_three([town.town.pk], 2026))["（一）予以公开"]["总计"] == 1
    missing_date = "2025-042,,自然人,网上申请,李某,路灯,撤回,,,,\n"
    assert "须填写提交日期" in upload(client, town, HEADER.strip() + ",提交日期\n" + missing_date, dry_run=True)
