"""What the notices tell an applicant about their rights, and the dates the workflow accepts (regulation.md
§1.2–1.5; 行政复议法 第二十三条; 法释〔2011〕17号; 条例 第三条、第三十条、第三十一条、第三十五条至第四十一条)."""

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from requests_app import services
from requests_app.models import Application, ConsultationAnswer, Notice, NoticeKind
from requests_app.outcomes import Outcome
from requests_app.receipt import Channel

from .conftest import RECEIVED, correct, person_data

pytestmark = pytest.mark.django_db
DAY = date(2026, 11, 20)

# What a case officer types for each outcome that needs it; every word of it must reach the notice.
TYPED: dict[str, dict[str, Any]] = {
    Outcome.DISCLOSED: {"reason": "已在本机关网站公开，网址见附件。"},
    Outcome.PARTIALLY_DISCLOSED: {"reason": "其余部分随本告知书提供。",
                                  "withheld_parts": [{"part": "身份证号码", "reason": "属于个人隐私"}]},
    **{o: {"ground": "《中华人民共和国政府信息公开条例》第十四条", "reason": f"理由：{o.label}。"}
       for o in Outcome if o.startswith("withheld_")},
    Outcome.UNAVAILABLE_NOT_HELD: {"not_held_ground": "nonexistent", "reason": "经查阅收文登记簿。"},
    Outcome.UNAVAILABLE_NEEDS_CREATION: {"reason": "需汇总十年数据。"},
    **{o: {"reason": f"途径：{o.label}。", "ground": "《中华人民共和国政府信息公开条例》第二条"}
       for o in Outcome if o.startswith("not_processed_")},
    Outcome.OTHER: {"reason": "申请人另行提出了更正申请，本申请一并处理。"},
}  # fmt: skip


def reply(application: Application, personas: Any, outcome: str, **extra: Any) -> Notice:
    services.reply(application=application, actor=personas["case_officer"], outcome=outcome, today=DAY, **extra)
    return Notice.objects.filter(application=application, kind=NoticeKind.REPLY).get()


def ready_for(outcome: str, received: Any, personas: Any, **changes: Any) -> Application:
    """An application in the state each outcome needs (a correction first, reasons asked first)."""
    application = received(**changes)
    officer = personas["case_officer"]
    if outcome == Outcome.UNAVAILABLE_UNCLEAR_AFTER_CORRECTION:
        correct(application, personas)
        services.receive_correction(application=application, actor=officer, received_on=date(2026, 11, 9),
                                    today=date(2026, 11, 9))  # fmt: skip
    if outcome == Outcome.NOT_PROCESSED_EXCESSIVE:
        services.ask_reasons(application=application, actor=officer, note="", due=date(2026, 11, 12),
                             today=date(2026, 11, 4))  # fmt: skip
    return application


REPLY_OUTCOMES = [o for o in Outcome if o not in services.CLOSING_OUTCOMES]


@pytest.mark.parametrize("outcome", REPLY_OUTCOMES)
def test_every_reply_addresses_a_person_as_you_ends_with_te_ci_gao_zhi_and_carries_what_staff_typed(
    outcome: str, received: Any, personas: Any
) -> None:
    """regulation.md §1.4–1.5: every reason staff type appears; 您 for a person; nothing after 特此告知."""
    typed = TYPED.get(outcome, {})
    notice = reply(ready_for(outcome, received, personas), personas, outcome, **typed)
    body = notice.body
    assert body.endswith("特此告知。") and body.count("特此告知") == 1
    assert "您（单位）" not in body and "您提出的" in body and "贵单位" not in body
    for value in [typed.get("reason", ""), typed.get("ground", "")]:
        assert value in body
    for part in typed.get("withheld_parts", []):
        assert f"{part['part']}：{part['reason']}" in body
    assert "《条例》的规定" not in body and "政府信息公开工作主管部门" not in body


def test_an_organisation_is_addressed_as_gui_dan_wei(received: Any, personas: Any) -> None:
    organisation = {"applicant_type": "business", "name": "示例咨询有限公司", "id_type": "", "id_number": "",
                    "credit_code": "914305991234567889", "contact_name": "吴经理"}  # fmt: skip
    body = reply(received(**organisation), personas, Outcome.DISCLOSED).body
    assert "收到贵单位提出的" in body and "按照贵单位选择的提供形式" in body and "您" not in body


def test_a_partial_disclosure_says_reconsideration_comes_first_for_the_withheld_part(
    received: Any, personas: Any
) -> None:
    """行政复议法 第二十三条第一款第四项: the withheld part is a 不予公开 decision — reconsideration first."""
    body = reply(received(), personas, Outcome.PARTIALLY_DISCLOSED, **TYPED[Outcome.PARTIALLY_DISCLOSED]).body
    assert "如对本告知中不予公开的部分不服，应当先自收到本告知书之日起60日内向示例县人民政府申请行政复议" in body
    assert "对行政复议决定不服的，可以自收到行政复议决定书之日起15日内依法向人民法院提起行政诉讼" in body


def test_a_withholding_reply_says_reconsideration_comes_first(received: Any, personas: Any) -> None:
    body = reply(received(), personas, Outcome.WITHHELD_THIRD_PARTY, **TYPED[Outcome.WITHHELD_THIRD_PARTY]).body
    assert "应当先自收到本告知书之日起60日内向示例县人民政府申请行政复议" in body and "6个月内" not in body


def test_the_complaint_authority_is_the_county_governments_office_as_configured(
    received: Any, personas: Any, town: Any
) -> None:
    """条例 第三条: the county government's office is the disclosure authority; its name is a setting."""
    town.county.complaint_office_name = "示例县人民政府办公室（县政务公开办）"
    town.county.save()
    body = reply(received(), personas, Outcome.DISCLOSED).body
    assert "可以向示例县人民政府办公室（县政务公开办）投诉、举报" in body


@pytest.mark.parametrize(
    ("outcome", "article"),
    [
        (Outcome.NOT_PROCESSED_PETITION, "第三十九条第一款"),
        (Outcome.NOT_PROCESSED_REPEAT, "第三十六条第六项"),
        (Outcome.NOT_PROCESSED_PUBLICATION, "第三十九条第二款"),
        (Outcome.NOT_PROCESSED_EXCESSIVE, "第三十五条"),
    ],
)
def test_not_processed_replies_cite_their_article(outcome: str, article: str, received: Any, personas: Any) -> None:
    notice = reply(ready_for(outcome, received, personas), personas, outcome, **TYPED[outcome])
    assert notice.title == "不予处理告知书" and article in notice.body
    if outcome == Outcome.NOT_PROCESSED_PETITION:
        assert "您的申请属于以政府信息公开申请的形式进行信访、投诉、举报" in notice.body


def test_the_other_outcome_is_not_described_as_not_processed(received: Any, personas: Any) -> None:
    notice = reply(received(), personas, Outcome.OTHER, **TYPED[Outcome.OTHER])
    assert notice.title == "政府信息公开申请告知书" and "不予处理" not in notice.body


def test_article_38_and_an_unclear_correction_get_the_cannot_be_provided_notice(received: Any, personas: Any) -> None:
    for outcome in (Outcome.UNAVAILABLE_NEEDS_CREATION, Outcome.UNAVAILABLE_UNCLEAR_AFTER_CORRECTION):
        notice = reply(ready_for(outcome, received, personas), personas, outcome)
        assert notice.title == "政府信息无法提供告知书"


# -- 条例 第三十五条: asking for reasons is its own step --------------------------------------------------------


def test_article_35_excessive_applications_are_refused_only_after_asking_for_reasons(
    received: Any, personas: Any
) -> None:
    application, officer = received(), personas["case_officer"]
    excessive: dict[str, Any] = {"outcome": Outcome.NOT_PROCESSED_EXCESSIVE, "reason": "一个月内提出30余件同类申请。"}
    with pytest.raises(ValidationError, match="须先书面要求申请人说明理由"):
        services.reply(application=application, actor=officer, today=DAY, **excessive)
    services.ask_reasons(
        application=application, actor=officer, note="", due=date(2026, 11, 16), today=DAY.replace(day=6)
    )
    asked = Notice.objects.get(kind=NoticeKind.REASONS)
    assert "请您于2026年11月16日前向本机关说明理由" in asked.body and "行政复议" not in asked.body
    with pytest.raises(ValidationError, match="说明理由的期限至2026年11月16日"):
        services.reply(application=application, actor=officer, today=date(2026, 11, 13), **excessive)
    body = reply(application, personas, **excessive).body
    assert "本机关已于2026年11月6日要求您说明理由，您未在期限内说明理由" in body


def test_article_35_reasons_that_came_are_judged_by_staff(received: Any, personas: Any) -> None:
    application, officer = received(), personas["case_officer"]
    services.ask_reasons(
        application=application, actor=officer, note="", due=date(2026, 11, 30), today=date(2026, 11, 6)
    )
    services.receive_reasons(application=application, actor=officer, received_on=date(2026, 11, 10),
                             reasons="为写论文", today=date(2026, 11, 10))  # fmt: skip
    body = reply(application, personas, Outcome.NOT_PROCESSED_EXCESSIVE, reason="理由与所需信息数量明显不相称。").body
    assert "您说明的理由不合理" in body


def test_article_35_a_later_date_needs_the_reasons_first(received: Any, personas: Any) -> None:
    application, officer = received(), personas["case_officer"]
    services.ask_reasons(
        application=application, actor=officer, note="", due=date(2026, 11, 30), today=date(2026, 11, 6)
    )
    with pytest.raises(ValidationError, match="收到理由"):
        services.set_later_date(application=application, actor=officer, later=date(2027, 1, 15), reason="档案量大",
                                today=date(2026, 11, 9))  # fmt: skip


# -- 条例 第三十一条第二项: an ordinary letter is confirmed the day it arrives ----------------------------------


def letter(town: Any, personas: Any, arrived: date = date(2026, 11, 2)) -> Application:
    return services.register(organisation=town.town, data=person_data(), channel=Channel.ORDINARY_LETTER,
                             arrived_on=arrived, actor=personas["case_officer"]).application  # fmt: skip


def test_article_31_2_a_letter_confirmed_later_keeps_the_day_of_arrival(
    town: Any, personas: Any, calendar: None
) -> None:
    application = letter(town, personas)
    with pytest.raises(ValidationError, match="应在到达当日与申请人确认"):
        services.confirm(application=application, actor=personas["case_officer"], today=date(2026, 11, 4))
    confirmed = services.confirm(application=application, actor=personas["case_officer"], today=date(2026, 11, 4),
                                 late_reason="到达当日工作人员外出")  # fmt: skip
    assert confirmed.received_on == date(2026, 11, 2)
    assert confirmed.events.last().note == "到达当日工作人员外出"


def test_article_31_2_only_an_unreachable_applicant_moves_the_receipt_date(
    town: Any, personas: Any, calendar: None
) -> None:
    confirmed = services.confirm(
        application=letter(town, personas), actor=personas["case_officer"], today=date(2026, 11, 4),
        late_reason="到达当日两次致电无人接听", unreachable=True,
    )  # fmt: skip
    assert confirmed.received_on == date(2026, 11, 4)
    registered = services.register(
        organisation=town.town, data=person_data(), channel=Channel.ORDINARY_LETTER, arrived_on=date(2026, 11, 2),
        confirmed_on=date(2026, 11, 5), late_reason="登记延误", actor=personas["case_officer"],
    ).application  # fmt: skip
    assert registered.received_on == date(2026, 11, 2)


# -- regulation.md §1.2: no event date in the future or before the event it follows ------------------------------


def test_a_correction_received_in_the_future_is_refused_and_moves_no_deadline(received: Any, personas: Any) -> None:
    application = correct(received(), personas)
    with pytest.raises(ValidationError, match="收到补正的日期不能晚于今天"):
        services.receive_correction(application=application, actor=personas["case_officer"],
                                    received_on=date(2026, 11, 20), today=date(2026, 11, 10))  # fmt: skip
    with pytest.raises(ValidationError, match="不能早于2026年11月5日"):
        services.receive_correction(application=application, actor=personas["case_officer"],
                                    received_on=date(2026, 11, 4), today=date(2026, 11, 10))  # fmt: skip
    application.refresh_from_db()
    assert application.correction_received_on is None and application.status == "correction"


def test_payment_delivery_answers_and_arrival_cannot_lie_in_the_future(received: Any, personas: Any, town: Any) -> None:
    officer = personas["case_officer"]
    application = received()
    services.notify_fee(application=application, actor=officer, method="per_page", pages=40, how_to_pay="财务室",
                        today=date(2026, 11, 5))  # fmt: skip
    with pytest.raises(ValidationError, match="缴费日期不能晚于今天"):
        services.record_payment(
            application=application, actor=officer, paid_on=date(2026, 11, 9), today=date(2026, 11, 6)
        )
    consulted = received()
    services.consult(application=consulted, actor=officer, kind="agency", party="县自然资源局", today=date(2026, 11, 5))
    with pytest.raises(ValidationError, match="收到答复的日期不能晚于今天"):
        services.record_opinion(application=consulted, actor=officer, answer=ConsultationAnswer.AGREES,
                                answered_on=date(2026, 11, 9), today=date(2026, 11, 6))  # fmt: skip
    replied = services.reply(application=received(), actor=officer, outcome=Outcome.DISCLOSED, today=date(2026, 11, 5))
    with pytest.raises(ValidationError, match="送达日期不能晚于今天"):
        services.deliver(application=replied, actor=officer, way="email", delivered_on=date(2026, 11, 9),
                         today=date(2026, 11, 6))  # fmt: skip
    with pytest.raises(ValidationError, match="到达日期不能晚于今天"):
        services.register(organisation=town.town, data=person_data(), channel=Channel.IN_PERSON,
                          arrived_on=date(2099, 1, 1), actor=officer)  # fmt: skip


def test_the_case_timeline_is_ordered_by_the_date_of_each_event(client_for: Any, received: Any, personas: Any) -> None:
    application = received(on=RECEIVED)
    officer = personas["case_officer"]
    services.assign(application=application, actor=officer, assignee=officer, today=date(2026, 11, 12))
    services.consult(
        application=application, actor=officer, kind="agency", party="县自然资源局", today=date(2026, 11, 3)
    )
    page = client_for("case_officer").get(f"/staff/ysq/{application.pk}/").content.decode()
    assert page.index("2026年11月3日</strong> 征求意见") < page.index("2026年11月12日</strong> 指定承办人")
