"""The review workflow's transition table walked exhaustively (regulation.md §3; docs/adr/0003): every
(status, decision) pair is either in the table or refused with a message in Chinese, through the services too."""

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from review import services as review
from review.models import DecisionKind, Submission, SubmissionStatus
from review.states import CREATING_DECISIONS, TRANSITIONS, WORKFLOW, ensure_allowed
from tests.review.conftest import YES

DECISIONS = [d for d in DecisionKind if d not in CREATING_DECISIONS]


@pytest.mark.parametrize(("status", "decision"), [(s, d) for s in SubmissionStatus for d in DECISIONS])
def test_every_status_decision_pair(status: SubmissionStatus, decision: DecisionKind) -> None:
    if (status, decision) in TRANSITIONS:
        assert ensure_allowed(status, decision) == TRANSITIONS[(status, decision)]
        assert decision in WORKFLOW.allowed_actions(status)
    else:
        with pytest.raises(ValidationError) as error:
            ensure_allowed(status, decision)
        assert f"当前状态为“{status.label}”" in error.value.messages[0]


def test_closed_rounds_take_no_decision() -> None:
    for status in (SubmissionStatus.PUBLISHED, SubmissionStatus.RETURNED, SubmissionStatus.REJECTED):
        assert WORKFLOW.allowed_actions(status) == []


def _call(decision: DecisionKind, submission: Submission, users: dict[str, User]) -> Any:
    reviewer = users["reviewer"]
    calls: dict[DecisionKind, Callable[[], Any]] = {
        DecisionKind.APPROVE: lambda: review.approve(
            submission=submission, actor=reviewer, checklist=YES["secrecy"], stage_id=submission.stage_id
        ),
        DecisionKind.RETURN: lambda: review.return_for_changes(submission=submission, actor=reviewer, comment="改"),
        DecisionKind.REJECT: lambda: review.reject(submission=submission, actor=reviewer, comment="不发"),
        DecisionKind.REFER: lambda: review.refer(submission=submission, actor=reviewer, comment="报县保密局"),
        DecisionKind.ANSWER: lambda: review.record_answer(submission=submission, actor=reviewer, comment="不涉密"),
        DecisionKind.MASK: lambda: review.apply_masking(submission=submission, actor=reviewer),
        DecisionKind.RESCAN: lambda: review.rescan(submission=submission, actor=reviewer),
        DecisionKind.OVERRIDE: lambda: review.override_hit(
            submission=submission, actor=reviewer, hit_key=submission.hits[0]["key"], reason="公开电话"
        ),
    }
    return calls[decision]()


SERVICE_DECISIONS = [
    DecisionKind.APPROVE, DecisionKind.RETURN, DecisionKind.REJECT, DecisionKind.REFER, DecisionKind.ANSWER,
    DecisionKind.MASK, DecisionKind.RESCAN, DecisionKind.OVERRIDE,
]  # fmt: skip


@pytest.mark.parametrize("status", list(SubmissionStatus))
@pytest.mark.parametrize("decision", SERVICE_DECISIONS)
def test_the_services_follow_the_table(
    status: SubmissionStatus,
    decision: DecisionKind,
    submitted: Callable[..., Any],
    personas: dict[str, User],
) -> None:
    _, submission = submitted(
        body="<p>办事电话0730-5180118。</p>" if decision == DecisionKind.APPROVE else "<p>电话13812341234</p>"
    )
    Submission.objects.filter(pk=submission.pk).update(status=status)
    submission.refresh_from_db()
    if (status, decision) in TRANSITIONS:
        result = _call(decision, submission, personas)
        assert result is not None
        assert submission.decisions.filter(kind=decision).exists()
    else:
        with pytest.raises(ValidationError):
            _call(decision, submission, personas)
        assert not submission.decisions.filter(kind=decision).exists()
