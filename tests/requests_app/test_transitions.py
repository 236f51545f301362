"""The transition table walked exhaustively: every (status, action) pair is either in the table or refused
with a message in Chinese, and every action of the table has a staff screen."""

import pytest
from django.core.exceptions import ValidationError

from requests_app.models import Status
from requests_app.staff_views import SPECS
from requests_app.states import (
    ANY_STATUS_ACTIONS,
    CREATING_ACTIONS,
    TRANSITIONS,
    Action,
    allowed_actions,
    ensure_allowed,
)

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
