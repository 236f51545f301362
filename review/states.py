"""The review workflow as data: which decision is allowed in which status of a submission, and where it
leads. Each decision is one function in services.py."""

from portal.workflow import Workflow

from .models import DecisionKind as D
from .models import SubmissionStatus as S

TRANSITIONS: dict[tuple[str, str], str] = {
    # a stage's approval moves the submission to the next stage; the last one's leads on to PUBLISH or SCHEDULE
    (S.IN_REVIEW, D.APPROVE): S.IN_REVIEW,
    (S.IN_REVIEW, D.SCHEDULE): S.SCHEDULED,
    (S.IN_REVIEW, D.PUBLISH): S.PUBLISHED,
    (S.SCHEDULED, D.PUBLISH): S.PUBLISHED,
    (S.IN_REVIEW, D.RETURN): S.RETURNED,
    (S.REFERRED, D.RETURN): S.RETURNED,
    (S.IN_REVIEW, D.REJECT): S.REJECTED,
    (S.REFERRED, D.REJECT): S.REJECTED,
    (S.IN_REVIEW, D.REFER): S.REFERRED,
    (S.REFERRED, D.ANSWER): S.IN_REVIEW,
    (S.IN_REVIEW, D.MASK): S.IN_REVIEW,
    (S.REFERRED, D.MASK): S.REFERRED,
    (S.IN_REVIEW, D.OVERRIDE): S.IN_REVIEW,
    (S.REFERRED, D.OVERRIDE): S.REFERRED,
    (S.IN_REVIEW, D.CONFIRM_OVERRIDE): S.IN_REVIEW,
    (S.REFERRED, D.CONFIRM_OVERRIDE): S.REFERRED,
    (S.IN_REVIEW, D.RESCAN): S.IN_REVIEW,
    (S.REFERRED, D.RESCAN): S.REFERRED,
}

# Decisions that are not transitions of an existing submission.
CREATING_DECISIONS = (D.SUBMIT,)

WORKFLOW = Workflow(S, TRANSITIONS)
ensure_allowed = WORKFLOW.ensure_allowed
