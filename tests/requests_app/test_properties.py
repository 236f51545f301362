"""Random sequences of workflow actions keep the statutory invariants (regulation.md §1.2–1.6):
at most one correction and one extension, paused days never counted, the deadline never before receipt
(or correction) + 20 working days while open, exactly one outcome once closed, no fee notice after payment,
no excessive-application refusal without reasons asked first, and no event dated after the day it was recorded."""

import contextlib
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.workdays import add_working_days, is_working_day, working_days_between
from requests_app import services
from requests_app.models import OPEN_STATUSES, Application, ConsultationAnswer, NoticeKind, Status
from requests_app.outcomes import Outcome

TZ = ZoneInfo("Asia/Shanghai")
ACTIONS = [
    "correct",
    "receive_correction",
    "close_no_correction",
    "consult",
    "letter_receipt",
    "opinion",
    "ask_reasons",
    "correct_online",
    "prepare",
    "sign_off",
    "return_reply",
    "request_extension",
    "approve_extension",
    "receive_reasons",
    "fee_delivery",
    "reduce_fee",
    "waive_fee",
    "extend",
    "fee",
    "pay",
    "close_fee",
    "reply",
    "withdraw",
    "deliver",
    "archive",
]


def perform(name: str, application: Application, today: date, users: dict[str, Any], pick: int) -> None:
    officer, head = users["case_officer"], users["office_head"]
    kw: dict[str, Any] = {"application": application}
    if name == "correct":
        services.request_correction(
            **kw, actor=officer, items=["补充文号"], period_working_days=5 + pick % 10, today=today
        )
    elif name == "receive_correction":
        services.receive_correction(**kw, actor=officer, received_on=today, today=today, note="正当理由")
    elif name == "close_no_correction":
        services.close_no_correction(**kw, actor=officer, today=today)
    elif name == "consult":
        services.consult(**kw, actor=officer, kind=["third_party", "agency"][pick % 2], party="第三方", today=today)
    elif name == "correct_online":
        services.submit_correction_online(**kw, text="补正内容", now=datetime.combine(today, time(10), tzinfo=TZ))
    elif name == "prepare":
        services.prepare_reply(**kw, actor=officer, outcome=Outcome.DISCLOSED, today=today)
    elif name == "sign_off":
        services.sign_off(**kw, approver=head, today=today)
    elif name == "return_reply":
        services.return_reply(**kw, approver=head, reason="需补充理由", today=today)
    elif name == "request_extension":
        services.request_extension(**kw, actor=officer, working_days=1 + pick % 20, reason="调取档案", today=today)
    elif name == "approve_extension":
        services.approve_extension(**kw, approver=head, today=today)
    elif name == "letter_receipt":
        services.record_letter_receipt(**kw, actor=officer, received_on=today, today=today)
    elif name == "ask_reasons":
        services.ask_reasons(**kw, actor=officer, note="", due=today + timedelta(days=1 + pick % 10), today=today)
    elif name == "receive_reasons":
        services.receive_reasons(**kw, actor=officer, received_on=today, reasons="用于诉讼", today=today)
    elif name == "fee_delivery":
        services.deliver_fee_notice(**kw, actor=officer, received_on=today, today=today)
    elif name == "reduce_fee":
        services.reduce_fee(**kw, actor=officer, amount=1 + pick, reason="低保户", today=today)
    elif name == "waive_fee":
        services.waive_fee(**kw, actor=officer, reason="免收", today=today)
    elif name == "opinion":
        answer = [ConsultationAnswer.AGREES, ConsultationAnswer.OBJECTS, ConsultationAnswer.NO_ANSWER][pick % 3]
        services.record_opinion(**kw, actor=officer, answer=answer, note="理由", answered_on=today, today=today)
    elif name == "extend":
        services.extend(**kw, approver=head, working_days=1 + pick % 25, reason="需要调取档案", today=today)
    elif name == "fee":
        services.notify_fee(**kw, actor=officer, method="per_page", pages=31 + pick, how_to_pay="财务室", today=today)
    elif name == "pay":
        services.record_payment(**kw, actor=officer, paid_on=today, today=today)
    elif name == "close_fee":
        services.close_fee_unpaid(**kw, actor=officer, today=today)
    elif name == "reply":
        outcome = [Outcome.DISCLOSED, Outcome.UNAVAILABLE_NOT_HELD, Outcome.NOT_PROCESSED_REPEAT,
                   Outcome.NOT_PROCESSED_EXCESSIVE][pick % 4]  # fmt: skip
        services.reply(
            **kw, actor=head, outcome=outcome, reason="理由", public_interest_reason="公共利益",
            not_held_ground="nonexistent", today=today,
        )  # fmt: skip
    elif name == "withdraw":
        services.withdraw(**kw, actor=None, reason="", today=today)
    elif name == "deliver":
        services.deliver(**kw, actor=officer, way="email", delivered_on=today, today=today)
    elif name == "archive":
        services.archive(**kw, actor=officer, today=today)


def paused_days(application: Application) -> int:
    """Counted independently of deadlines.py: working days inside a consultation after the clock started."""
    start = application.clock_start
    assert start is not None
    days = set()
    for c in application.consultations.all():
        due = c.due or add_working_days(c.sent_on, 15).value  # 15 working days from the letter's receipt
        end = min(c.answered_on or due, due)
        day = max(c.sent_on, start) + timedelta(days=1)
        while day <= end:
            if is_working_day(day).value:
                days.add(day)
            day += timedelta(days=1)
    return len(days)


def check_invariants(application: Application, today: date) -> None:
    application.refresh_from_db()
    assert not application.events.filter(on__gt=today).exists()
    paid = application.events.filter(action="record_payment").first()
    if paid is not None:
        assert not application.notices.filter(kind=NoticeKind.FEE, issued_at__gt=paid.at).exists()
    if application.outcome == Outcome.NOT_PROCESSED_EXCESSIVE:
        assert application.events.filter(action="ask_reasons").exists()
    if application.prepared_reply:  # a prepared reply waits only while the case is being handled
        assert application.status == Status.RECEIVED
    replies = application.events.filter(action="reply")
    assert replies.count() <= 1 and all(e.actor.username == "office_head" for e in replies)  # 签发 is on
    last = application.events.order_by("at", "id").last()
    assert last is not None and last.status_after == application.status
    assert application.notices.filter(kind=NoticeKind.CORRECTION).count() <= 1
    assert application.events.filter(action="extend").count() <= 1
    assert application.extension_working_days <= 20
    if application.status in OPEN_STATUSES:
        assert application.outcome == "" and application.record_outcome == ""
    else:
        assert bool(application.outcome) != bool(application.record_outcome)
    if application.status in (Status.RECEIVED, Status.CONSULTING, Status.FEE):
        assert application.clock_start is not None and application.deadline is not None
        assert application.deadline >= add_working_days(application.clock_start, 20).value
        counted = working_days_between(application.clock_start, application.deadline).value
        assert counted == 20 + application.extension_working_days + paused_days(application)


@pytest.mark.django_db
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sampled_from(ACTIONS), st.integers(0, 6), st.integers(0, 30)), max_size=12))
def test_random_action_sequences_keep_the_invariants(
    steps: list[tuple[str, int, int]], received: Any, personas: Any, settings: Any
) -> None:
    settings.REPLY_SIGN_OFF = True
    application = received(on=date(2026, 3, 2))
    today = date(2026, 3, 2)
    for name, gap, pick in steps:
        today += timedelta(days=gap)
        with contextlib.suppress(ValidationError, PermissionDenied):  # a refused action changes nothing
            perform(name, application, today, personas, pick)
        check_invariants(application, today)
