"""Citizens' draft applications (issue 11 item 6): encrypted at rest in the session table like submitted
applications, gone after DRAFT_LIFETIME_HOURS (the form says how long), expired sessions cleaned by the job."""

from datetime import timedelta
from io import StringIO
from typing import Any
from unittest.mock import patch

import pytest
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tests.files import PDF
from tests.requests_app.conftest import VALID_ID
from tests.requests_app.test_intake import ANSWERS, step_url

pytestmark = pytest.mark.django_db


def test_a_draft_is_encrypted_in_the_session_table(town: Any, calendar: None) -> None:
    client = Client()
    for step, answers in ANSWERS:
        client.post(step_url(step), answers)
    stored = " ".join(s.session_data for s in Session.objects.all())
    decoded = " ".join(str(s.get_decoded()) for s in Session.objects.all())
    assert stored and VALID_ID not in decoded and "13912345678" not in decoded and "李四" not in decoded
    # and the applicant still sees what they typed
    assert "李四" in client.get(step_url("identity")).content.decode()


def test_the_form_says_how_long_a_draft_is_kept(client: Any, town: Any, settings: Any) -> None:
    settings.DRAFT_LIFETIME_HOURS = 24
    assert "24小时内未提交的将被删除" in client.get("/ysq/town/apply/").content.decode()


def test_a_draft_older_than_its_lifetime_is_gone_with_its_uploads(town: Any, calendar: None, settings: Any) -> None:
    """(A session that expires first loses its draft with it; the job deletes the uploads by their age.)"""
    settings.DRAFT_LIFETIME_HOURS = 1
    client = Client()
    for step, answers in ANSWERS:
        client.post(step_url(step), answers)
    upload = SimpleUploadedFile("委托书.pdf", PDF, content_type="application/pdf")
    client.post(step_url("attachments"), {"uploads": upload, "upload": "1"})
    pending = list((settings.PRIVATE_MEDIA_ROOT / "pending").glob("*/*"))
    assert len(pending) == 1
    later = timezone.now() + timedelta(hours=2)
    with patch("django.utils.timezone.now", return_value=later):
        page = client.get(step_url("identity")).content.decode()
    assert "李四" not in page and not pending[0].exists()


def test_the_scheduled_job_removes_expired_sessions(town: Any) -> None:
    Client().get("/ysq/town/apply/")
    client = Client()
    client.post(step_url("kind"), {"kind": "disclosure"})
    Session.objects.update(expire_date=timezone.now() - timedelta(days=1))
    out = StringIO()
    call_command("request_reminders", stdout=out)
    assert not Session.objects.exists() and "删除过期会话" in out.getvalue()
