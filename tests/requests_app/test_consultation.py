"""Third-party and inter-agency consultation (条例 第三十二条、第三十四条): letters, pauses, silence."""

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from requests_app import services
from requests_app.models import ConsultationAnswer, ConsultationKind, Notice, NoticeKind, Status
from requests_app.outcomes import Outcome

pytestmark = pytest.mark.django_db


def consult(application: Any, personas: Any, kind: str = ConsultationKind.THIRD_PARTY) -> Any:
    return services.consult(
        application=application,
        actor=personas["case_officer"],
        kind=kind,
        party="示例建筑有限公司",
        today=date(2026, 11, 9),
    )


def test_article_32_third_party_has_15_working_days_and_the_clock_pauses(received: Any, personas: Any) -> None:
    application = received()
    consultation = consult(application, personas)
    assert consultation.due == date(2026, 11, 30)
    application.refresh_from_db()
    assert application.status == Status.CONSULTING
    letter = Notice.objects.get(kind=NoticeKind.THIRD_PARTY)
    assert letter.title == "第三方意见征询函" and not letter.to_applicant and letter.recipient == "示例建筑有限公司"
    # answered after 5 working days: those 5 are not counted (条例 第三十三条第三款)
    application = services.record_opinion(
        application=application,
        actor=personas["case_officer"],
        answer=ConsultationAnswer.AGREES,
        answered_on=date(2026, 11, 16),
        today=date(2026, 11, 16),
    )
    assert application.status == Status.RECEIVED
    assert application.deadline == date(2026, 12, 7)
    assert "征求意见期间 5 个工作日不计入" in application.deadline_statement


def test_article_32_disclosure_over_an_objection_needs_the_public_interest_and_tells_the_third_party(
    received: Any, personas: Any
) -> None:
    application = received()
    consult(application, personas)
    services.record_opinion(
        application=application,
        actor=personas["case_officer"],
        answer=ConsultationAnswer.OBJECTS,
        note="涉及商业秘密",
        answered_on=date(2026, 11, 12),
        today=date(2026, 11, 12),
    )
    with pytest.raises(ValidationError) as error:
        services.reply(
            application=application, actor=personas["case_officer"], outcome=Outcome.DISCLOSED, today=date(2026, 11, 20)
        )
    assert "public_interest_reason" in error.value.message_dict
    services.reply(
        application=application,
        actor=personas["case_officer"],
        outcome=Outcome.DISCLOSED,
        public_interest_reason="涉及群众切身利益的补助资金发放",
        today=date(2026, 11, 20),
    )
    override = Notice.objects.get(kind=NoticeKind.OVERRIDE)
    assert override.recipient == "示例建筑有限公司" and "涉及群众切身利益" in override.body


def test_article_32_silent_third_party_is_recorded_only_after_the_period(received: Any, personas: Any) -> None:
    application = received()
    consult(application, personas)
    with pytest.raises(ValidationError, match="期限届满后"):
        services.record_opinion(
            application=application,
            actor=personas["case_officer"],
            answer=ConsultationAnswer.NO_ANSWER,
            answered_on=date(2026, 11, 30),
            today=date(2026, 11, 30),
        )
    application = services.record_opinion(
        application=application,
        actor=personas["case_officer"],
        answer=ConsultationAnswer.NO_ANSWER,
        answered_on=date(2026, 12, 3),
        today=date(2026, 12, 3),
    )
    # the pause ends at the due date, not at the day the silence was recorded: 15 working days paused
    assert application.deadline == date(2026, 12, 21)


def test_article_34_other_agency_silence_means_consent(received: Any, personas: Any) -> None:
    application = received()
    consult(application, personas, ConsultationKind.AGENCY)
    assert Notice.objects.get(kind=NoticeKind.AGENCY).title == "政府信息公开征求意见函"
    services.record_opinion(
        application=application,
        actor=personas["case_officer"],
        answer=ConsultationAnswer.NO_ANSWER,
        answered_on=date(2026, 12, 1),
        today=date(2026, 12, 1),
    )
    assert application.consultations.get().answer == ConsultationAnswer.AGREES
