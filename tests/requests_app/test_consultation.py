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


def receipt(application: Any, personas: Any, on: date = date(2026, 11, 10)) -> Any:
    return services.record_letter_receipt(
        application=application, actor=personas["case_officer"], received_on=on, today=on
    )


def test_article_32_third_party_has_15_working_days_from_receiving_the_letter_and_the_clock_pauses(
    received: Any, personas: Any
) -> None:
    application = received()
    consultation = consult(application, personas)
    assert consultation.due is None  # the 15 working days run from the day the letter is received
    application.refresh_from_db()
    assert application.status == Status.CONSULTING
    letter = Notice.objects.get(kind=NoticeKind.THIRD_PARTY)
    assert letter.title == "第三方意见征询函" and not letter.to_applicant and letter.recipient == "示例建筑有限公司"
    # the letter's wording agrees with the dates: a period from receipt, no date that receipt could contradict
    assert "请自收到本函之日起15个工作日内书面提出意见" in letter.body and "2026年" not in letter.body
    assert "贵单位" in letter.body and "您（" not in letter.body
    with pytest.raises(ValidationError, match="不能早于2026年11月9日"):
        receipt(application, personas, date(2026, 11, 6))
    receipt(application, personas)
    assert application.consultations.get().due == date(2026, 12, 1)
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

    def silence(on: date) -> Any:
        return services.record_opinion(application=application, actor=personas["case_officer"],
                                       answer=ConsultationAnswer.NO_ANSWER, answered_on=on, today=on)  # fmt: skip

    with pytest.raises(ValidationError, match="请先登记对方收到征求意见函的日期"):
        silence(date(2026, 12, 3))
    receipt(application, personas)  # received on 10 Nov: 15 working days to 1 Dec
    with pytest.raises(ValidationError, match="期限届满后"):
        silence(date(2026, 12, 1))
    application = silence(date(2026, 12, 3))
    # the pause runs from the letter (9 Nov) to the due date (1 Dec), not to the day silence was recorded
    assert application.deadline == date(2026, 12, 22)


def test_article_34_other_agency_silence_means_consent(received: Any, personas: Any) -> None:
    application = received()
    consult(application, personas, ConsultationKind.AGENCY)
    letter = Notice.objects.get(kind=NoticeKind.AGENCY)
    assert letter.title == "政府信息公开征求意见函" and "请自收到本函之日起15个工作日内提出意见" in letter.body
    receipt(application, personas, date(2026, 11, 9))
    services.record_opinion(
        application=application,
        actor=personas["case_officer"],
        answer=ConsultationAnswer.NO_ANSWER,
        answered_on=date(2026, 12, 1),
        today=date(2026, 12, 1),
    )
    assert application.consultations.get().answer == ConsultationAnswer.AGREES  # silence is consent


def overruled(received: Any, personas: Any) -> Any:
    application = received()
    consult(application, personas)
    services.record_opinion(application=application, actor=personas["case_officer"], answer=ConsultationAnswer.OBJECTS,
                            note="涉及商业秘密", answered_on=date(2026, 11, 12), today=date(2026, 11, 12))  # fmt: skip
    return application


def test_article_32_the_third_party_is_told_first_with_content_reasons_and_full_remedies(
    received: Any, personas: Any
) -> None:
    application = overruled(received, personas)
    services.reply(application=application, actor=personas["case_officer"], outcome=Outcome.DISCLOSED,
                   public_interest_reason="补助资金关系群众切身利益", today=date(2026, 11, 20))  # fmt: skip
    told, reply = Notice.objects.get(kind=NoticeKind.OVERRIDE), Notice.objects.get(kind=NoticeKind.REPLY)
    assert told.pk < reply.pk  # issued before the information is provided
    assert (
        "决定公开的政府信息内容：危房改造补助资金发放名单" in told.body
        and "决定公开的理由：补助资金关系群众切身利益" in told.body
    )
    assert "60日内向示例县人民政府申请行政复议，或者自收到本告知书之日起6个月内" in told.body


def test_article_32_an_optional_wait_before_providing_is_a_setting(received: Any, personas: Any, settings: Any) -> None:
    settings.OVERRIDE_WAIT_WORKING_DAYS = 3
    application = overruled(received, personas)
    services.reply(application=application, actor=personas["case_officer"], outcome=Outcome.DISCLOSED,
                   public_interest_reason="补助资金关系群众切身利益", today=date(2026, 11, 20))  # fmt: skip
    assert "将于2026年11月25日起向申请人提供" in Notice.objects.get(kind=NoticeKind.OVERRIDE).body
    assert "将于2026年11月25日起按照您选择的提供形式" in Notice.objects.get(kind=NoticeKind.REPLY).body
