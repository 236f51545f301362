"""Correction (条例 第三十条): once, within 7 working days, the clock restarts, no answer closes."""

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from requests_app import services
from requests_app.models import Notice, NoticeKind, Status
from requests_app.outcomes import Outcome

from .conftest import correct

pytestmark = pytest.mark.django_db


def test_article_30_correction_notice_lists_every_item_and_the_period(received: Any, personas: Any) -> None:
    application = correct(received(), personas)
    assert application.status == Status.CORRECTION and application.deadline is None
    assert application.correction_due == date(2026, 11, 19)
    notice = Notice.objects.get(application=application, kind=NoticeKind.CORRECTION)
    assert notice.title == "政府信息公开申请补正通知书"
    assert "1．请写明所需信息的年份" in notice.body and "2．请补充文号" in notice.body
    assert "2026年11月19日" in notice.body


def test_article_30_only_one_correction(received: Any, personas: Any) -> None:
    application = correct(received(), personas)
    application = services.receive_correction(
        application=application,
        actor=personas["case_officer"],
        received_on=date(2026, 11, 10),
        today=date(2026, 11, 10),
    )
    with pytest.raises(ValidationError, match="只能发出一次"):
        correct(application, personas, today=date(2026, 11, 10))


def test_article_30_correction_only_within_7_working_days_of_receipt(received: Any, personas: Any) -> None:
    application = received()
    with pytest.raises(ValidationError, match="7个工作日"):
        correct(application, personas, today=date(2026, 11, 12))  # the 8th working day after 2 Nov
    assert correct(application, personas, today=date(2026, 11, 11)).status == Status.CORRECTION  # the 7th


def test_article_30_reply_clock_restarts_when_the_correction_arrives(received: Any, personas: Any) -> None:
    application = correct(received(), personas)
    application = services.receive_correction(
        application=application,
        actor=personas["case_officer"],
        received_on=date(2026, 11, 16),
        today=date(2026, 11, 16),
    )
    assert application.status == Status.RECEIVED
    assert application.clock_start == date(2026, 11, 16)
    assert application.deadline == date(2026, 12, 14)


def test_article_30_no_correction_in_time_closes_as_other_1(received: Any, personas: Any) -> None:
    application = correct(received(), personas)
    with pytest.raises(ValidationError, match="期限届满后"):
        services.close_no_correction(application=application, actor=personas["case_officer"], today=date(2026, 11, 19))
    closed = services.close_no_correction(
        application=application, actor=personas["case_officer"], today=date(2026, 11, 20)
    )
    assert closed.status == Status.CLOSED and closed.outcome == Outcome.OTHER_NO_CORRECTION


def test_article_30_unclear_after_correction_needs_a_correction(received: Any, personas: Any) -> None:
    with pytest.raises(ValidationError, match="未经补正"):
        services.reply(
            application=received(),
            actor=personas["case_officer"],
            outcome=Outcome.UNAVAILABLE_UNCLEAR_AFTER_CORRECTION,
            today=date(2026, 11, 10),
        )
