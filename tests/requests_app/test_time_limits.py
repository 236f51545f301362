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


@pytest.mark.parametrize("method", ["per_page", "per_application"])
def test_article_42_with_41_no_fee_of_either_method_on_a_record_correction(
    method: str, received: Any, personas: Any, client_for: Any
) -> None:
    """条例 第四十二条 charges for providing information; a request to correct a record (第四十一条) provides
    none: 150 pages of it would have cost 1,700 yuan. The case page does not offer the fee notice either."""
    application = received(kind="record_correction", description="本人低保档案中的家庭人口数有误")
    with pytest.raises(ValidationError, match="更正政府信息记录的申请不提供信息，不收取信息处理费"):
        services.notify_fee(application=application, actor=personas["case_officer"], method=method, pages=150,
                            how_to_pay="到财务室缴纳", today=date(2026, 11, 5))  # fmt: skip
    client = client_for("case_officer")
    assert "发出收费通知" not in client.get(f"/staff/ysq/{application.pk}/").content.decode()
    assert "发出收费通知" in client.get(f"/staff/ysq/{received().pk}/").content.decode()  # offered on a request
    assert not Notice.objects.filter(application=application, kind=NoticeKind.FEE).exists()


def fee(application: Any, personas: Any, **kwargs: Any) -> Any:
    values: dict[str, Any] = {
        "method": "per_page",
        "pages": 40,
        "how_to_pay": "到财务室缴纳",
        "today": date(2026, 11, 5),
    }
    return services.notify_fee(application=application, actor=personas["case_officer"], **(values | kwargs))


def test_article_42_per_application_counts_this_applicants_month_at_the_same_organisation(
    received: Any, personas: Any, town: Any
) -> None:
    """国办函〔2020〕109号: 按件 per applicant, per calendar month, per organisation; record corrections excluded."""
    for _ in range(9):
        received(on=date(2026, 11, 2))
    received(on=date(2026, 11, 2), organisation=town.party_office)  # another organisation: not counted
    received(on=date(2026, 11, 2), kind="record_correction", description="本人档案有误")  # 条例 第四十一条: not counted
    received(on=date(2026, 10, 30))  # another month: not counted
    tenth = received(on=date(2026, 11, 3))
    with pytest.raises(ValidationError, match="未超出免费范围"):
        fee(tenth, personas, method="per_application")
    eleventh = fee(received(on=date(2026, 11, 3)), personas, method="per_application")
    assert eleventh.fee_amount == 100 and eleventh.status == Status.FEE
    notice = Notice.objects.get(kind=NoticeKind.FEE)
    assert "本月向本机关提出的第11件申请" in notice.body and "人民币100元" in notice.body
    assert notice.title == "信息处理费缴费通知书"


def test_article_42_one_matter_one_application_splits_are_recorded(received: Any, personas: Any) -> None:
    for _ in range(9):
        received(on=date(2026, 11, 2))
    application = received(on=date(2026, 11, 3))
    with pytest.raises(ValidationError, match="写明拆分出的各项事项"):
        fee(application, personas, method="per_application", counted_as=3)
    charged = fee(application, personas, method="per_application", counted_as=3,
                  split_note="2019、2020、2021年度三个年度的补助名单")  # fmt: skip
    assert charged.fee_amount == 200 and charged.counted_as == 3  # the 10th free, the 11th and 12th ¥100 each
    body = Notice.objects.get(kind=NoticeKind.FEE).body
    assert "按“一事一申请”计为3件（第10至12件）：2019、2020、2021年度三个年度的补助名单" in body


def test_article_42_per_page_is_refused_for_reading_on_site(received: Any, personas: Any) -> None:
    with pytest.raises(ValidationError, match="现场查阅、抄录的，不按量收取"):
        fee(received(way="on_site", form="paper"), personas)


def test_article_42_one_fee_notice_a_correction_replaces_an_unpaid_one_and_none_after_payment(
    received: Any, personas: Any
) -> None:
    application = fee(received(), personas, pages=40)
    corrected = fee(application, personas, pages=120, today=date(2026, 11, 6))
    assert corrected.fee_amount == 1100 and corrected.status == Status.FEE
    assert Notice.objects.filter(kind=NoticeKind.FEE).count() == 2
    assert corrected.events.filter(action="notify_fee").last().note.startswith("更正收费通知（原应缴100元）")
    services.deliver_fee_notice(application=corrected, actor=personas["case_officer"], received_on=date(2026, 11, 9),
                                today=date(2026, 11, 9))  # fmt: skip
    paid = services.record_payment(application=corrected, actor=personas["case_officer"], paid_on=date(2026, 11, 10),
                                   today=date(2026, 11, 10))  # fmt: skip
    with pytest.raises(ValidationError, match="已缴纳信息处理费"):
        fee(paid, personas, pages=200, today=date(2026, 11, 11))


def test_fee_20_working_days_run_from_the_day_after_the_notice_is_received_then_other_2(
    received: Any, personas: Any
) -> None:
    """国办函〔2020〕109号: unpaid 20 working days after receiving the notice — treated as abandoned (其他处理 2)."""
    application = fee(received(), personas)
    assert application.fee_amount == 100 and application.fee_due is None
    officer = personas["case_officer"]
    with pytest.raises(ValidationError, match="请先登记申请人收到收费通知的日期"):
        services.close_fee_unpaid(application=application, actor=officer, today=date(2026, 12, 31))
    with pytest.raises(ValidationError, match="不能晚于今天"):
        services.deliver_fee_notice(application=application, actor=officer, received_on=date(2026, 11, 12),
                                    today=date(2026, 11, 10))  # fmt: skip
    delivered = services.deliver_fee_notice(application=application, actor=officer, received_on=date(2026, 11, 9),
                                            today=date(2026, 11, 10))  # fmt: skip
    assert delivered.fee_due == date(2026, 12, 7)
    with pytest.raises(ValidationError):
        services.close_fee_unpaid(application=application, actor=officer, today=date(2026, 12, 7))
    closed = services.close_fee_unpaid(application=application, actor=officer, today=date(2026, 12, 8))
    assert closed.outcome == Outcome.OTHER_FEE_UNPAID and closed.status == Status.CLOSED


def test_fees_can_be_reduced_or_waived_with_a_recorded_reason(received: Any, personas: Any) -> None:
    officer = personas["case_officer"]
    application = fee(received(), personas, pages=60)
    with pytest.raises(ValidationError, match="写明减少的理由"):
        services.reduce_fee(application=application, actor=officer, amount=100, reason="", today=date(2026, 11, 6))
    reduced = services.reduce_fee(application=application, actor=officer, amount=100, reason="申请人为低保户",
                                  today=date(2026, 11, 6))  # fmt: skip
    assert reduced.fee_amount == 100
    assert "减免：原应缴300元，减为100元（申请人为低保户）" in Notice.objects.filter(kind=NoticeKind.FEE).last().body
    waived = services.waive_fee(
        application=reduced, actor=officer, reason="经负责人同意全部免收", today=date(2026, 11, 7)
    )
    assert waived.status == Status.RECEIVED and waived.fee_amount == 0
    assert waived.events.last().note == "经负责人同意全部免收"


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
