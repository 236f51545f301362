"""After closing, every comment is answered (regulation.md §4; 《重大行政决策程序暂行条例》第十八条、第三十二条):
identical comments together, a reason for partly or not adopting; the adoption report is generated from the
answers, cannot go to review while a comment lacks one, and is published with them; commenters who left an
e-mail address are told."""

import uuid
from typing import Any

from django.core import mail
from django.test import Client

from consultations.comments import services as comments
from consultations.models import AdoptionReport, AdoptionStatus, Comment, Consultation
from tests.conftest import review_through
from tests.consultations.test_consultations import published


def test_comments_are_answered_together_and_the_report_waits_for_every_answer(
    closed: tuple[Consultation, list[str]], client_for: Any, personas: Any, django_capture_on_commit_callbacks: Any
) -> None:
    consultation, codes = closed
    staff = client_for("editor")
    same = list(Comment.objects.filter(text="建议明确议事程序。").values_list("pk", flat=True))
    refused = staff.post(f"/staff/consultations/{consultation.pk}/answers/",
                         {"comment": same, "outcome": "not_adopted", "answer": ""}, follow=True)  # fmt: skip
    assert "须说明理由" in refused.content.decode()
    staff.post(f"/staff/consultations/{consultation.pk}/answers/",
               {"comment": same, "outcome": "adopted", "answer": "已在第二条增加议事程序。"})  # fmt: skip
    staff.post(f"/staff/consultations/{consultation.pk}/adoption/", {"action": "generate"})
    report = AdoptionReport.objects.get()
    assert "共收到意见3条" in report.text and "（2条相同或相近意见）" in report.text
    waiting = staff.post(f"/staff/consultations/{consultation.pk}/adoption/", {"action": "submit"}, follow=True)
    assert "还有 1 条意见没有答复" in waiting.content.decode()
    listed = waiting.content.decode().split("尚未答复的意见")[1].split("</ul>")[0]  # the screen lists them
    assert "建议延长公示期。" in listed and "建议明确议事程序" not in listed
    other = Comment.objects.get(text="建议延长公示期。")
    staff.post(f"/staff/consultations/{consultation.pk}/answers/",
               {"comment": [other.pk], "outcome": "not_adopted", "answer": "村务公开规定公示期为7日。"})  # fmt: skip
    staff.post(f"/staff/consultations/{consultation.pk}/adoption/", {"action": "generate"})
    staff.post(f"/staff/consultations/{consultation.pk}/adoption/", {"action": "submit"})
    report.refresh_from_db()
    assert report.status == AdoptionStatus.IN_REVIEW
    before = Client().post("/gk/town/yjzj/receipt/", {"code": codes[0]}).content.decode()
    assert "已在第二条增加议事程序" not in before  # answers are private until the report is published
    with django_capture_on_commit_callbacks(execute=True):
        review_through(report, personas)
    report.refresh_from_db()
    assert report.status == AdoptionStatus.PUBLISHED
    page = Client().get(f"/gk/town/yjzj/{consultation.pk}/").content.decode()
    assert "征求意见采纳情况的说明" in page and "13912345678" not in page
    after = Client().post("/gk/town/yjzj/receipt/", {"code": codes[0]}).content.decode()
    assert "采纳" in after and "已在第二条增加议事程序" in after
    assert [m.to for m in mail.outbox] == [["lisi@example.com"]]  # the phone number is not mailed


def test_nothing_is_answered_before_the_consultation_closes(client_for: Any, personas: Any, town: Any,
                                                            calendar: None) -> None:  # fmt: skip
    consultation = published(client_for("editor"), town, personas)
    received = comments.comment(consultation=consultation, text="意见", name="", contact="", section=None,
                                submission_key=uuid.uuid4())  # fmt: skip
    page = client_for("editor").post(f"/staff/consultations/{consultation.pk}/answers/",
                                     {"comment": [received.comment.pk], "outcome": "adopted", "answer": ""},
                                     follow=True).content.decode()  # fmt: skip
    assert "征求意见结束后再逐条答复" in page
    assert not Comment.objects.get().answered


def test_the_demo_has_an_open_consultation_and_a_closed_one_with_its_adoption_report(db: Any) -> None:
    from io import StringIO

    from django.core.management import call_command

    call_command("seed_demo", stdout=StringIO())
    listing = Client().get("/gk/shifanzhen/yjzj/").content.decode()
    assert "村级公益事业建设项目管理办法（征求意见稿）" in listing
    assert "农村生活垃圾收运处置实施方案（征求意见稿）" in listing
    closed = Consultation.objects.get(title__contains="生活垃圾")
    page = Client().get(f"/gk/shifanzhen/yjzj/{closed.pk}/").content.decode()
    assert "共收到意见3条" in page and "部分采纳2条" in page
    from consultations.selectors import held_in

    assert held_in([closed.organisation_id], closed.opens_on.year) >= 1  # read by the annual report's section 一
    major = Consultation.objects.get(title__contains="农贸市场")
    page = Client().get(f"/gk/shifanzhen/yjzj/{major.pk}/").content.decode()
    assert "专家论证</strong>：已完成" in page and "听证会：示例镇集镇农贸市场迁建方案" in page
    hearing = major.matter.hearings.get()
    notice = Client().get(f"/gk/shifanzhen/yjzj/tzh/{hearing.pk}/").content.decode()
    assert "听证参加人名单" in notice and "刘某" in notice and "周某" not in notice and "13800000001" not in notice


def test_spam_is_kept_counted_apart_and_needs_no_answer(
    closed: tuple[Consultation, list[str]], client_for: Any
) -> None:
    consultation, _codes = closed
    advert = Comment.objects.create(consultation=consultation, text="低价代办各类证件，加微信", receipt_hash="f" * 64)
    staff = client_for("editor")
    refused = staff.post(f"/staff/consultations/{consultation.pk}/spam/", {"comment": advert.pk, "reason": ""},
                         follow=True)  # fmt: skip
    assert "请说明理由" in refused.content.decode()
    staff.post(f"/staff/consultations/{consultation.pk}/spam/", {"comment": advert.pk, "reason": "广告信息"})
    advert.refresh_from_db()
    assert advert.spam_reason == "广告信息" and Comment.objects.filter(pk=advert.pk).exists()  # kept, not deleted
    others = list(Comment.objects.exclude(pk=advert.pk).values_list("pk", flat=True))
    staff.post(f"/staff/consultations/{consultation.pk}/answers/",
               {"comment": others, "outcome": "adopted", "answer": "已采纳。"})  # fmt: skip
    staff.post(f"/staff/consultations/{consultation.pk}/adoption/", {"action": "generate"})
    report = AdoptionReport.objects.get()
    assert "共收到意见3条" in report.text and "另有1条与征求意见无关的信息" in report.text
    assert "低价代办" not in report.text
    staff.post(f"/staff/consultations/{consultation.pk}/adoption/", {"action": "submit"})
    report.refresh_from_db()
    assert report.status == AdoptionStatus.IN_REVIEW  # the spam needed no answer
