"""Serious wording errors are flagged at review like personal data (《政府网站与政务新媒体检查指标》, 国办秘函〔2019〕
19号: 严重错别字 is a 单项否决 item): miswritings from the shipped list and the platform's own rules, and a leader's
name beside a title not theirs. The item cannot pass until the editor corrects it or two reviewers keep it."""

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from review import services as review
from review import wording
from review.models import Leader, WordingRule
from review.scanner import Text
from tests.review.conftest import YES

pytestmark = pytest.mark.django_db


def kinds(text: str, rules: list[tuple[str, str]] | None = None, leaders: Any = ()) -> list[tuple[str, str, str]]:
    return [(h.kind, h.text, h.masked) for h in wording.check(Text("body", text), rules or [], leaders)]


def test_the_shipped_list_flags_miswritten_forms_with_their_correct_form() -> None:
    assert kinds("各村要按步就班做好布署，做为重点。") == [
        ("wording", "按步就班", "应为“按部就班”"), ("wording", "布署", "应为“部署”"), ("wording", "做为", "应为“作为”"),
    ]  # fmt: skip
    assert kinds("各村要按部就班做好部署，作为重点。") == []
    assert all(wrong != right for wrong, right in wording.shipped()) and len(wording.shipped()) >= 60


def test_a_leader_beside_a_title_not_theirs_is_flagged_and_the_right_title_is_not() -> None:
    leaders = [("张明", "镇党委书记,镇人大主席"), ("李华", "副镇长")]
    assert kinds("镇党委书记张明主持会议，张明书记强调……", leaders=leaders) == []
    assert kinds("副镇长李华出席。", leaders=leaders) == []
    assert kinds("镇长李华出席。", leaders=leaders) == [("leader_title", "镇长李华", "李华的职务为“副镇长”")]
    assert kinds("张明镇长讲话。", leaders=leaders) == [
        ("leader_title", "张明镇长", "张明的职务为“镇党委书记、镇人大主席”")
    ]


def test_a_wording_error_blocks_approval_until_corrected_or_kept_by_two(
    submitted: Callable[..., Any], personas: dict[str, User]
) -> None:
    WordingRule.objects.create(wrong="两学一作", right="两学一做", note="固定提法")
    Leader.objects.create(name="李华", titles="副镇长")
    _item, submission = submitted(body="<p>深入开展两学一作，镇长李华按步就班推进。</p>")
    found = {(h["kind"], h["text"]) for h in submission.hits}
    assert found == {("wording", "两学一作"), ("wording", "按步就班"), ("leader_title", "镇长李华")}
    approve: dict[str, Any] = {"submission": submission, "checklist": YES["secrecy"], "stage_id": submission.stage_id}
    with pytest.raises(ValidationError, match="自动检查发现 3 处需处理的内容"):
        review.approve(**approve, actor=personas["reviewer"])


def test_the_review_page_shows_the_error_and_its_correct_form(submitted: Callable[..., Any], client_for: Any) -> None:
    _item, submission = submitted(body="<p>请各村做好布署。</p>")
    page = client_for("reviewer").get(f"/staff/review/{submission.pk}/").content.decode()
    assert "错别字" in page and "<mark>布署</mark>" in page and "应为“部署”" in page
