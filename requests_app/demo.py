"""Demo applications in every state and with every outcome, run by `seed_demo` (once per organisation).

Dates are set back from today so the queue shows fresh, due-soon and overdue cases; everything goes through
the services, as staff would do it."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.base import ContentFile

from portal.models import Organisation
from portal.workdays import add_working_days

from . import services
from .importer import import_row
from .models import Appeal, AppealKind, AppealResult, Application, ConsultationAnswer
from .outcomes import Outcome
from .receipt import Channel

TZ = ZoneInfo("Asia/Shanghai")
NAMES = ["王建国", "李秀英", "张伟", "刘芳", "陈明", "杨丽", "赵强", "黄敏", "周杰", "吴静", "徐磊", "孙燕"]
WANTED = [
    "2025年示例镇农村危房改造补助对象名单及补助标准",
    "示例镇和平村土地征收补偿安置方案",
    "2026年示例镇财政预算执行情况",
    "示例镇最低生活保障对象审批程序和标准",
    "示例镇S201线改造工程招标文件",
    "示例镇2025年度耕地地力保护补贴发放明细",
]
# Valid GB 11643 numbers of the fictitious division 430599.
ID_NUMBERS = ["430599198503120018", "430599199107230026", "43059919780815003X", "430599200001010017"]
REASONS = {
    Outcome.WITHHELD_STATE_SECRET: (
        "《中华人民共和国保守国家秘密法》第九条",
        "经保密审查，该信息已依法确定为国家秘密。",
    ),
    Outcome.WITHHELD_PROHIBITED_BY_LAW: ("《中华人民共和国统计法》第三十九条", "属于法律禁止公开的单项调查资料。"),
    Outcome.WITHHELD_SECURITY_STABILITY: ("《中华人民共和国政府信息公开条例》第十四条", "公开后可能危及社会稳定。"),
    Outcome.WITHHELD_THIRD_PARTY: (
        "《中华人民共和国政府信息公开条例》第十五条",
        "涉及第三方个人隐私，第三方不同意公开。",
    ),
    Outcome.WITHHELD_INTERNAL_AFFAIRS: ("《中华人民共和国政府信息公开条例》第十六条第一款", "属于内部管理信息。"),
    Outcome.WITHHELD_PROCESS_INFO: ("《中华人民共和国政府信息公开条例》第十六条第二款", "属于讨论记录等过程性信息。"),
    Outcome.WITHHELD_ENFORCEMENT_FILE: ("《中华人民共和国政府信息公开条例》第十六条第二款", "属于行政执法案卷信息。"),
    Outcome.WITHHELD_ADMINISTRATIVE_INQUIRY: (
        "《不动产登记暂行条例》第二十七条",
        "不动产登记资料的查询依照不动产登记的规定办理，请向示例县不动产登记中心申请查询。",
    ),
}

NOT_PROCESSING_REASONS = {
    Outcome.NOT_PROCESSED_PETITION: "您反映的问题属于信访事项，请通过示例县信访局（0730-5180002）反映。",
    Outcome.NOT_PROCESSED_REPEAT: "本机关已于今年3月就同一内容作出答复（示例镇依申〔2026〕1号），不再重复处理。",
    Outcome.NOT_PROCESSED_PUBLICATION: "所需信息已收入《示例县年鉴（2025）》，可在县图书馆查阅或向出版单位购买。",
    Outcome.NOT_PROCESSED_EXCESSIVE: "申请人在一个月内就同一事项提出30余件申请，经要求仍未说明理由。",
    Outcome.NOT_PROCESSED_RECONFIRMATION: "申请人要求对已获取的信息予以确认，不属于政府信息公开申请。",
    Outcome.OTHER: "申请人要求合并办理，经与申请人沟通后终止本申请。",
}


def _data(n: int, **changes: Any) -> dict[str, Any]:
    data = {
        "kind": "disclosure",
        "applicant_type": "person",
        "name": NAMES[n % len(NAMES)],
        "id_type": "resident_id",
        "id_number": ID_NUMBERS[n % len(ID_NUMBERS)],
        "phone": f"1380730{n:04d}",
        "email": "",
        "address": f"示例县示例镇和平村{n % 9 + 1}组{n + 1}号",
        "postcode": "415000",
        "description": WANTED[n % len(WANTED)],
        "information_title": WANTED[n % len(WANTED)],
        "form": "paper",
        "way": "pick_up",
    }
    data.update(changes)
    return data


def seed(organisation: Organisation, users: dict[str, Any], today: date) -> list[tuple[str, str]]:
    """The demo cases; returns (number, tracking code) of the online ones, to print for trying the tracking page."""
    keys = [uuid.uuid5(uuid.NAMESPACE_URL, f"demo-application:{organisation.slug}:{n}") for n in range(3)]
    if Application.objects.filter(organisation=organisation).exists():
        found = Application.objects.filter(submission_key__in=keys).order_by("number")
        return [(a.number, services.new_tracking_code(a.submission_key)) for a in found]
    officer, head = users["case_officer"], users["office_head"]
    counter = iter(range(1000))

    def back(days: int) -> date:
        return today - timedelta(days=days)

    def after(application: Application, working_days: int) -> date:
        assert application.received_on is not None
        return add_working_days(application.received_on, working_days).value

    def received(days_ago: int, **changes: Any) -> Application:
        n = next(counter)
        return services.register(
            organisation=organisation, data=_data(n, **changes), channel=Channel.IN_PERSON,
            arrived_on=back(days_ago), actor=officer,
        ).application  # fmt: skip

    online = []
    for key, (days_ago, name) in zip(keys, ((3, "钱多多"), (0, "周到"), (12, "孙立")), strict=True):
        submitted = services.submit_online(
            organisation=organisation,
            data=_data(next(counter), name=name, email=f"demo{days_ago}@example.com", way="email", form="electronic"),
            submission_key=key,
            now=datetime.combine(back(days_ago), time(9, 30), tzinfo=TZ),
        )
        online.append((submitted.application.number, submitted.tracking_code))
    _replied_online(Application.objects.get(submission_key=keys[2]), officer, head, back(11), back(2))
    services.register(
        organisation=organisation, data=_data(next(counter)), channel=Channel.ORDINARY_LETTER,
        arrived_on=back(1), actor=officer,
    )  # fmt: skip

    received(2)  # fresh
    received(26)  # due soon
    received(34)  # overdue
    correcting = received(5)
    services.request_correction(application=correcting, actor=officer, items=["请写明所需信息的年份和村组"],
                                period_working_days=10, today=back(3))  # fmt: skip
    consulting = received(8, description="示例建筑有限公司承建村道工程的合同")
    services.consult(application=consulting, actor=officer, kind="third_party", party="示例建筑有限公司",
                     party_address="示例县工业园区8号", today=back(4))  # fmt: skip
    services.record_letter_receipt(application=consulting, actor=officer, received_on=back(3), today=back(3))
    paying = received(6, applicant_type="business", name="示例咨询有限公司", id_type="", id_number="",
                      credit_code="914305991234567889", contact_name="吴经理")  # fmt: skip
    services.notify_fee(application=paying, actor=officer, method="per_page", pages=120,
                        how_to_pay="持本通知书到镇财政所缴纳，或扫描非税收入缴款码缴纳。", today=back(2))  # fmt: skip
    services.deliver_fee_notice(application=paying, actor=officer, received_on=back(1), today=back(1))
    extended = received(27)
    deadline = extended.deadline
    assert deadline is not None
    services.extend(application=extended, approver=head, working_days=15, reason="所需信息分散在多个村，需要逐一调取核实",
                    today=min(today, deadline))  # fmt: skip

    # Every outcome of the taxonomy, replied in time; most delivered, some archived.
    for index, outcome in enumerate(o for o in Outcome if o not in services.CLOSING_OUTCOMES):
        application = received(70 + index)
        when = after(application, 5 + index % 10)
        kwargs: dict[str, Any] = {"application": application, "actor": officer, "outcome": outcome, "today": when}
        if outcome in REASONS:
            kwargs["ground"], kwargs["reason"] = REASONS[outcome]
        if outcome == Outcome.PARTIALLY_DISCLOSED:
            kwargs["withheld_parts"] = [
                {"part": "补助对象的身份证号码和银行账号", "reason": "属于个人隐私（条例第十五条）"}
            ]
        if outcome == Outcome.UNAVAILABLE_NOT_HELD:
            kwargs["not_held_ground"], kwargs["responsible_agency"] = "not_ours", "示例县自然资源局（0730-5180001）"
            kwargs["reason"] = "宅基地审批档案由县自然资源局制作并保存，本机关仅转报。"
        if outcome == Outcome.UNAVAILABLE_UNCLEAR_AFTER_CORRECTION:
            services.request_correction(application=application, actor=officer, items=["请写明所需信息的名称"],
                                        period_working_days=10, today=after(application, 1))  # fmt: skip
            services.receive_correction(
                application=application, actor=officer, received_on=after(application, 2), today=after(application, 2)
            )
        if outcome in NOT_PROCESSING_REASONS:
            kwargs["reason"] = NOT_PROCESSING_REASONS[outcome]
        if outcome == Outcome.NOT_PROCESSED_EXCESSIVE:  # 条例 第三十五条: asked for reasons first, none came
            services.ask_reasons(application=application, actor=officer, note="", due=after(application, 3),
                                 today=after(application, 1))  # fmt: skip
        replied = signed_reply(head, **kwargs)
        if index % 3:
            services.deliver(application=replied, actor=officer, way="in_person", delivered_on=when, today=when)
            if index % 3 == 2:
                services.archive(application=replied, actor=officer, today=when)

    lapsed = received(60)
    services.request_correction(application=lapsed, actor=officer, items=["请补充身份证明"], period_working_days=5,
                                today=back(58))  # fmt: skip
    services.close_no_correction(application=lapsed, actor=officer, today=back(45))
    unpaid = received(80)
    services.notify_fee(application=unpaid, actor=officer, method="per_page", pages=60, how_to_pay="到镇财政所缴纳",
                        today=back(78))  # fmt: skip
    services.deliver_fee_notice(application=unpaid, actor=officer, received_on=back(76), today=back(76))
    services.close_fee_unpaid(application=unpaid, actor=officer, today=back(40))
    withdrawn = received(12)
    services.withdraw(application=withdrawn, actor=None, reason="已从其他渠道获得", today=back(10))
    objected = received(50, description="示例建筑有限公司中标价格")
    services.consult(application=objected, actor=officer, kind="third_party", party="示例建筑有限公司", today=back(48))
    services.record_opinion(application=objected, actor=officer, answer=ConsultationAnswer.OBJECTS,
                            note="涉及商业秘密", answered_on=back(44), today=back(44))  # fmt: skip
    signed_reply(head, application=objected, actor=officer, outcome=Outcome.DISCLOSED,
                   public_interest_reason="中标价格关系公共资金使用，不公开可能对公共利益造成重大影响。", today=back(40))  # fmt: skip
    correction = received(30, kind="record_correction", description="本人低保档案中的家庭人口数登记有误")
    signed_reply(head, application=correction, actor=officer, record_outcome="corrected", reason="已更正家庭人口数。",
                   today=back(20))  # fmt: skip

    # The previous year's register, as imported from the old ledger.
    for n, (outcome, days) in enumerate([(Outcome.DISCLOSED, 12), (Outcome.UNAVAILABLE_NOT_HELD, 18),
                                         (Outcome.WITHHELD_PROCESS_INFO, 25)]):  # fmt: skip
        received_on = date(today.year - 1, 3 + n * 3, 10)
        import_row(organisation, officer, {
            "number": "", "received_on": received_on, "replied_on": received_on + timedelta(days=days),
            "applicant_type": "person", "channel": Channel.IN_PERSON, "outcome": outcome, "extension": 0,
            "name": NAMES[n], "description": WANTED[n], "note": "从原纸质台账导入",
        })  # fmt: skip
    # Received in December, answered in January: last year's 四 and this year's 二 (the carry-over).
    import_row(organisation, officer, {
        "number": "", "received_on": date(today.year - 1, 12, 15), "replied_on": min(date(today.year, 1, 12), today),
        "applicant_type": "business", "channel": Channel.ORDINARY_LETTER, "outcome": Outcome.DISCLOSED,
        "extension": 0, "name": "示例农业开发有限公司", "description": "土地流转合同备案情况", "note": "从原纸质台账导入",
    })  # fmt: skip
    # The withheld case of last year went to reconsideration, which upheld the reply (table 四).
    appealed = Application.objects.filter(
        organisation=organisation, outcome=Outcome.WITHHELD_PROCESS_INFO, received_on__year=today.year - 1
    ).first()
    if appealed is not None:
        Appeal.objects.create(application=appealed, kind=AppealKind.RECONSIDERATION, filed_on=date(today.year - 1, 11, 3),
                              body="示例县人民政府", result=AppealResult.UPHELD,
                              decided_on=date(today.year - 1, 12, 28), recorded_by=officer)  # fmt: skip
    return online


def _replied_online(application: Application, officer: Any, head: Any, confirmed: date, replied: date) -> None:
    """An online application confirmed, replied and its information provided as a file: the applicant's tracking
    page shows the notice and the download."""
    from disclosure.demo import xlsx_of

    services.confirm(application=application, actor=officer, today=confirmed)
    signed_reply(head, application=application, actor=officer, outcome=Outcome.DISCLOSED, today=replied)
    table = xlsx_of([["村别", "户数", "补助金额（元）"], ["东村", 5, 15000], ["西村", 4, 12000], ["南村", 3, 9000]])
    services.provide_files(application=application, actor=officer, files=[("补助资金发放汇总表.xlsx", ContentFile(table))],
                           today=replied)  # fmt: skip


def signed_reply(head: Any, **kwargs: Any) -> Application:
    """The case officer prepares the reply and the office head signs it off the same day (regulation.md §1.5)."""
    if not settings.REPLY_SIGN_OFF:
        return services.reply(**kwargs)
    prepared = services.prepare_reply(**kwargs)
    return services.sign_off(application=prepared, approver=head, today=kwargs["today"])
