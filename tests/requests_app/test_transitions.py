"""The transition table walked exhaustively: every (status, action) pair is either in the table or refused
with a message in Chinese, and every action of the table has a staff screen."""

import uuid
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from requests_app import services
from requests_app.models import Application, Status
from requests_app.staff_views import SPECS
from requests_app.states import (
    ANY_STATUS_ACTIONS,
    CREATING_ACTIONS,
    TRANSITIONS,
    Action,
    allowed_actions,
    ensure_allowed,
)

from .conftest import person_data

PAIRS = [(status, action) for status in Status for action in Action]


@pytest.mark.parametrize(("status", "action"), PAIRS)
def test_every_status_action_pair(status: Status, action: Action) -> None:
    if (status, action) in TRANSITIONS:
        assert ensure_allowed(status, action) == TRANSITIONS[(status, action)]
        assert action in allowed_actions(status)
    else:
        with pytest.raises(ValidationError) as error:
            ensure_allowed(status, action)
        assert f"当前状态为“{status.label}”" in error.value.messages[0]


def test_every_table_action_has_a_screen() -> None:
    in_table = {action for (_, action) in TRANSITIONS}
    assert in_table <= set(SPECS)
    assert not in_table & (set(CREATING_ACTIONS) | set(ANY_STATUS_ACTIONS))


def test_closed_statuses_take_no_handling_actions() -> None:
    for status in (Status.CLOSED, Status.ARCHIVED):
        assert set(allowed_actions(status)) <= {Action.ARCHIVE, Action.MAKE_PROACTIVE}


def test_every_open_status_can_be_withdrawn_by_the_applicant() -> None:
    for status in (Status.SUBMITTED, Status.RECEIVED, Status.CORRECTION, Status.CONSULTING, Status.FEE):
        assert ensure_allowed(status, Action.WITHDRAW) == Status.CLOSED


# ---------------------------------------------------------------- through the services, one case per pair

DAY = date(2026, 11, 6)


def in_status(status: str, received: Any, personas: Any) -> Application:
    officer = personas["case_officer"]
    if status == Status.SUBMITTED:
        return services.submit_online(
            organisation=received().organisation, data=person_data(), submission_key=uuid.uuid4(),
            now=datetime(2026, 11, 2, 9, tzinfo=ZoneInfo("Asia/Shanghai")),
        ).application  # fmt: skip
    application = received()
    if status == Status.CORRECTION:
        services.request_correction(application=application, actor=officer, items=["文号"], period_working_days=10,
                                    today=date(2026, 11, 3))  # fmt: skip
    elif status == Status.CONSULTING:
        services.consult(application=application, actor=officer, kind="agency", party="县自然资源局",
                         today=date(2026, 11, 3))  # fmt: skip
    elif status == Status.FEE:
        services.notify_fee(application=application, actor=officer, method="per_page", pages=40, how_to_pay="财务室",
                            today=date(2026, 11, 3))  # fmt: skip
    elif status in (Status.REPLIED, Status.ARCHIVED):
        services.reply(application=application, actor=officer, outcome="disclosed", today=date(2026, 11, 3))
        if status == Status.ARCHIVED:
            services.deliver(
                application=application,
                actor=officer,
                way="email",
                delivered_on=date(2026, 11, 4),
                today=date(2026, 11, 4),
            )
            services.archive(application=application, actor=officer, today=date(2026, 11, 4))
    elif status == Status.CLOSED:
        services.withdraw(application=application, actor=None, reason="", today=date(2026, 11, 3))
    application.refresh_from_db()
    assert application.status == status
    return application


def call(action: str, application: Application, personas: Any) -> None:
    from disclosure.models import Column

    officer = personas["case_officer"]
    kwargs: dict[str, Any] = {
        Action.CONFIRM: {"today": DAY},
        Action.ASSIGN: {"assignee": officer, "today": DAY},
        Action.REQUEST_CORRECTION: {"items": ["文号"], "period_working_days": 10, "today": DAY},
        Action.RECEIVE_CORRECTION: {"received_on": DAY, "today": DAY},
        Action.CLOSE_NO_CORRECTION: {"today": date(2026, 12, 31)},
        Action.CONSULT: {"kind": "third_party", "party": "某公司", "today": DAY},
        Action.RECORD_OPINION: {"answer": "agrees", "answered_on": DAY, "today": DAY},
        Action.EXTEND: {"working_days": 5, "reason": "调取档案", "today": DAY},
        Action.ASK_REASONS: {"note": "", "due": date(2026, 11, 20), "today": DAY},
        Action.RECEIVE_REASONS: {"received_on": DAY, "reasons": "用于诉讼", "today": DAY},
        Action.SET_LATER_DATE: {"later": date(2027, 2, 1), "reason": "档案量大", "today": DAY},
        Action.NOTIFY_FEE: {"method": "per_page", "pages": 40, "how_to_pay": "财务室", "today": DAY},
        Action.RECORD_PAYMENT: {"paid_on": DAY, "today": DAY},
        Action.RECORD_LETTER_RECEIPT: {"received_on": DAY, "today": DAY},
        Action.DELIVER_FEE_NOTICE: {"received_on": DAY, "today": DAY},
        Action.REDUCE_FEE: {"amount": 10, "reason": "申请人为低保户", "today": DAY},
        Action.WAIVE_FEE: {"reason": "全部免收", "today": DAY},
        Action.PREPARE_REPLY: {"outcome": "disclosed", "today": DAY},
        Action.SIGN_OFF: {"today": DAY},
        Action.RETURN_REPLY: {"reason": "理由不充分", "today": DAY},
        Action.REQUEST_EXTENSION: {"working_days": 5, "reason": "调取档案", "today": DAY},
        Action.APPROVE_EXTENSION: {"today": DAY},
        Action.DECLINE_EXTENSION: {"reason": "无须延期", "today": DAY},
        Action.PROVIDE_FILES: {"files": [("名单.pdf", ContentFile(b"%PDF-1.4", name="名单.pdf"))], "today": DAY},
        Action.CLOSE_FEE_UNPAID: {"today": date(2026, 12, 31)},
        Action.REPLY: {"outcome": "disclosed", "today": DAY},
        Action.DELIVER: {"way": "email", "delivered_on": DAY, "today": DAY},
        Action.WITHDRAW: {"reason": "", "today": DAY},
        Action.ARCHIVE: {"today": DAY},
        Action.MAKE_PROACTIVE: {"column": Column.objects.get(slug="fgwj"), "today": DAY},
    }[Action(action)]
    spec = SPECS[action]
    spec.run(application=application, **{spec.actor_arg: personas["office_head"]}, **kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "action"), [(s, a) for s in Status for a in SPECS])
def test_every_pair_through_its_service(status: str, action: str, received: Any, personas: Any) -> None:
    """Each action's service refuses every status the table does not allow it from, and is reachable from
    every status the table does (its own article may still refuse, with its own message)."""
    application = in_status(status, received, personas)
    events = application.events.count()
    if (status, action) in TRANSITIONS:
        try:
            call(action, application, personas)
        except ValidationError as refused:
            assert refused.code != "transition" and "当前状态为" not in str(refused)
        else:
            application.refresh_from_db()
            assert application.status == TRANSITIONS[(status, action)]
            assert application.events.count() == events + 1
    else:
        with pytest.raises(ValidationError) as error:
            call(action, application, personas)
        assert "当前状态为" in str(error.value)
        assert application.events.count() == events
