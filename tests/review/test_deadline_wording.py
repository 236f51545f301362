"""发布期限 on the review page and in the reviewers' mail: 条例 第二十六条's 20 working days, or, for content it does
not apply to, the true reason — an old site's imported item is "原网站已发布", a question's answer is not."""

import uuid
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from consultations.questions import services as questions

pytestmark = pytest.mark.django_db


def test_a_question_and_answer_sent_for_publication_is_not_called_an_old_sites_item(
    town: Any, personas: Any, client_for: Any, calendar: None, mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:  # fmt: skip
    today = timezone.localdate()
    question = questions.receive(
        organisation=town.town, subject="低保申请需要哪些材料", text="需要哪些材料？", name="", contact="",
        public_allowed=True, submission_key=uuid.uuid4(),
        now=datetime.combine(today, time(10), tzinfo=ZoneInfo("Asia/Shanghai")),
    ).question  # fmt: skip
    questions.answer(question=question, text="请携带户口簿和收入证明到镇社会事务办申请。", actor=personas["editor"],
                     today=today)  # fmt: skip
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        submission = questions.submit_for_publication(question=question, actor=personas["editor"])
    page = client_for("reviewer").get(f"/staff/review/{submission.pk}/").content.decode()
    assert "本类内容不适用条例第二十六条的发布期限" in page
    assert "原网站" not in page and "原目录导入" not in page
    [told] = [m for m in mailoutbox if "待审核" in m.subject]
    assert "本类内容不适用条例第二十六条的发布期限" in told.body and "原网站" not in told.body
