"""The staff screens: queue, registration, the case page, actions with their notices, reveal, PDFs."""

import io
import uuid
from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from portal.models import AuditEvent, AuditKind
from requests_app import services
from requests_app.models import Application, Notice, Status
from requests_app.outcomes import Outcome
from tests.conftest import at

from .conftest import VALID_ID, person_data

pytestmark = pytest.mark.django_db


def test_queue_shows_deadlines_masked_data_and_only_own_organisation(received: Any, client_for: Any, town: Any) -> None:
    mine = received(on=date(2026, 11, 2))
    theirs = received(organisation=town.other_town)
    page = client_for("case_officer").get(reverse("requests-staff:queue")).content.decode()
    assert mine.number in page and theirs.number not in page
    assert "138****5678" in page and "13812345678" not in page and VALID_ID not in page
    assert "已超期" in page or "剩余" in page
    assert client_for("other_staff").get(reverse("requests-staff:case", args=[mine.pk])).status_code == 404


def test_queue_filters_overdue_and_unconfirmed(received: Any, client_for: Any, town: Any) -> None:
    old = received(on=date(2026, 10, 9))  # deadline 2026-11-06: overdue by now
    recent = received(on=date(2026, 11, 27))
    client = client_for("case_officer")
    overdue = client.get(reverse("requests-staff:queue"), {"due": "overdue"}).content.decode()
    assert old.number in overdue and recent.number not in overdue


def test_a_deadline_in_a_year_not_yet_arranged_is_marked_provisional_in_the_queue(
    received: Any, client_for: Any
) -> None:
    """regulation.md §1.3: a deadline that relies on a year without a confirmed arrangement is provisional: the
    queue says so beside the date, as the case page does (20 working days from 4 December 2026 skip 元旦 2027)."""
    late = received(on=date(2026, 12, 4))
    early = received(on=date(2026, 11, 2))
    page = client_for("case_officer").get(reverse("requests-staff:queue")).content.decode()
    assert late.deadline == date(2027, 1, 4) and "2027年1月4日（暂定）" in page
    assert f"{early.deadline.year}年{early.deadline.month}月{early.deadline.day}日（暂定）" not in page


def test_queue_does_the_same_number_of_queries_for_5_and_40_rows(received: Any, client_for: Any) -> None:
    client = client_for("case_officer")
    for _ in range(5):
        received()
    client.get(reverse("requests-staff:queue"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("requests-staff:queue"))
    for _ in range(35):
        received()
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("requests-staff:queue"))
    assert len(few) == len(many)


def test_case_page_is_a_task_list_with_the_deadline_statement(received: Any, client_for: Any) -> None:
    application = received()
    page = client_for("case_officer").get(reverse("requests-staff:case", args=[application.pk])).content.decode()
    assert "自2026年11月2日起算 20 个工作日" in page
    assert (
        "通知补正" in page and "作出答复" in page and "延期答复" in page and "须政府信息公开工作机构负责人办理" in page
    )
    assert "110***********002X" in page and VALID_ID not in page


def test_inspector_reads_but_cannot_act(received: Any, client_for: Any) -> None:
    application = received()
    client = client_for("inspector")
    page = client.get(reverse("requests-staff:case", args=[application.pk]))
    assert page.status_code == 200 and "查看完整个人信息" not in page.content.decode()
    assert client.get(reverse("requests-staff:reveal", args=[application.pk])).status_code == 404
    url = reverse("requests-staff:act", args=[application.pk, "reply"])
    assert client.post(url, {"outcome": "disclosed", "issue": "1"}).status_code == 404
    assert Application.objects.get().status == Status.RECEIVED


def test_register_an_in_person_application(town: Any, client_for: Any, calendar: None) -> None:
    response = client_for("case_officer").post(
        reverse("requests-staff:register"),
        {
            "organisation": town.town.pk,
            "kind": "disclosure",
            "channel": "in_person",
            "arrived_on": "2026-11-23",
            "applicant_type": "person",
            "name": "赵六",
            "id_type": "resident_id",
            "id_number": VALID_ID,
            "phone": "13700001111",
            "description": "村道硬化工程验收资料",
            "form": "paper",
            "way": "pick_up",
        },
    )
    application = Application.objects.get()
    assert response.status_code == 302
    assert application.received_on == date(2026, 11, 23) and application.deadline == date(2026, 12, 21)
    assert application.phone_masked == "137****1111"


def test_register_keeps_what_was_typed_on_error(town: Any, client_for: Any, calendar: None) -> None:
    response = client_for("case_officer").post(
        reverse("requests-staff:register"),
        {
            "organisation": town.town.pk,
            "channel": "in_person",
            "arrived_on": "2026-11-23",
            "applicant_type": "person",
            "name": "赵六",
            "description": "村道硬化工程验收资料",
            "form": "paper",
            "way": "pick_up",
            "kind": "disclosure",
        },
    )
    page = response.content.decode()
    assert "须登记证件类型和号码" in page and "村道硬化工程验收资料" in page and not Application.objects.exists()


def test_reply_is_generated_edited_and_issued(received: Any, client_for: Any) -> None:
    application = received()
    client = client_for("case_officer")
    url = reverse("requests-staff:act", args=[application.pk, "reply"])
    form = {"outcome": "partially_disclosed", "withheld_parts": "身份证号码｜个人隐私", "reason": ""}
    preview = client.post(url, {**form, "preview": "1"}).content.decode()
    assert "政府信息部分公开告知书" not in preview  # the title is printed on the notice, not in the text
    assert "1．身份证号码：个人隐私" in preview and "签发告知书" in preview
    assert not Notice.objects.exists() and Application.objects.get().status == Status.RECEIVED
    digest = preview.split('name="previewed_for" value="')[1].split('"')[0]
    response = client.post(
        url, {**form, "notice_text": "张三：\n\n修改后的正文。", "previewed_for": digest, "issue": "1"}
    )
    assert response.status_code == 302
    notice = Notice.objects.get()
    assert notice.body == "张三：\n\n修改后的正文。" and notice.title == "政府信息部分公开告知书"
    pdf = client.get(reverse("requests-staff:notice-pdf", args=[notice.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_a_bad_partial_disclosure_line_is_refused_with_its_text(received: Any, client_for: Any) -> None:
    application = received()
    url = reverse("requests-staff:act", args=[application.pk, "reply"])
    page = (
        client_for("case_officer")
        .post(url, {"outcome": "partially_disclosed", "withheld_parts": "身份证号码", "preview": "1"})
        .content.decode()
    )
    assert "缺少理由" in page and "身份证号码" in page


def test_reveal_needs_a_reason_and_is_audited(received: Any, client_for: Any, personas: Any) -> None:
    application = received()
    client = client_for("case_officer")
    case = client.get(reverse("requests-staff:case", args=[application.pk])).content.decode()
    assert "z***@example.com" in case and "zhangsan@example.com" not in case  # masked as the phone and ID are
    url = reverse("requests-staff:reveal", args=[application.pk])
    assert VALID_ID not in client.post(url, {"reason": ""}).content.decode()
    page = client.post(url, {"reason": "邮寄答复需要完整地址"}).content.decode()
    assert VALID_ID in page and "示例县示例镇人民路8号" in page and "13812345678" in page
    assert "zhangsan@example.com" in page
    audit = AuditEvent.objects.get(kind=AuditKind.DATA_REVEALED)
    assert audit.actor == personas["case_officer"] and audit.detail["reason"] == "邮寄答复需要完整地址"
    assert application.events.filter(action="reveal").exists()


def test_applicant_downloads_the_notice_pdf_from_the_tracking_page(
    town: Any, personas: Any, client: Any, calendar: None, pdf_support: None
) -> None:
    submitted = services.submit_online(
        organisation=town.town, data=person_data(), submission_key=uuid.uuid4(), now=at(date(2026, 11, 26))
    )
    online = services.confirm(
        application=submitted.application, actor=personas["case_officer"], today=date(2026, 11, 27)
    )
    services.reply(
        application=online, actor=personas["case_officer"], outcome=Outcome.DISCLOSED, today=date(2026, 11, 27)
    )
    client.post(reverse("requests_app:track"), {"number": online.number, "code": submitted.tracking_code})
    notice = Notice.objects.get(application=online)
    page = client.get(reverse("requests_app:track-detail", args=[online.number])).content.decode()
    assert notice.number in page and "政府信息公开告知书" in page
    pdf = client.get(reverse("requests_app:track-notice-pdf", args=[online.number, notice.pk]))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages).replace("\n", "")
    assert "政府信息公开告知书" in text and notice.number in text and "行政复议" in text


def test_workbench_counts_what_needs_attention(town: Any, received: Any, client_for: Any, calendar: None) -> None:
    from requests_app.receipt import Channel

    received(on=date(2026, 10, 9))  # overdue by now
    services.register(organisation=town.town, data=person_data(), channel=Channel.FAX, arrived_on=date(2026, 11, 2),
                      actor=None)  # fmt: skip
    page = client_for("case_officer").get(reverse("portal:workbench")).content.decode()
    assert "待确认收到：1 件" in page and "其中 1 件超过1个工作日未确认" in page and "已超期：1 件" in page
    assert "依申请公开" not in client_for("editor").get(reverse("portal:workbench")).content.decode()


def test_a_notice_cannot_be_issued_for_inputs_changed_after_it_was_generated(received: Any, client_for: Any) -> None:
    application = received()
    client = client_for("case_officer")
    url = reverse("requests-staff:act", args=[application.pk, "reply"])
    preview = client.post(url, {"outcome": "disclosed", "preview": "1"}).content.decode()
    digest = preview.split('name="previewed_for" value="')[1].split('"')[0]
    changed = {"outcome": "unavailable_not_held", "notice_text": "徐磊：\n\n予以公开。", "previewed_for": digest}
    page = client.post(url, {**changed, "issue": "1"}).content.decode()
    assert "请重新生成告知书" in page and not Notice.objects.exists()
    same = {"outcome": "disclosed", "notice_text": "徐磊：\n\n予以公开。", "previewed_for": digest, "issue": "1"}
    assert client.post(url, same).status_code == 302


def test_the_limits_shown_come_from_the_settings_that_enforce_them(client_for: Any, settings: Any) -> None:
    """One place per number: the reminder threshold shown is the one the reminders use."""
    settings.REMINDER_WORKING_DAYS = 5
    assert "5个工作日内到期" in client_for("case_officer").get("/staff/ysq/").content.decode()
    assert "5个工作日内到期" in client_for("case_officer").get("/staff/").content.decode()
