"""Deadline reminders: due within 3 working days and overdue, mailed once per change, safe to run twice."""

from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from portal.models import OutgoingMail
from requests_app.models import Reminder

pytestmark = pytest.mark.django_db


def test_reminders_mark_and_mail_once(received: Any, personas: Any) -> None:
    due_soon = received(on=date(2026, 11, 2))  # deadline 2026-11-30
    later = received(on=date(2026, 11, 20))
    out = StringIO()
    call_command("request_reminders", "--today", "2026-11-25", stdout=out)
    due_soon.refresh_from_db()
    later.refresh_from_db()
    assert due_soon.reminder == Reminder.DUE_SOON and later.reminder == Reminder.NONE
    queued = list(OutgoingMail.objects.order_by("id"))  # one message to each, in the outbox with the mark
    assert {m.to for m in queued} == {"case_officer@example.gov.cn", "office_head@example.gov.cn"}
    assert all("即将到期" in m.subject and due_soon.number in m.subject for m in queued)
    call_command("request_reminders", "--today", "2026-11-25", stdout=out)
    assert OutgoingMail.objects.count() == 2  # the second run the same day sends nothing
    call_command("request_reminders", "--today", "2026-12-01", stdout=out)
    due_soon.refresh_from_db()
    assert due_soon.reminder == Reminder.OVERDUE and "超期" in OutgoingMail.objects.order_by("id").last().subject


def test_a_calendar_change_moves_open_deadlines(received: Any, client_for: Any) -> None:
    """A State Council arrangement entered later (e.g. an extra holiday) moves every open deadline at once."""
    from portal import workdays
    from portal.models import AdjustmentKind, CalendarAdjustment, CalendarYear

    application = received(on=date(2026, 11, 2))
    assert application.deadline == date(2026, 11, 30)
    year = CalendarYear.objects.get(year=2026)
    CalendarAdjustment.objects.create(
        calendar_year=year, date=date(2026, 11, 20), kind=AdjustmentKind.HOLIDAY, name="演示：临时放假"
    )
    workdays.calendar_changed()
    application.refresh_from_db()
    assert application.deadline == date(2026, 12, 1)


def test_article_31_unconfirmed_after_one_working_day_is_mailed_once(town: Any, personas: Any, calendar: None) -> None:
    from requests_app import services
    from requests_app.receipt import Channel

    from .conftest import person_data

    letter = services.register(organisation=town.town, data=person_data(), channel=Channel.ORDINARY_LETTER,
                               arrived_on=date(2026, 11, 23), actor=personas["case_officer"]).application  # fmt: skip
    call_command("request_reminders", "--today", "2026-11-24", stdout=StringIO())
    assert not OutgoingMail.objects.exists()  # one working day is allowed
    call_command("request_reminders", "--today", "2026-11-25", stdout=StringIO())
    call_command("request_reminders", "--today", "2026-11-25", stdout=StringIO())
    queued = list(OutgoingMail.objects.all())  # one message to each of the two recipients, once
    assert len(queued) == 2 and all("未确认收到" in m.subject for m in queued)
    letter.refresh_from_db()
    assert letter.reminder == Reminder.UNCONFIRMED
    confirmed = services.confirm(
        application=letter, actor=personas["case_officer"], today=date(2026, 11, 25),
        late_reason="到达当日电话无人接听", unreachable=True,
    )  # fmt: skip
    assert confirmed.reminder == Reminder.NONE


def test_uploads_of_an_abandoned_online_form_are_deleted(settings: Any, tmp_path: Any) -> None:
    import os
    import time

    from requests_app.tasks import discard_abandoned_uploads

    old = settings.PRIVATE_MEDIA_ROOT / "pending" / "key-1" / "身份证.jpg"
    fresh = settings.PRIVATE_MEDIA_ROOT / "pending" / "key-2" / "委托书.pdf"
    for path in (old, fresh):
        path.parent.mkdir(parents=True)
        path.write_bytes(b"x")
    three_days_ago = time.time() - 72 * 3600
    os.utime(old, (three_days_ago, three_days_ago))
    assert discard_abandoned_uploads() == 1
    assert not old.exists() and not old.parent.exists() and fresh.exists()
