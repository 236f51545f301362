"""A consultation that has closed with three comments (two identical), and the receipt codes they got."""

import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from consultations.comments import services as comments
from consultations.models import Consultation

from .test_consultations import published


@pytest.fixture
def closed(client_for: Any, personas: Any, town: Any, calendar: None) -> tuple[Consultation, list[str]]:
    consultation = published(client_for("editor"), town, personas)
    codes = []
    for text, contact, section in (("建议明确议事程序。", "lisi@example.com", 2), ("建议明确议事程序。", "", 2),
                                   ("建议延长公示期。", "13912345678", None)):  # fmt: skip
        chosen = consultation.sections.get(position=section) if section else None
        received = comments.comment(consultation=consultation, text=text, name="", contact=contact, section=chosen,
                                    submission_key=uuid.uuid4())  # fmt: skip
        codes.append(received.receipt_code)
    yesterday = timezone.localdate() - timedelta(days=1)
    Consultation.objects.filter(pk=consultation.pk).update(opens_on=yesterday - timedelta(days=20), closes_on=yesterday)
    consultation.refresh_from_db()
    return consultation, codes
