"""Mail that never loses a message (issue 11 item 7): a mail outage does not turn a saved action into an error
page; the outbox retries with growing pauses, shows what failed to the system administrator, and delivers it once
the server is back."""

import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from portal.models import MailStatus, OutgoingMail
from portal.outbox import deliver, deliver_due, pause_after, queue_mail
from requests_app.models import Application
from tests.requests_app.conftest import person_data

pytestmark = pytest.mark.django_db


class DownBackend:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def send_messages(self, messages: Any) -> int:
        raise ConnectionRefusedError("mail server unreachable")


@pytest.fixture
def mail_down(settings: Any) -> Any:
    settings.MAILERS = {"default": {"BACKEND": "tests.security.test_outbox.DownBackend"}}
    return settings


def test_an_online_application_is_saved_and_confirmed_while_the_mail_server_is_down(
    town: Any, calendar: None, mail_down: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from requests_app import services

    with django_capture_on_commit_callbacks(execute=True):
        done = services.submit_online(organisation=town.town, data=person_data(), submission_key=uuid.uuid4())
    assert Application.objects.filter(pk=done.application.pk).exists()
    kept = OutgoingMail.objects.filter(to="zhangsan@example.com").get()
    assert kept.status == MailStatus.RETRYING and kept.attempts == 1 and "unreachable" in kept.last_error


def test_the_tracking_page_works_while_the_mail_server_is_down(
    town: Any, calendar: None, mail_down: Any, personas: Any
) -> None:
    from requests_app import services

    done = services.submit_online(organisation=town.town, data=person_data(), submission_key=uuid.uuid4())
    client = Client()
    response = client.post("/ysq/track/", {"number": done.application.number, "code": done.tracking_code})
    assert response.status_code == 302


def test_failed_attempts_wait_longer_each_time_then_stop(mail_down: Any) -> None:
    mail_down.MAIL_MAX_ATTEMPTS = 3
    message = queue_mail(to="a@example.gov.cn", subject="测试", body="正文")
    assert message is not None
    now = timezone.now()
    assert deliver(message.pk, now=now) == "failed"
    message.refresh_from_db()
    assert message.status == MailStatus.RETRYING and message.next_attempt_at == now + pause_after(1)
    assert deliver_due(now=now) == 0  # not due yet: nothing sent, nothing tried
    message.refresh_from_db()
    assert message.attempts == 1
    deliver(message.pk, now=now + timedelta(minutes=5))
    deliver(message.pk, now=now + timedelta(minutes=20))
    message.refresh_from_db()
    assert message.status == MailStatus.FAILED and message.attempts == 3 and message.next_attempt_at is None
    assert pause_after(2) > pause_after(1) and pause_after(30) == timedelta(hours=6)


def test_the_system_administrator_sees_failed_mail_and_sends_it_again(
    client_for: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    message = OutgoingMail.objects.create(to="a@example.gov.cn", subject="提醒", body="正文",
                                          status=MailStatus.FAILED, attempts=8, last_error="refused")  # fmt: skip
    admin = client_for("sysadmin")
    assert "1封发送失败" in admin.get("/staff/").content.decode()
    assert client_for("secadmin").get("/admin/portal/outgoingmail/").status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        admin.post("/admin/portal/outgoingmail/", {"action": "send_again", "_selected_action": [message.pk]})
    message.refresh_from_db()
    assert message.status == MailStatus.SENT and [m.to for m in mail.outbox] == [["a@example.gov.cn"]]


def test_every_queued_mail_is_delivered_once_when_the_server_is_back(mail_down: Any) -> None:
    for n in range(3):
        queue_mail(to=f"u{n}@example.gov.cn", subject="提醒", body="正文")
    mail_down.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    assert deliver_due() == 3 and deliver_due() == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["u0@example.gov.cn", "u1@example.gov.cn", "u2@example.gov.cn"]
