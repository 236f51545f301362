"""Every (status, action) pair of a question's workflow: allowed ones lead where the table says, the others are
refused with a message in Chinese."""

import pytest
from django.core.exceptions import ValidationError

from consultations.questions.states import TRANSITIONS, Action, Status, ensure_allowed


@pytest.mark.parametrize("status", Status.values)
@pytest.mark.parametrize("action", [a for a in Action.values if a != Action.ASK])
def test_every_status_and_action(status: str, action: str) -> None:
    if (status, action) in TRANSITIONS:
        assert ensure_allowed(status, Action(action)) == TRANSITIONS[(status, action)]
    else:
        with pytest.raises(ValidationError, match="不能执行"):
            ensure_allowed(status, Action(action))


def test_a_closed_question_takes_no_answer_or_transfer() -> None:
    for status in (Status.CONVERTED, Status.DISMISSED, Status.ANSWERED):
        for action in (Action.ANSWER, Action.TRANSFER, Action.CONVERT):
            assert (status, action) not in TRANSITIONS
