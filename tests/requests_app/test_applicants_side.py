"""The applicant's side of the case: the tracking page says what was asked, what the office waits for and until
when; a requested correction is sent from it (条例 第三十条); a withdrawal is confirmed first and then said; the
number and code arrive by mail; bookmarked addresses ask for the code; provided files are downloaded there."""

import uuid
from datetime import date, datetime
from typing import Any
from unittest.mock import patch
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from requests_app import services
from requests_app.models import Application, Status
from requests_app.outcomes import Outcome
from requests_app.receipt import Channel
from tests.files import PDF

from .conftest import correct, person_data

pytestmark = pytest.mark.django_db


def registered(town: Any, personas: Any, on: date = date(2026, 11, 2), **changes: Any) -> tuple[Application, str]:
    done = services.register(organisation=town.town, data=person_data(**changes), channel=Channel.IN_PERSON,
                             arrived_on=on, actor=personas["case_officer"])  # fmt: skip
    return done.application, done.tracking_code


def opened(application: Application, code: str) -> Client:
    client = Client()
    response = client.post("/ysq/track/", {"number": application.number, "code": code})
    assert response.status_code == 302
    return client


def page(client: Client, application: Application) -> str:
    return client.get(f"/ysq/track/{application.number}/").content.decode()


def test_the_tracking_page_says_what_was_asked_the_deadline_and_how_it_was_computed(
    town: Any, personas: Any, calendar: None
) -> None:
    application, code = registered(town, personas)
    shown = page(opened(application, code), application)
    assert "危房改造补助资金发放名单" in shown
    assert "本机关正在办理，将于2026年11月30日前答复" in shown
    assert "答复期限的计算：自2026年11月2日起算 20 个工作日，答复期限为2026年11月30日。" in shown
    assert "13812345678" not in shown and "11010519491231002X" not in shown


def test_the_tracking_page_says_what_the_office_waits_for_and_until_when(
    town: Any, personas: Any, calendar: None
) -> None:
    application, code = registered(town, personas)
    client = opened(application, code)
    correct(application, personas)
    assert "本机关等待您补正申请，补正期限至" in page(client, application)
    fee_case, fee_code = registered(town, personas)
    services.notify_fee(application=fee_case, actor=personas["case_officer"], method="per_page", pages=40,
                        how_to_pay="财务室", today=date(2026, 11, 5))  # fmt: skip
    assert "本机关等待您缴纳信息处理费100元，缴费期限为收到收费通知之次日起20个工作日" in page(
        opened(fee_case, fee_code), fee_case
    )


def test_article_30_the_applicant_sends_the_correction_online_and_its_arrival_is_recorded(
    town: Any, personas: Any, calendar: None, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    application, code = registered(town, personas)
    correct(application, personas)
    client = opened(application, code)
    refused = client.post(f"/ysq/track/{application.number}/", {"action": "correct", "text": ""})
    assert "请填写补正的内容，或上传补正材料" in refused.content.decode()
    upload = SimpleUploadedFile("补充说明.pdf", PDF, content_type="application/pdf")
    sent_at = datetime(2026, 11, 9, 15, 42, tzinfo=ZoneInfo("Asia/Shanghai"))
    text = "1. 所需信息为2025年度名单\n2. 文号：示政发〔2025〕3号"
    correction = {"action": "correct", "text": text, "uploads": upload}
    with django_capture_on_commit_callbacks(execute=True), patch("django.utils.timezone.now", return_value=sent_at):
        response = client.post(f"/ysq/track/{application.number}/", correction, follow=True)
    shown = response.content.decode()
    assert "补正已提交，本机关于2026年11月9日 15:42收到" in shown and "为2026年12月7日" in shown
    application.refresh_from_db()
    assert application.status == Status.RECEIVED and application.correction_received_on == date(2026, 11, 9)
    assert application.clock_start == date(2026, 11, 9) and application.deadline == date(2026, 12, 7)
    event = application.events.get(action="receive_correction")
    assert event.actor is None and event.detail["online"] and event.detail["at"].startswith("2026-11-09T15:42")
    assert application.attachments.get().name == "补充说明.pdf"
    assert any("补正已提交" in m.subject for m in mail.outbox)
    queue = client_for("case_officer").get("/staff/ysq/?status=all").content.decode()
    assert "申请人已网上补正" in queue


def test_the_number_and_tracking_code_are_mailed_after_an_online_application(
    town: Any, calendar: None, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        done = services.submit_online(organisation=town.town, data=person_data(), submission_key=uuid.uuid4())
    [to_applicant] = [m for m in mail.outbox if m.to == ["zhangsan@example.com"]]
    assert done.application.number in to_applicant.body and done.tracking_code in to_applicant.body


def test_a_bookmarked_notice_address_opens_the_notice_after_the_code(town: Any, personas: Any, calendar: None) -> None:
    application, code = registered(town, personas)
    correct(application, personas)
    notice = application.notices.get()
    address = f"/ysq/track/{application.number}/notices/{notice.pk}/"
    client = Client()
    asked = client.get(address)
    assert asked.status_code == 302 and asked["Location"].startswith("/ysq/track/?number=")
    opened_notice = client.post(asked["Location"], {"number": application.number, "code": code, "next": address})
    assert opened_notice["Location"] == address
    assert notice.title in client.get(address).content.decode()


def test_withdrawal_is_confirmed_first_then_said_and_recorded_as_withdrawn(
    town: Any, personas: Any, calendar: None
) -> None:
    application, code = registered(town, personas)
    client = opened(application, code)
    first = client.post(f"/ysq/track/{application.number}/", {"action": "withdraw", "reason": "已从村务公开栏看到"})
    assert "确认撤回这份申请？" in first.content.decode()
    application.refresh_from_db()
    assert application.is_open
    confirmed = {"action": "withdraw", "confirm": "yes", "reason": "已从村务公开栏看到"}
    done = client.post(f"/ysq/track/{application.number}/", confirmed, follow=True)
    shown = done.content.decode()
    assert "您已撤回这份申请。本机关不再办理" in shown and "申请人撤回申请（其他处理）" in shown
    application.refresh_from_db()
    assert application.withdrawn and application.outcome == Outcome.OTHER  # still row (六)3 of table 三
    assert "其他处理：其他" not in shown


def test_information_provided_electronically_is_downloaded_from_the_tracking_page(
    town: Any, personas: Any, calendar: None, client_for: Any
) -> None:
    application, code = registered(town, personas)
    services.reply(application=application, actor=personas["case_officer"], outcome=Outcome.DISCLOSED,
                   today=date(2026, 11, 20))  # fmt: skip
    staff = client_for("case_officer")
    upload = SimpleUploadedFile("补助名单.pdf", PDF, content_type="application/pdf")
    staff.post(f"/staff/ysq/{application.pk}/act/provide_files/", {"uploads": upload})
    provided = application.attachments.get(provided=True)
    client = opened(application, code)
    assert "补助名单.pdf" in page(client, application)
    download = client.get(f"/ysq/track/{application.number}/files/{provided.pk}/")
    assert download.status_code == 200 and download["Cache-Control"] == "no-store"
    assert Client().get(f"/ysq/track/{application.number}/files/{provided.pk}/").status_code == 302
