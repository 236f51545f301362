"""The reply period, its extension, Art. 35 and fees (条例 第三十三条、第三十五条、第四十二条)."""

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from requests_app import services
from requests_app.models import Notice, NoticeKind, Status
from requests_app.outcomes import Outcome

from .conftest import RECEIVED

pytestmark = pytest.mark.django_db


def test_article_33_reply_deadline_is_20_working_days_after_receipt(received: Any) -> None:
    application = received()
    assert application.status == Status.RECEIVED
    assert application.received_on == RECEIVED
    assert application.deadline == date(2026, 11, 30)
    assert "20 个工作日" in application.deadline_statement


def test_article_33_extension_needs_the_disclosure_office_head(received: Any, personas: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.extend(
            application=received(),
            approver=personas["case_officer"],
            working_days=10,
            reason="需要调取档案",
            today=date(2026, 11, 20),
        )


def test_article_33_one_extension_of_at_most_20_working_days_with_a_notice(received: Any, personas: Any) -> None:
    application = received()
    with pytest.raises(ValidationError, match="最长不超过20个工作日"):
        services.extend(
            application=application,
            approver=personas["office_head"],
            working_days=21,
            reason="需要调取档案",
            today=date(2026, 11, 20),
        )
    extended = services.extend(
        application=application,
        approver=personas["office_head"],
        working_days=20,
        reason="需要调取档案",
        today=date(2026, 11, 20),
    )
    assert extended.deadline == date(2026, 12, 28)
    notice = Notice.objects.get(kind=NoticeKind.EXTENSION)
    assert notice.title == "延期答复告知书" and "2026年12月28日" in notice.body
    event = extended.events.get(action="extend")
    assert event.actor == personas["office_head"] and event.note == "需要调取档案"
    with pytest.raises(ValidationError, match="只能延长一次"):
        services.extend(
            application=extended,
            approver=personas["office_head"],
            working_days=1,
            reason="再次延期",
            today=date(2026, 11, 23),
        )


def test_article_33_extension_notice_goes_out_before_the_original_deadline(received: Any, personas: Any) -> None:
    with pytest.raises(ValidationError, match="已过期限"):
        services.extend(
            application=received(),
            approver=personas["office_head"],
            working_days=5,
            reason="需要调取档案",
            today=date(2026, 12, 1),
        )


# ------------------------------------------------------------------ Art. 35 and fees (第四十二条)


def test_article_35_a_later_reply_date_for_reasonable_mass_applications(received: Any, personas: Any) -> None:
    application = received()
    services.ask_reasons(
        application=application,
        actor=personas["case_officer"],
        note="",
        due=date(2026, 11, 16),
        today=date(2026, 11, 6),
    )
    services.receive_reasons(application=application, actor=personas["case_officer"], received_on=date(2026, 11, 12),
                             reasons="用于本村土地确权纠纷的诉讼，需要历年档案", today=date(2026, 11, 12))  # fmt: skip
    later = services.set_later_date(
        application=application,
        actor=personas["case_officer"],
        later=date(2027, 1, 15),
        reason="申请涉及十年档案",
        today=date(2026, 11, 17),
    )
    assert later.deadline == date(2027, 1, 15)
    assert Notice.objects.filter(kind=NoticeKind.LATER_DATE).exists()


def test_article_42_no_fee_within_the_free_range(received: Any, personas: Any) -> None:
    with pytest.raises(ValidationError, match="未超出免费范围"):
        services.notify_fee(
            application=received(),
            actor=personas["case_officer"],
            method="per_page",
            pages=30,
            how_to_pay="到财务室缴纳",
            today=date(2026, 11, 5),
        )


def test_article_42_per_application_fee_counts_the_applicants_month(received: Any, personas: Any) -> None:
    applications = [received(on=date(2026, 11, 2)) for _ in range(11)]
    eleventh = services.notify_fee(
        application=applications[-1],
        actor=personas["case_officer"],
        method="per_application",
        how_to_pay="到财务室缴纳",
        today=date(2026, 11, 5),
    )
    assert eleventh.fee_amount == 100 and eleventh.status == Status.FEE
    notice = Notice.objects.get(kind=NoticeKind.FEE)
    assert "本月第11件申请" in notice.body and "人民币100元" in notice.body and notice.title == "信息处理费缴费通知书"


def test_fee_unpaid_for_20_working_days_closes_as_other_2(received: Any, personas: Any) -> None:
    application = services.notify_fee(
        application=received(),
        actor=personas["case_officer"],
        method="per_page",
        pages=40,
        how_to_pay="到财务室缴纳",
        today=date(2026, 11, 5),
    )
    assert application.fee_amount == 100 and application.fee_due == date(2026, 12, 3)
    with pytest.raises(ValidationError):
        services.close_fee_unpaid(application=application, actor=personas["case_officer"], today=date(2026, 12, 3))
    closed = services.close_fee_unpaid(application=application, actor=personas["case_officer"], today=date(2026, 12, 4))
    assert closed.outcome == Outcome.OTHER_FEE_UNPAID and closed.status == Status.CLOSED


def test_fee_wait_does_not_pause_the_clock_by_default(received: Any, personas: Any, settings: Any) -> None:
    application = services.notify_fee(
        application=received(),
        actor=personas["case_officer"],
        method="per_page",
        pages=40,
        how_to_pay="到财务室缴纳",
        today=date(2026, 11, 5),
    )
    assert application.deadline == date(2026, 11, 30)
    settings.FEE_WAIT_PAUSES_CLOCK = True
    paid = services.record_payment(
        application=application, actor=personas["case_officer"], paid_on=date(2026, 11, 10), today=date(2026, 11, 10)
    )
    assert paid.deadline == date(2026, 12, 3)  # 3 working days paused (6, 9, 10 Nov)


def test_article_42_fee_notice_within_the_handling_period(received: Any, personas: Any) -> None:
    with pytest.raises(ValidationError, match="答复期限内"):
        services.notify_fee(application=received(), actor=personas["case_officer"], method="per_page", pages=40,
                            how_to_pay="到财务室缴纳", today=date(2026, 12, 1))  # fmt: skip
