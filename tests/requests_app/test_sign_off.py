"""签发 and extension requests (regulation.md §1.5 [choice]; 条例 第三十三条第二款): a final reply a case officer
prepares waits for the disclosure office head; a case officer asks the head for an extension."""

from datetime import date
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from requests_app import services
from requests_app.models import Notice, NoticeKind, Status
from requests_app.outcomes import Outcome

pytestmark = pytest.mark.django_db
DAY = date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _sign_off_on(settings: Any) -> None:
    settings.REPLY_SIGN_OFF = True


def test_sign_off_is_on_by_default() -> None:
    import portal.settings

    assert portal.settings.REPLY_SIGN_OFF is True


def test_a_case_officers_reply_waits_for_the_heads_sign_off(
    received: Any, personas: Any, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    application, officer, head = received(), personas["case_officer"], personas["office_head"]
    with pytest.raises(PermissionDenied, match="须经政府信息公开工作机构负责人签发"):
        services.reply(application=application, actor=officer, outcome=Outcome.DISCLOSED, today=DAY)
    with django_capture_on_commit_callbacks(execute=True):
        prepared = services.prepare_reply(application=application, actor=officer, outcome=Outcome.DISCLOSED,
                                          reason="随告知书提供名单。", today=DAY)  # fmt: skip
    assert prepared.status == Status.RECEIVED and not Notice.objects.exists()
    assert "随告知书提供名单。" in prepared.prepared_reply["notice_text"]
    assert any("待签发的答复" in m.subject and m.to == ["office_head@example.gov.cn"] for m in mail.outbox)
    assert "待签发的答复：1 件" in client_for("office_head").get("/staff/").content.decode()
    case = client_for("office_head").get(f"/staff/ysq/{application.pk}/").content.decode()
    assert "签发答复" in case and "退回拟定的答复" in case
    officer_case = client_for("case_officer").get(f"/staff/ysq/{application.pk}/").content.decode()
    assert "须政府信息公开工作机构负责人办理" in officer_case
    with pytest.raises(PermissionDenied):
        services.sign_off(application=application, approver=officer, today=DAY)
    signed = services.sign_off(application=application, approver=head, today=DAY)
    notice = Notice.objects.get(kind=NoticeKind.REPLY)
    assert signed.status == Status.REPLIED and notice.issued_by == head and "随告知书提供名单。" in notice.body
    event = signed.events.get(action="reply")
    assert event.detail["prepared_by"] == "case_officer" and event.actor == head
    assert (event.status_before, event.status_after) == (Status.RECEIVED, Status.REPLIED)


def test_the_head_signs_off_through_the_screens(received: Any, client_for: Any) -> None:
    application = received()
    officer = client_for("case_officer")
    reply_url = f"/staff/ysq/{application.pk}/act/prepare_reply/"
    generated = officer.post(reply_url, {"outcome": Outcome.DISCLOSED, "reason": "见附件。"}).content.decode()
    assert "报公开工作机构负责人签发" in generated
    import re

    previewed_for = re.search(r'name="previewed_for" value="([^"]+)"', generated).group(1)
    text = re.search(r'<textarea name="notice_text"[^>]*>([^<]*)</textarea>', generated).group(1)
    officer.post(reply_url, {"outcome": Outcome.DISCLOSED, "reason": "见附件。", "notice_text": text,
                             "previewed_for": previewed_for, "issue": "1"})  # fmt: skip
    application.refresh_from_db()
    assert application.prepared_reply and application.status == Status.RECEIVED
    head = client_for("office_head")
    page = head.get(f"/staff/ysq/{application.pk}/act/sign_off/").content.decode()
    assert "见附件。" in page and "case_officer于" in page and "拟定。核对后签发" in page
    head.post(f"/staff/ysq/{application.pk}/act/sign_off/", {"text": text.replace("&#x27;", "'")})
    application.refresh_from_db()
    assert application.status == Status.REPLIED and Notice.objects.filter(kind=NoticeKind.REPLY).count() == 1


def test_the_head_may_return_a_prepared_reply_with_a_reason(received: Any, personas: Any) -> None:
    application = received()
    services.prepare_reply(application=application, actor=personas["case_officer"], outcome=Outcome.DISCLOSED,
                           today=DAY)  # fmt: skip
    with pytest.raises(ValidationError, match="写明退回的理由"):
        services.return_reply(application=application, approver=personas["office_head"], reason="", today=DAY)
    returned = services.return_reply(application=application, approver=personas["office_head"],
                                     reason="应部分公开，身份证号不能提供", today=DAY)  # fmt: skip
    assert returned.prepared_reply == {} and returned.events.last().note == "应部分公开，身份证号不能提供"
    services.prepare_reply(application=application, actor=personas["case_officer"],
                           outcome=Outcome.PARTIALLY_DISCLOSED,
                           withheld_parts=[{"part": "身份证号码", "reason": "个人隐私"}], today=DAY)  # fmt: skip


def test_the_head_replies_directly(received: Any, personas: Any) -> None:
    replied = services.reply(application=received(), actor=personas["office_head"], outcome=Outcome.DISCLOSED,
                             today=DAY)  # fmt: skip
    assert replied.status == Status.REPLIED


def test_article_33_a_case_officer_asks_the_head_for_an_extension(
    received: Any, personas: Any, client_for: Any
) -> None:
    application, officer, head = received(), personas["case_officer"], personas["office_head"]
    with pytest.raises(PermissionDenied):
        services.extend(application=application, approver=officer, working_days=10, reason="档案多", today=DAY)
    services.request_extension(application=application, actor=officer, working_days=10,
                               reason="所需信息分散在多个村", today=DAY)  # fmt: skip
    assert "待审批的延期申请：1 件" in client_for("office_head").get("/staff/").content.decode()
    with pytest.raises(ValidationError, match="已申请延期"):
        services.request_extension(application=application, actor=officer, working_days=5, reason="再延", today=DAY)
    extended = services.approve_extension(application=application, approver=head, today=DAY)
    assert extended.extension_working_days == 10 and extended.extension_request == {}
    notice = Notice.objects.get(kind=NoticeKind.EXTENSION)
    assert "因所需信息分散在多个村" in notice.body and notice.issued_by == head


def test_article_33_the_head_may_decline_an_extension(received: Any, personas: Any) -> None:
    application = received()
    services.request_extension(application=application, actor=personas["case_officer"], working_days=10,
                               reason="档案多", today=DAY)  # fmt: skip
    declined = services.decline_extension(application=application, approver=personas["office_head"],
                                          reason="信息已整理，可按期答复", today=DAY)  # fmt: skip
    assert declined.extension_request == {} and declined.extension_working_days == 0
    assert not Notice.objects.filter(kind=NoticeKind.EXTENSION).exists()


def test_a_case_does_not_change_under_a_reply_waiting_for_sign_off(received: Any, personas: Any) -> None:
    application = received()
    services.prepare_reply(application=application, actor=personas["case_officer"], outcome=Outcome.DISCLOSED,
                           today=DAY)  # fmt: skip
    with pytest.raises(ValidationError, match="已有拟定的答复等待签发"):
        services.request_correction(application=application, actor=personas["case_officer"], items=["文号"],
                                    period_working_days=10, today=date(2026, 11, 5))  # fmt: skip
    withdrawn = services.withdraw(application=application, actor=None, reason="", today=DAY)
    assert withdrawn.prepared_reply == {} and withdrawn.status == Status.CLOSED
