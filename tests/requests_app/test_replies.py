"""Replies and notices (条例 第三十六条至第四十一条、第四十四条、第五十一条), delivery, withdrawal, records."""

from datetime import date
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from requests_app import services
from requests_app.models import Notice, NoticeKind, Status
from requests_app.outcomes import Outcome

from .conftest import RECEIVED, correct

pytestmark = pytest.mark.django_db


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
    assert "1．身份证号码：个人隐私" in notice.body and "2．银行账号：个人隐私" in notice.body
    assert "60日内向示例县人民政府申请行政复议" in notice.body and "6个月内" in notice.body


def test_article_36_5_not_this_office_gives_its_reason_and_names_the_responsible_agency(
    received: Any, personas: Any
) -> None:
    application = received()
    with pytest.raises(ValidationError, match="不属于本机关负责公开的理由"):
        services.reply(application=application, actor=personas["case_officer"], outcome=Outcome.UNAVAILABLE_NOT_HELD,
                       not_held_ground="not_ours", today=date(2026, 11, 20))  # fmt: skip
    services.reply(
        application=application,
        actor=personas["case_officer"],
        outcome=Outcome.UNAVAILABLE_NOT_HELD,
        not_held_ground="not_ours",
        reason="危房改造补助资金由县住房和城乡建设局审批发放。",
        responsible_agency="示例县住房和城乡建设局（0730-5180000）",
        today=date(2026, 11, 20),
    )
    notice = Notice.objects.get(kind=NoticeKind.REPLY)
    assert notice.title == "非本机关政府信息告知书" and "示例县住房和城乡建设局（0730-5180000）" in notice.body
    assert "县住房和城乡建设局审批发放" in notice.body and "不存在" not in notice.body
    assert "第三十六条第五项" in notice.body


def test_article_36_5_without_a_known_agency_still_never_says_the_information_does_not_exist(
    received: Any, personas: Any
) -> None:
    services.reply(
        application=received(),
        actor=personas["case_officer"],
        outcome=Outcome.UNAVAILABLE_NOT_HELD,
        not_held_ground="not_ours",
        reason="该信息不由乡镇制作或保存。",
        today=date(2026, 11, 20),
    )
    notice = Notice.objects.get(kind=NoticeKind.REPLY)
    assert notice.title == "非本机关政府信息告知书" and "无法确定负责公开该政府信息的行政机关" in notice.body
    assert "该政府信息不存在" not in notice.body


def test_article_36_4_information_that_does_not_exist_has_its_own_notice(received: Any, personas: Any) -> None:
    application = received()
    with pytest.raises(ValidationError, match="第三十六条第四项"):
        services.reply(application=application, actor=personas["case_officer"],
                       outcome=Outcome.UNAVAILABLE_NOT_HELD, today=date(2026, 11, 20))  # fmt: skip
    services.reply(
        application=application,
        actor=personas["case_officer"],
        outcome=Outcome.UNAVAILABLE_NOT_HELD,
        not_held_ground="nonexistent",
        reason="经查阅2019年以来的收文登记。",
        today=date(2026, 11, 20),
    )
    notice = Notice.objects.get(kind=NoticeKind.REPLY)
    assert notice.title == "政府信息不存在告知书" and "该政府信息不存在" in notice.body
    assert "经查阅2019年以来的收文登记。" in notice.body and "第三十六条第四项" in notice.body


def test_notices_are_numbered_per_organisation_and_year_and_frozen(received: Any, personas: Any) -> None:
    application = correct(received(), personas)
    notice = Notice.objects.get()
    assert notice.number == "示例镇依申〔2026〕1号"
    services.receive_correction(
        application=application, actor=personas["case_officer"], received_on=date(2026, 11, 9), today=date(2026, 11, 9)
    )
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
    with pytest.raises(ValueError, match="告知书只能新增"):
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
            application=application,
            actor=personas["case_officer"],
            way="post",
            delivered_on=date(2026, 11, 23),
            today=date(2026, 11, 23),
        )
    services.deliver(
        application=application,
        actor=personas["case_officer"],
        way="post",
        delivered_on=date(2026, 11, 23),
        today=date(2026, 11, 23),
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
    notice = Notice.objects.get(kind=NoticeKind.REPLY)
    assert (
        notice.title == "更正政府信息记录申请告知书" and "已予更正" in notice.body and "已更正出生日期。" in notice.body
    )
    assert "提出的更正政府信息记录申请" in notice.body and "申请获取" not in notice.body


def test_article_41_a_refused_correction_gives_its_reason(received: Any, personas: Any) -> None:
    application = received(kind="record_correction", description="本人低保档案中的家庭人口数")
    with pytest.raises(ValidationError, match="不予更正的请写明理由"):
        services.reply(application=application, actor=personas["case_officer"], record_outcome="not_corrected",
                       today=date(2026, 11, 20))  # fmt: skip
    services.reply(application=application, actor=personas["case_officer"], record_outcome="not_corrected",
                   reason="所附户口簿显示家庭人口为4人，与档案记录一致。", today=date(2026, 11, 20))  # fmt: skip
    body = Notice.objects.get(kind=NoticeKind.REPLY).body
    assert "决定不予更正" in body and "与档案记录一致" in body and "要求更正“本人低保档案中的家庭人口数”" in body


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


def test_article_45_every_step_is_an_event_with_actor_and_date(received: Any, personas: Any) -> None:
    application = correct(received(), personas)
    services.receive_correction(
        application=application, actor=personas["case_officer"], received_on=date(2026, 11, 9), today=date(2026, 11, 9)
    )
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
    with pytest.raises(ValueError, match="办理记录只能新增"):
        event.save()


def test_article_39_not_processing_says_why_and_where_to_go(received: Any, personas: Any) -> None:
    application = received()
    with pytest.raises(ValidationError, match="不予处理的"):
        services.reply(application=application, actor=personas["case_officer"],
                       outcome=Outcome.NOT_PROCESSED_PETITION, today=date(2026, 11, 20))  # fmt: skip
    services.reply(application=application, actor=personas["case_officer"], outcome=Outcome.NOT_PROCESSED_PETITION,
                   reason="您反映的问题属于信访事项，请向示例县信访局提出。", today=date(2026, 11, 20))  # fmt: skip
    notice = Notice.objects.get(kind=NoticeKind.REPLY)
    assert notice.title == "不予处理告知书" and "示例县信访局" in notice.body


def test_procedural_notices_name_only_the_complaint_route(received: Any, personas: Any) -> None:
    """法释〔2011〕17号 第二条: 补正 is not a final decision — no 复议/诉讼 paragraph; 条例 第三条、第四十七条:
    complaints go to the county government's office."""
    correct(received(), personas)
    body = Notice.objects.get(kind=NoticeKind.CORRECTION).body
    assert "行政复议" not in body and "行政诉讼" not in body
    assert "可以向示例县人民政府办公室投诉、举报" in body and "政府信息公开工作主管部门" not in body
    assert body.endswith("特此告知。")


def test_article_38_no_ready_made_information(received: Any, personas: Any) -> None:
    services.reply(application=received(), actor=personas["case_officer"],
                   outcome=Outcome.UNAVAILABLE_NEEDS_CREATION, today=date(2026, 11, 20))  # fmt: skip
    notice = Notice.objects.get(kind=NoticeKind.REPLY)
    assert notice.title == "政府信息无法提供告知书" and "第三十八条" in notice.body and "加工、分析" in notice.body


def test_article_36_7_an_administrative_inquiry_names_the_law_that_governs_access(received: Any, personas: Any) -> None:
    application = received()
    with pytest.raises(ValidationError, match="行政查询事项须写明"):
        services.reply(application=application, actor=personas["case_officer"],
                       outcome=Outcome.WITHHELD_ADMINISTRATIVE_INQUIRY, today=date(2026, 11, 20))  # fmt: skip
    services.reply(application=application, actor=personas["case_officer"],
                   outcome=Outcome.WITHHELD_ADMINISTRATIVE_INQUIRY, ground="《不动产登记暂行条例》第二十七条",
                   reason="请向示例县不动产登记中心申请查询。", today=date(2026, 11, 20))  # fmt: skip
    notice = Notice.objects.get(kind=NoticeKind.REPLY)
    body = notice.body
    assert "第三十六条第七项" in body and "请依照《不动产登记暂行条例》第二十七条的规定办理" in body
    assert "请向示例县不动产登记中心申请查询。" in body
    # not a 不予公开 decision: its own title, and no "reconsideration first"
    assert notice.title == "政府信息公开申请告知书" and "应当先" not in body and "6个月内" in body
