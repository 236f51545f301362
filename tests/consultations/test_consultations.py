"""Pre-disclosure consultation (预公开, regulation.md §4; 《重大行政决策程序暂行条例》第十五条): minimum periods on
the working-day calendar, review before opening, opening and closing by the dates, comments on the whole draft
or one section with a receipt code, and no commenter's personal data on a public page."""

import re
import uuid
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from consultations import rules, services
from consultations.models import Comment, Consultation, ConsultationStatus, MatterKind
from tests.conftest import review_through

DRAFT = (
    "第一条 为规范村级公益事业建设，制定本办法。\n第二条 本办法适用于本镇各行政村。\n第三条 本办法自发布之日起施行。"
)


@pytest.mark.parametrize(
    ("kind", "market", "opens", "earliest"),
    [
        (MatterKind.MAJOR_DECISION, False, date(2026, 3, 2), date(2026, 4, 1)),  # 30 days from 3 March
        (MatterKind.NORMATIVE, True, date(2026, 3, 2), date(2026, 4, 1)),  # tied to market entities: 30 days
        (MatterKind.NORMATIVE, False, date(2026, 3, 2), date(2026, 3, 11)),  # 7 working days: 3–6 and 9–11 March
        # across National Day: 29 and 30 September, 8, 9, 10 (a make-up Saturday), 12 and 13 October
        (MatterKind.NORMATIVE, False, date(2026, 9, 28), date(2026, 10, 13)),
        (MatterKind.OTHER, False, date(2026, 3, 2), None),
    ],
)
def test_the_minimum_periods_count_from_the_day_after_opening_on_the_working_day_calendar(
    calendar: None, kind: str, market: bool, opens: date, earliest: date | None
) -> None:
    """《重大行政决策程序暂行条例》第十五条 periods, begun the day after opening (民法典 第二百零一条), as the
    time limits of applications are (regulation.md §4 and §1.3)."""
    assert rules.minimum_closing(kind, market, opens) == earliest


def test_a_shorter_period_needs_a_reason_shown_to_the_public(calendar: None) -> None:
    problems = rules.period_problems(MatterKind.MAJOR_DECISION, False, date(2026, 3, 2), date(2026, 3, 20), "")
    assert "不少于30日" in problems["short_reason"] and "2026年4月1日" in problems["short_reason"]
    assert rules.period_problems(MatterKind.MAJOR_DECISION, False, date(2026, 3, 2), date(2026, 3, 20),
                                 "上级要求本月内完成防汛部署，时间紧迫") == {}  # fmt: skip
    assert "不能早于开始日期" in rules.period_problems(MatterKind.OTHER, False, date(2026, 3, 2), date(2026, 3, 1),
                                                        "")["closes_on"]  # fmt: skip


def prepare(client: Client, town: Any, **changes: str) -> Any:
    today = timezone.localdate()
    data = {
        "matter_title": "示例镇村级公益事业建设管理办法", "kind": "normative",
        "title": "示例镇村级公益事业建设管理办法（征求意见稿）",
        "explanation": "为规范村级公益事业建设，起草了本办法。", "draft_text": DRAFT,
        "how_to_comment": "信函寄示例镇人民政府党政办（人民路1号），电子邮箱 1033317741@qq.com。",
        "opens_on": today.isoformat(), "closes_on": (today + timedelta(days=20)).isoformat(), "short_reason": "",
    } | changes  # fmt: skip
    return client.post("/staff/consultations/", data)


def published(client: Client, town: Any, personas: Any) -> Consultation:
    response = prepare(client, town)
    assert response.status_code == 302, response.content.decode()[:2000]
    consultation = Consultation.objects.get()
    assert [s.heading for s in consultation.sections.all()] == ["第一条", "第二条", "第三条"]
    client.post(f"/staff/consultations/{consultation.pk}/submit/")
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.IN_REVIEW
    review_through(consultation, personas)
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.PUBLISHED
    return consultation


def test_a_consultation_is_reviewed_before_it_opens_then_citizens_comment_on_a_section(
    client_for: Any, personas: Any, town: Any, calendar: None
) -> None:
    staff = client_for("editor")
    assert "目前没有正在征求意见的决策草案" in Client().get("/gk/town/yjzj/").content.decode()
    consultation = published(staff, town, personas)
    listing = Client().get("/gk/town/yjzj/").content.decode()
    assert consultation.title in listing and "还剩 21 天" in listing
    citizen = Client()
    page = citizen.get(f"/gk/town/yjzj/{consultation.pk}/").content.decode()
    assert "第二条 本办法适用于本镇各行政村" in page and "起草说明" in page
    second = consultation.sections.get(position=2)
    key = str(uuid.uuid4())
    data = {"section": second.pk, "text": "建议明确村民议事程序。", "name": "李四", "contact": "13912345678",
            "submission_key": key}  # fmt: skip
    done = citizen.post(f"/gk/town/yjzj/{consultation.pk}/", data).content.decode()
    code = re.search(r"意见回执码<br><strong>([A-Z0-9-]+)</strong>", done)
    assert code is not None
    again = citizen.post(f"/gk/town/yjzj/{consultation.pk}/", data).content.decode()
    assert "此前已经提交过" in again and Comment.objects.count() == 1  # double submission: one comment
    comment = Comment.objects.get()
    assert comment.section == second and comment.personal("contact") == "13912345678"
    assert "13912345678" not in comment.contact_encrypted
    found = Client().post("/gk/town/yjzj/receipt/", {"code": code.group(1).lower()}).content.decode()
    assert "建议明确村民议事程序" in found and "第二条" in found
    for public in (listing, page, done, found, Client().get(f"/gk/town/yjzj/{consultation.pk}/").content.decode()):
        assert "李四" not in public and "13912345678" not in public
    staff_page = staff.get(f"/staff/consultations/{consultation.pk}/").content.decode()
    assert "建议明确村民议事程序" in staff_page and "收到的意见（1 条）" in staff_page


def test_a_comment_after_the_closing_day_is_refused_and_kept_on_the_page(
    client_for: Any, personas: Any, town: Any, calendar: None
) -> None:
    consultation = published(client_for("editor"), town, personas)
    Consultation.objects.filter(pk=consultation.pk).update(opens_on=date(2026, 1, 5), closes_on=date(2026, 2, 13))
    page = Client().post(
        f"/gk/town/yjzj/{consultation.pk}/", {"text": "迟到的意见", "submission_key": str(uuid.uuid4())}
    )
    assert "2026年2月13日24时截止" in page.content.decode() and "迟到的意见" in page.content.decode()
    assert not Comment.objects.exists()
    assert consultation.title in Client().get("/gk/town/yjzj/").content.decode()  # listed under 已结束


def test_a_short_period_without_a_reason_is_refused_and_what_was_typed_is_kept(
    client_for: Any, town: Any, calendar: None
) -> None:
    today = timezone.localdate()
    response = prepare(
        client_for("editor"), town, kind="major_decision", closes_on=(today + timedelta(days=5)).isoformat()
    )
    page = response.content.decode()
    assert response.status_code == 400 and "不少于30日" in page and "村级公益事业建设" in page
    assert not Consultation.objects.exists()


def test_drafts_and_consultations_in_review_are_not_public_nor_other_towns(
    client_for: Any, town: Any, calendar: None
) -> None:
    prepare(client_for("editor"), town)
    consultation = Consultation.objects.get()
    assert Client().get(f"/gk/town/yjzj/{consultation.pk}/").status_code == 404
    assert client_for("other_staff").get(f"/staff/consultations/{consultation.pk}/").status_code == 404
    assert client_for("case_officer").post(f"/staff/consultations/{consultation.pk}/submit/").status_code == 404


def test_splitting_a_draft_into_sections() -> None:
    assert services.split_sections("第一章 总则\n第一条 目的。\n第二条 范围。") == [
        ("第一章", "第一章 总则"), ("第一条", "第一条 目的。"), ("第二条", "第二条 范围。"),
    ]  # fmt: skip
    assert [h for h, _ in services.split_sections("一、总体要求\n做好工作。\n\n二、主要任务\n落实责任。")] == [
        "一、总体要求", "二、主要任务",
    ]  # fmt: skip


def test_the_public_follows_the_decisions_procedure_and_a_phase_that_does_not_apply_says_why(
    client_for: Any, personas: Any, town: Any, calendar: None
) -> None:
    """《重大行政决策程序暂行条例》第十四条至第三十二条: public participation, expert argument, risk assessment,
    legality review, collective decision and publication, each with its dates; one that does not apply, why."""
    staff = client_for("editor")
    consultation = published(staff, town, personas)
    risk = consultation.matter.phases.get(kind="risk")
    url = f"/staff/consultations/{consultation.pk}/phases/{risk.pk}/"
    status, note = f"phase-{risk.pk}-status", f"phase-{risk.pk}-note"
    refused = staff.post(url, {status: "not_applicable", note: ""}, follow=True)
    assert "不适用的环节须说明理由" in refused.content.decode()
    staff.post(url, {status: "not_applicable", note: "不涉及社会稳定风险"})
    page = Client().get(f"/gk/town/yjzj/{consultation.pk}/").content.decode()
    for label in ("公众参与", "专家论证", "合法性审查", "集体讨论决定", "决策公布"):
        assert label in page
    assert "风险评估</strong>：不适用。不涉及社会稳定风险" in page
    assert "公众参与</strong>：进行中" in page


def test_public_participation_is_done_once_the_consultation_has_closed(
    client_for: Any, personas: Any, town: Any, calendar: None
) -> None:
    """A closed consultation's procedure no longer says 进行中 (《重大行政决策程序暂行条例》第十四条, 第十五条)."""
    staff = client_for("editor")
    consultation = published(staff, town, personas)
    opened = date(2026, 3, 2)
    Consultation.objects.filter(pk=consultation.pk).update(opens_on=opened, closes_on=date(2026, 4, 1))
    page = Client().get(f"/gk/town/yjzj/{consultation.pk}/").content.decode()
    assert "公众参与</strong>：已完成，2026年3月2日起，2026年4月1日完成" in page and "进行中" not in page
    own = staff.get(f"/staff/consultations/{consultation.pk}/").content.decode()
    assert 'value="done" selected' in own


def test_an_extension_is_announced_on_the_consultation_page(
    client_for: Any, personas: Any, town: Any, calendar: None
) -> None:
    staff = client_for("editor")
    consultation = published(staff, town, personas)
    before = consultation.closes_on
    earlier = staff.post(f"/staff/consultations/{consultation.pk}/extend/",
                         {"closes_on": before.isoformat(), "reason": "延长"}, follow=True)  # fmt: skip
    assert "须晚于原定的" in earlier.content.decode()
    later = before + timedelta(days=10)
    staff.post(f"/staff/consultations/{consultation.pk}/extend/",
               {"closes_on": later.isoformat(), "reason": "部分村民外出务工，延长以便充分听取意见"})  # fmt: skip
    consultation.refresh_from_db()
    assert consultation.closes_on == later and consultation.extended_from == before
    page = Client().get(f"/gk/town/yjzj/{consultation.pk}/").content.decode()
    assert "征求意见期限已由" in page and "部分村民外出务工" in page


def test_a_start_date_already_past_cannot_go_to_review(client_for: Any, town: Any, calendar: None) -> None:
    """The period counts from publication: a draft dated to open yesterday would be shorter than it says."""
    staff = client_for("editor")
    yesterday = timezone.localdate() - timedelta(days=1)
    prepare(staff, town, opens_on=yesterday.isoformat())
    consultation = Consultation.objects.get()
    page = staff.post(f"/staff/consultations/{consultation.pk}/submit/", follow=True).content.decode()
    assert "开始日期早于今天" in page
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.DRAFT


def test_receipt_codes_cannot_be_guessed(town: Any, db: Any) -> None:
    guesser = Client(REMOTE_ADDR="198.51.100.70")
    for _ in range(10):
        assert "回执码不正确" in guesser.post("/gk/town/yjzj/receipt/", {"code": "AAAA-BBBB-CCCC"}).content.decode()
    assert "查询失败次数过多" in guesser.post("/gk/town/yjzj/receipt/", {"code": "AAAA-BBBB-CCCD"}).content.decode()


def test_a_draft_sent_back_from_review_is_edited_and_cut_into_articles_again(
    client_for: Any, personas: Any, town: Any, calendar: None
) -> None:
    from review import services as review

    staff = client_for("editor")
    prepare(staff, town)
    consultation = Consultation.objects.get()
    staff.post(f"/staff/consultations/{consultation.pk}/submit/")
    submission = review.open_submission(consultation)
    assert submission is not None
    review.return_for_changes(submission=submission, actor=personas["reviewer"], comment="第二条表述不清")
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.DRAFT
    page = staff.get(f"/staff/consultations/{consultation.pk}/edit/").content.decode()
    assert "第二条 本办法适用于本镇各行政村。" in page
    today = timezone.localdate()
    data = {
        "matter_title": "示例镇村级公益事业建设管理办法", "kind": "normative",
        "title": "示例镇村级公益事业建设管理办法（征求意见稿）", "explanation": "说明", "how_to_comment": "信函",
        "opens_on": today.isoformat(),
        "closes_on": (today + timedelta(days=2)).isoformat(), "short_reason": "",
        "draft_text": "第一条 目的。\n第二条 本办法适用于本镇各行政村和社区。\n第三条 施行。\n第四条 解释。",
    }  # fmt: skip
    refused = staff.post(f"/staff/consultations/{consultation.pk}/edit/", data)
    assert refused.status_code == 400 and "不少于7个工作日" in refused.content.decode()
    assert "各行政村和社区" in refused.content.decode()  # what was typed is kept
    data["closes_on"] = (today + timedelta(days=20)).isoformat()
    assert staff.post(f"/staff/consultations/{consultation.pk}/edit/", data).status_code == 302
    assert [s.heading for s in consultation.sections.all()] == ["第一条", "第二条", "第三条", "第四条"]
    assert client_for("other_staff").get(f"/staff/consultations/{consultation.pk}/edit/").status_code == 404


def test_a_review_that_runs_past_the_start_day_needs_the_period_still_to_suffice(
    client_for: Any, personas: Any, town: Any, calendar: None
) -> None:
    """第十五条: the period counts from publication; a review that took days must not shorten it silently."""
    staff = client_for("editor")
    prepare(staff, town)
    consultation = Consultation.objects.get()
    staff.post(f"/staff/consultations/{consultation.pk}/submit/")
    today = timezone.localdate()
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_on=today - timedelta(days=15), closes_on=today + timedelta(days=2)
    )
    consultation.refresh_from_db()
    assert any("审核期间已过开始日期" in p for p in services.review_problems(consultation))
    Consultation.objects.filter(pk=consultation.pk).update(closes_on=today + timedelta(days=20))
    consultation.refresh_from_db()
    assert services.review_problems(consultation) == []
    review_through(consultation, personas)
    consultation.refresh_from_db()
    assert consultation.opens_on == today  # published today: the page shows the period from today
