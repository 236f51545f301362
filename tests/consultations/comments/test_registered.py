"""Public participation beyond the web form (regulation.md §4; 《重大行政决策程序暂行条例》第十四条至第十八条):
comments by letter, e-mail or at meetings registered with their source, 座谈会 / 专家论证会 records, moderated
publication of comments, and what the adoption report and its mails leave out."""

import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from consultations.comments import answers
from consultations.comments import services as comments
from consultations.models import AdoptionReport, Comment, Consultation, Meeting
from tests.conftest import review_through
from tests.consultations.test_consultations import prepare, published
from tests.files import PDF


def messages_of(response: Any) -> str:
    return " ".join(str(m) for m in response.wsgi_request._messages)


@pytest.fixture
def open_consultation(client_for: Any, personas: Any, town: Any, calendar: None) -> Consultation:
    return published(client_for("editor"), town, personas)


def test_a_letter_is_registered_with_its_source_and_answered_like_any_comment(
    open_consultation: Consultation, client_for: Any
) -> None:
    staff = client_for("editor")
    today = timezone.localdate()
    data = {
        "register-source": "letter", "register-received_on": f"{today:%Y-%m-%d}", "register-text": "建议增加公示期。",
        "register-name": "东村村民王某", "register-contact": "东村3组", "register-submission_key": str(uuid.uuid4()),
        "register-attachment": SimpleUploadedFile("来信.pdf", PDF, "application/pdf"),
    }  # fmt: skip
    response = staff.post(f"/staff/consultations/{open_consultation.pk}/register/", data)
    assert response.status_code == 302 and "回执码" in messages_of(response)
    comment = Comment.objects.get()
    assert comment.source == "letter" and comment.received_on == today and comment.personal("name") == "东村村民王某"
    page = staff.get(f"/staff/consultations/{open_consultation.pk}/").content.decode()
    assert "信函" in page and "附件：来信.pdf" in page
    assert staff.get(f"/staff/consultations/{open_consultation.pk}/comments/{comment.pk}/file/").status_code == 200
    assert client_for("other_staff").get(
        f"/staff/consultations/{open_consultation.pk}/comments/{comment.pk}/file/"
    ).status_code == 404  # fmt: skip
    assert answers.unanswered(open_consultation).count() == 1  # answered after closing like the online ones


def test_a_registered_comment_with_a_future_date_is_refused_and_the_text_kept(
    open_consultation: Consultation, client_for: Any
) -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)
    data = {"register-source": "email", "register-received_on": f"{tomorrow:%Y-%m-%d}",
            "register-text": "建议明确资金来源。", "register-submission_key": str(uuid.uuid4())}  # fmt: skip
    response = client_for("editor").post(f"/staff/consultations/{open_consultation.pk}/register/", data)
    body = response.content.decode()
    assert response.status_code == 400 and "收到日期不能晚于今天" in body and "建议明确资金来源。" in body
    assert not Comment.objects.exists()


def test_a_meeting_is_recorded_with_participants_by_category_and_its_opinions_registered(
    open_consultation: Consultation, client_for: Any
) -> None:
    staff = client_for("editor")
    today = timezone.localdate()
    sheet = "人大代表\t王某某\t东村\n企业代表 某某农业公司 李某\n群众代表，赵某，西村"
    response = staff.post(f"/staff/consultations/{open_consultation.pk}/meetings/", {
        "meeting-kind": "symposium", "meeting-held_on": f"{today:%Y-%m-%d}", "meeting-place": "镇政府会议室",
        "meeting-participants": sheet, "meeting-minutes": "与会人员对草案第二条提出意见。"})  # fmt: skip
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert [p["category"] for p in meeting.participants] == ["deputy", "enterprise", "resident"]
    assert dict(meeting.counts()) == {"人大代表": 1, "企业代表": 1, "群众代表": 1}
    bad = staff.post(f"/staff/consultations/{open_consultation.pk}/meetings/", {
        "meeting-kind": "expert", "meeting-held_on": f"{today:%Y-%m-%d}", "meeting-place": "会议室",
        "meeting-participants": "教授 张某", "meeting-minutes": "纪要"})  # fmt: skip
    assert bad.status_code == 400 and "第1行" in bad.content.decode() and "教授 张某" in bad.content.decode()
    with pytest.raises(Exception, match="选择登记过的会议"):
        comments.register_comment(consultation=open_consultation, source="meeting", received_on=today,
                                    text="意见", name="", contact="", section=None, meeting=None,
                                    actor=meeting.registered_by)  # fmt: skip
    comments.register_comment(consultation=open_consultation, source="meeting", received_on=today,
                                text="第二条应写明议事程序。", name="王某某", contact="", section=None, meeting=meeting,
                                actor=meeting.registered_by)  # fmt: skip
    assert meeting.comments.count() == 1


def test_comments_are_public_only_after_moderation_and_without_personal_data(
    client_for: Any, personas: Any, town: Any, calendar: None
) -> None:
    staff = client_for("editor")
    assert prepare(staff, town, publish_comments="on").status_code == 302
    consultation = Consultation.objects.get()
    staff.post(f"/staff/consultations/{consultation.pk}/submit/")
    review_through(consultation, personas)
    text = "建议增加公示期，有事请打13912345678或写信到 lisi@example.com。"
    received = Client().post(f"/gk/town/yjzj/{consultation.pk}/", {
        "text": text, "name": "李四", "contact": "lisi@example.com", "submission_key": str(uuid.uuid4())})  # fmt: skip
    assert received.status_code == 200
    public = f"/gk/town/yjzj/{consultation.pk}/"
    assert "建议增加公示期" not in Client().get(public).content.decode().split("征求意见稿")[-1]
    comment = Comment.objects.get()
    staff.post(f"/staff/consultations/{consultation.pk}/moderate/", {"comment": [comment.pk], "action": "show"})
    for url in (public, f"/gk/town/yjzj/{consultation.pk}/comments/"):
        body = Client().get(url).content.decode()
        assert "建议增加公示期" in body and "139****5678" in body, url
        assert "13912345678" not in body and "lisi@example.com" not in body and "李四" not in body, url
    staff.post(f"/staff/consultations/{consultation.pk}/moderate/", {"comment": [comment.pk], "action": "hide"})
    assert "建议增加公示期" not in Client().get(f"/gk/town/yjzj/{consultation.pk}/comments/").content.decode()


def test_moderation_is_refused_when_the_consultation_does_not_publish_comments(
    open_consultation: Consultation, client_for: Any
) -> None:
    comments.comment(consultation=open_consultation, text="意见", name="", contact="", section=None,
                     submission_key=uuid.uuid4())  # fmt: skip
    response = client_for("editor").post(f"/staff/consultations/{open_consultation.pk}/moderate/",
                                         {"comment": [Comment.objects.get().pk], "action": "show"})  # fmt: skip
    assert "未选择公开意见" in messages_of(response) and not Comment.objects.get().shown
    assert Client().get(f"/gk/town/yjzj/{open_consultation.pk}/comments/").status_code == 404


def test_the_adoption_report_masks_personal_data_a_commenter_typed_and_spam_gets_no_mail(
    closed: tuple[Consultation, list[str]], client_for: Any, personas: Any
) -> None:
    from django.core import mail

    consultation, _codes = closed
    with_mail, plain, _phone = consultation.comments.order_by("pk")
    Comment.objects.filter(pk=plain.pk).update(text="我是东村的，电话13912345678，建议明确议事程序。")
    answers.mark_spam(consultation=consultation, comment_id=with_mail.pk, reason="重复的广告", actor=personas["editor"])
    Comment.objects.filter(spam_reason="").update(outcome="adopted", answer="已采纳。")
    staff = client_for("editor")
    staff.post(f"/staff/consultations/{consultation.pk}/adoption/", {"action": "generate"})
    report = AdoptionReport.objects.get()
    assert "139****5678" in report.text and "13912345678" not in report.text
    staff.post(f"/staff/consultations/{consultation.pk}/adoption/", {"action": "submit"})
    review_through(report, personas)
    assert AdoptionReport.objects.get().status == "published"
    assert not [m for m in mail.outbox if "lisi@example.com" in m.to]  # spam is not answered, so not mailed
