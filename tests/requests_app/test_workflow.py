"""The statutory workflow (regulation.md §1.3–1.7), one rule per test, each naming its article."""

from datetime import date
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from requests_app import services
from requests_app.models import ConsultationAnswer, ConsultationKind, Notice, NoticeKind, Status
from requests_app.outcomes import Outcome
from requests_app.receipt import Channel

from .conftest import RECEIVED, person_data

pytestmark = pytest.mark.django_db


def test_article_33_reply_deadline_is_20_working_days_after_receipt(received: Any) -> None:
    application = received()
    assert application.status == Status.RECEIVED
    assert application.received_on == RECEIVED
    assert application.deadline == date(2026, 11, 30)
    assert "20 个工作日" in application.deadline_statement


def test_article_31_online_application_receipt_is_the_day_staff_confirm(
    town: Any, personas: Any, calendar: None
) -> None:
    submitted = services.submit_online(
        organisation=town.town, data=person_data(), submission_key=__import__("uuid").uuid4()
    )
    application = submitted.application
    assert application.status == Status.SUBMITTED and application.received_on is None and application.deadline is None
    confirmed = services.confirm(application=application, actor=personas["case_officer"], today=date(2026, 12, 1))
    assert confirmed.received_on == date(2026, 12, 1)
    assert confirmed.deadline == date(2026, 12, 29)
    assert confirmed.assignee == personas["case_officer"]


def test_article_31_ordinary_letter_without_confirmation_waits(town: Any, personas: Any, calendar: None) -> None:
    application = services.register(
        organisation=town.town,
        data=person_data(),
        channel=Channel.ORDINARY_LETTER,
        arrived_on=RECEIVED,
        actor=personas["case_officer"],
    ).application
    assert application.status == Status.SUBMITTED and application.received_on is None
    signed = services.register(
        organisation=town.town,
        data=person_data(),
        channel=Channel.SIGNED_POST,
        arrived_on=RECEIVED,
        actor=personas["case_officer"],
    ).application
    assert signed.received_on == RECEIVED and signed.status == Status.RECEIVED


def test_article_29_oral_application_records_that_staff_filled_it_in(town: Any, personas: Any, calendar: None) -> None:
    application = services.register(
        organisation=town.town,
        data=person_data(),
        channel=Channel.ORAL,
        arrived_on=RECEIVED,
        actor=personas["case_officer"],
    ).application
    assert application.filled_in_by_staff and application.received_on == RECEIVED


def test_personal_data_is_encrypted_at_rest_and_masked(received: Any) -> None:
    application = received()
    assert "13812345678" not in application.phone_encrypted
    assert application.phone_masked == "138****5678"
    assert application.id_number_masked == "110***********002X"
    assert application.personal("id_number") == "11010519491231002X"
    assert application.personal("address") == "示例县示例镇人民路8号"


# ------------------------------------------------------------------ correction (条例 第三十条)


def correct(application: Any, personas: Any, today: date = date(2026, 11, 5)) -> Any:
    return services.request_correction(
        application=application,
        actor=personas["case_officer"],
        items=["请写明所需信息的年份", "请补充文号"],
        period_working_days=10,
        today=today,
    )


def test_article_30_correction_notice_lists_every_item_and_the_period(received: Any, personas: Any) -> None:
    application = correct(received(), personas)
    assert application.status == Status.CORRECTION and application.deadline is None
    assert application.correction_due == date(2026, 11, 19)
    notice = Notice.objects.get(application=application, kind=NoticeKind.CORRECTION)
    assert notice.title == "政府信息公开申请补正通知书"
    assert "1. 请写明所需信息的年份" in notice.body and "2. 请补充文号" in notice.body
    assert "2026年11月19日" in notice.body


def test_article_30_only_one_correction(received: Any, personas: Any) -> None:
    application = correct(received(), personas)
    application = services.receive_correction(
        application=application, actor=personas["case_officer"], received_on=date(2026, 11, 10)
    )
    with pytest.raises(ValidationError, match="只能发出一次"):
        correct(application, personas, today=date(2026, 11, 10))


def test_article_30_correction_only_within_7_working_days_of_receipt(received: Any, personas: Any) -> None:
    application = received()
    with pytest.raises(ValidationError, match="7个工作日"):
        correct(application, personas, today=date(2026, 11, 12))  # the 8th working day after 2 Nov
    assert correct(application, personas, today=date(2026, 11, 11)).status == Status.CORRECTION  # the 7th


def test_article_30_reply_clock_restarts_when_the_correction_arrives(received: Any, personas: Any) -> None:
    application = correct(received(), personas)
    application = services.receive_correction(
        application=application, actor=personas["case_officer"], received_on=date(2026, 11, 16)
    )
    assert application.status == Status.RECEIVED
    assert application.clock_start == date(2026, 11, 16)
    assert application.deadline == date(2026, 12, 14)


def test_article_30_no_correction_in_time_closes_as_other_1(received: Any, personas: Any) -> None:
    application = correct(received(), personas)
    with pytest.raises(ValidationError, match="期限届满后"):
        services.close_no_correction(application=application, actor=personas["case_officer"], today=date(2026, 11, 19))
    closed = services.close_no_correction(
        application=application, actor=personas["case_officer"], today=date(2026, 11, 20)
    )
    assert closed.status == Status.CLOSED and closed.outcome == Outcome.OTHER_NO_CORRECTION


def test_article_30_unclear_after_correction_needs_a_correction(received: Any, personas: Any) -> None:
    with pytest.raises(ValidationError, match="未经补正"):
        services.reply(
            application=received(),
            actor=personas["case_officer"],
            outcome=Outcome.UNAVAILABLE_UNCLEAR_AFTER_CORRECTION,
            today=date(2026, 11, 10),
        )


# ------------------------------------------------------------------ consultation (条例 第三十二条、第三十四条)


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
        )
    application = services.record_opinion(
        application=application,
        actor=personas["case_officer"],
        answer=ConsultationAnswer.NO_ANSWER,
        answered_on=date(2026, 12, 3),
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
    )
    assert application.consultations.get().answer == ConsultationAnswer.AGREES


# ------------------------------------------------------------------ extension (条例 第三十三条第二款)


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
    paid = services.record_payment(application=application, actor=personas["case_officer"], paid_on=date(2026, 11, 10))
    assert paid.deadline == date(2026, 12, 3)  # 3 working days paused (6, 9, 10 Nov)


# ------------------------------------------------------------------ replies (条例 第三十六条至第四十一条) and notices


def test_article_36_withholding_needs_ground_and_reason(received: Any, personas: Any) -> None:
    application = received()
    with pytest.raises(ValidationError, match="法律依据和理由"):
        services.reply(
            application=application,
            actor=personas["case_officer"],
            outcome=Outcome.WITHHELD_THIRD_PARTY,
            today=date(2026, 11, 20),
        )
    replied = services.reply(
        application=application,
        actor=personas["case_officer"],
        outcome=Outcome.WITHHELD_THIRD_PARTY,
        ground="《中华人民共和国政府信息公开条例》第十五条",
        reason="涉及个人隐私",
        today=date(2026, 11, 20),
    )
    notice = Notice.objects.get(kind=NoticeKind.REPLY)
    assert notice.title == "政府信息不予公开告知书"
    assert "第十五条" in notice.body and "涉及个人隐私" in notice.body
    # 行政复议法 第二十三条: for 不予公开, reconsideration comes first
    assert "应当先自收到本告知书之日起60日内向示例县人民政府申请行政复议" in notice.body
    assert replied.status == Status.REPLIED and replied.replied_on == date(2026, 11, 20)


def test_article_37_partial_disclosure_lists_each_withheld_part(received: Any, personas: Any) -> None:
    application = received()
    with pytest.raises(ValidationError, match="逐项列明"):
        services.reply(
            application=application,
            actor=personas["case_officer"],
            outcome=Outcome.PARTIALLY_DISCLOSED,
            today=date(2026, 11, 20),
        )
    services.reply(
        application=application,
        actor=personas["case_officer"],
        outcome=Outcome.PARTIALLY_DISCLOSED,
        withheld_parts=[{"part": "身份证号码", "reason": "个人隐私"}, {"part": "银行账号", "reason": "个人隐私"}],
        today=date(2026, 11, 20),
    )
    notice = Notice.objects.get(kind=NoticeKind.REPLY)
    assert notice.title == "政府信息部分公开告知书"
    assert "1. 身份证号码：个人隐私" in notice.body and "2. 银行账号：个人隐私" in notice.body
    assert "60日内向示例县人民政府申请行政复议" in notice.body and "6个月内" in notice.body


def test_article_36_5_not_this_office_names_the_responsible_agency(received: Any, personas: Any) -> None:
    services.reply(
        application=received(),
        actor=personas["case_officer"],
        outcome=Outcome.UNAVAILABLE_NOT_HELD,
        responsible_agency="示例县住房和城乡建设局（0730-5180000）",
        today=date(2026, 11, 20),
    )
    notice = Notice.objects.get(kind=NoticeKind.REPLY)
    assert notice.title == "非本机关政府信息告知书" and "示例县住房和城乡建设局" in notice.body


def test_notices_are_numbered_per_organisation_and_year_and_frozen(received: Any, personas: Any) -> None:
    application = correct(received(), personas)
    notice = Notice.objects.get()
    assert notice.number == "示例镇依申〔2026〕1号"
    services.receive_correction(application=application, actor=personas["case_officer"], received_on=date(2026, 11, 9))
    services.reply(
        application=application,
        actor=personas["case_officer"],
        outcome=Outcome.DISCLOSED,
        today=date(2026, 11, 20),
        notice_text="张三：\n\n经修改的告知书正文。",
    )
    reply = Notice.objects.get(kind=NoticeKind.REPLY)
    assert reply.number == "示例镇依申〔2026〕2号" and reply.body == "张三：\n\n经修改的告知书正文。"
    reply.body = "改动"
    with pytest.raises(ValueError, match="不能修改"):
        reply.save()


def test_notice_to_an_applicant_with_email_is_mailed(
    received: Any, personas: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.reply(
            application=received(), actor=personas["case_officer"], outcome=Outcome.DISCLOSED, today=date(2026, 11, 20)
        )
    assert [m.to for m in mail.outbox] == [["zhangsan@example.com"]]
    assert "政府信息公开告知书" in mail.outbox[0].subject


def test_delivery_by_post_needs_a_tracking_number_and_archive_needs_delivery(received: Any, personas: Any) -> None:
    application = services.reply(
        application=received(), actor=personas["case_officer"], outcome=Outcome.DISCLOSED, today=date(2026, 11, 20)
    )
    with pytest.raises(ValidationError, match="先登记送达"):
        services.archive(application=application, actor=personas["case_officer"], today=date(2026, 11, 21))
    with pytest.raises(ValidationError):
        services.deliver(
            application=application, actor=personas["case_officer"], way="post", delivered_on=date(2026, 11, 23)
        )
    services.deliver(
        application=application,
        actor=personas["case_officer"],
        way="post",
        delivered_on=date(2026, 11, 23),
        tracking_number="EMS1234567890",
    )
    archived = services.archive(application=application, actor=personas["case_officer"], today=date(2026, 11, 24))
    assert archived.status == Status.ARCHIVED and archived.postal_tracking_number == "EMS1234567890"


def test_withdrawal_closes_as_other_3(received: Any, personas: Any) -> None:
    closed = services.withdraw(application=received(), actor=None, reason="已自行获取", today=date(2026, 11, 4))
    assert closed.outcome == Outcome.OTHER and "申请人撤回申请" in closed.reason
    assert closed.events.last().actor_label == "申请人"


def test_article_41_record_correction_has_its_own_outcomes(received: Any, personas: Any) -> None:
    application = received(kind="record_correction", description="本人户籍登记的出生日期有误")
    with pytest.raises(ValidationError):
        services.reply(
            application=application, actor=personas["case_officer"], outcome=Outcome.DISCLOSED, today=date(2026, 11, 20)
        )
    replied = services.reply(
        application=application,
        actor=personas["case_officer"],
        record_outcome="corrected",
        reason="已更正出生日期。",
        today=date(2026, 11, 20),
    )
    assert replied.outcome == "" and replied.record_outcome == "corrected"
    assert Notice.objects.get(kind=NoticeKind.REPLY).title == "更正政府信息记录告知书"


def test_article_44_one_step_makes_a_draft_for_proactive_disclosure(received: Any, personas: Any) -> None:
    from disclosure.models import Column, ItemStatus

    application = services.reply(
        application=received(), actor=personas["case_officer"], outcome=Outcome.DISCLOSED, today=date(2026, 11, 20)
    )
    item = services.make_proactive(
        application=application,
        actor=personas["case_officer"],
        column=Column.objects.get(slug="fgwj"),
        today=date(2026, 11, 21),
    )
    assert item.status == ItemStatus.DRAFT and item.title == "危房改造补助资金发放名单"
    assert application.number in item.summary
    with pytest.raises(ValidationError, match="已转为"):
        services.make_proactive(
            application=application,
            actor=personas["case_officer"],
            column=Column.objects.get(slug="fgwj"),
            today=date(2026, 11, 21),
        )


def test_regulation_1_7_every_step_is_an_event_with_actor_and_date(received: Any, personas: Any) -> None:
    application = correct(received(), personas)
    services.receive_correction(application=application, actor=personas["case_officer"], received_on=date(2026, 11, 9))
    services.reply(
        application=application, actor=personas["case_officer"], outcome=Outcome.DISCLOSED, today=date(2026, 11, 20)
    )
    steps = list(application.events.values_list("action", "on"))
    assert steps == [
        ("register", RECEIVED),
        ("request_correction", date(2026, 11, 5)),
        ("receive_correction", date(2026, 11, 9)),
        ("reply", date(2026, 11, 20)),
    ]
    event = application.events.first()
    event.note = "改"
    with pytest.raises(ValueError, match="只能新增"):
        event.save()


def test_a_ciphertext_copied_to_another_application_does_not_decrypt(received: Any) -> None:
    from portal.crypto import DecryptionError

    first, second = received(), received(id_number="430599198503120018")
    second.id_number_encrypted = first.id_number_encrypted
    with pytest.raises(DecryptionError):
        second.personal("id_number")


def test_confirming_an_online_application_tells_the_applicant(
    town: Any, personas: Any, calendar: None, django_capture_on_commit_callbacks: Any
) -> None:
    """条例 第三十一条: for an online form both sides confirm; the applicant is told the day of receipt."""
    import uuid

    submitted = services.submit_online(organisation=town.town, data=person_data(), submission_key=uuid.uuid4())
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm(application=submitted.application, actor=personas["case_officer"], today=date(2026, 12, 1))
    assert mail.outbox[-1].to == ["zhangsan@example.com"]
    assert "2026年12月1日" in mail.outbox[-1].body and "2026年12月29日" in mail.outbox[-1].body


def test_article_42_fee_notice_within_the_handling_period(received: Any, personas: Any) -> None:
    with pytest.raises(ValidationError, match="答复期限内"):
        services.notify_fee(application=received(), actor=personas["case_officer"], method="per_page", pages=40,
                            how_to_pay="到财务室缴纳", today=date(2026, 12, 1))  # fmt: skip


def test_article_39_not_processing_says_why_and_where_to_go(received: Any, personas: Any) -> None:
    application = received()
    with pytest.raises(ValidationError, match="不予处理的"):
        services.reply(application=application, actor=personas["case_officer"],
                       outcome=Outcome.NOT_PROCESSED_PETITION, today=date(2026, 11, 20))  # fmt: skip
    services.reply(application=application, actor=personas["case_officer"], outcome=Outcome.NOT_PROCESSED_PETITION,
                   reason="您反映的问题属于信访事项，请向示例县信访局提出。", today=date(2026, 11, 20))  # fmt: skip
    notice = Notice.objects.get(kind=NoticeKind.REPLY)
    assert notice.title == "不予处理告知书" and "示例县信访局" in notice.body


def test_article_51_interim_notices_also_state_the_remedies(received: Any, personas: Any) -> None:
    correct(received(), personas)
    body = Notice.objects.get(kind=NoticeKind.CORRECTION).body
    assert body.rstrip().endswith("投诉、举报。") and "60日内向示例县人民政府申请行政复议" in body
