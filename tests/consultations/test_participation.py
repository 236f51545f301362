"""A decision beyond its consultation (regulation.md §4; 《重大行政决策程序暂行条例》第十四条至第十八条): the decision's
files reviewed before they are public, the link to the final decision, and the figures supervision reads."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from consultations import selectors
from consultations.comments import answers
from consultations.models import Comment, Consultation, DecisionMatter, Document
from tests.conftest import review_through
from tests.files import PDF

from .test_consultations import prepare, published


def messages_of(response: Any) -> str:
    return " ".join(str(m) for m in response.wsgi_request._messages)


@pytest.fixture
def open_consultation(client_for: Any, personas: Any, town: Any, calendar: None) -> Consultation:
    return published(client_for("editor"), town, personas)


def test_the_drafts_attachment_is_reviewed_and_published_with_it(
    client_for: Any, personas: Any, town: Any, calendar: None
) -> None:
    staff = client_for("editor")
    prepare(staff, town)
    consultation = Consultation.objects.get()
    staff.post(f"/staff/consultations/{consultation.pk}/documents/",
               {"upload": SimpleUploadedFile("起草依据.pdf", PDF, "application/pdf"), "name": "起草依据"})  # fmt: skip
    document = Document.objects.get()
    assert Client().get(f"/gk/town/yjzj/files/{document.pk}/").status_code == 404
    staff.post(f"/staff/consultations/{consultation.pk}/submit/")
    review_through(consultation, personas)
    document.refresh_from_db()
    assert document.status == "published"
    assert "起草依据" in Client().get(f"/gk/town/yjzj/{consultation.pk}/").content.decode()
    assert Client().get(f"/gk/town/yjzj/files/{document.pk}/").status_code == 200


def test_a_phase_document_is_public_only_after_its_own_review(
    open_consultation: Consultation, client_for: Any, personas: Any
) -> None:
    staff = client_for("editor")
    phase = open_consultation.matter.phases.get(kind="risk")
    upload = SimpleUploadedFile("风险评估报告.pdf", PDF, "application/pdf")
    staff.post(f"/staff/consultations/{open_consultation.pk}/documents/", {"phase": phase.pk, "upload": upload})
    document = Document.objects.get(phase=phase)
    public = f"/gk/town/yjzj/{open_consultation.pk}/"
    assert "风险评估报告" not in Client().get(public).content.decode()
    staff.post(f"/staff/consultations/{open_consultation.pk}/documents/{document.pk}/", {"action": "submit"})
    review_through(document, personas)
    assert "风险评估报告" in Client().get(public).content.decode()
    assert Client().get(f"/gk/town/yjzj/files/{document.pk}/").status_code == 200
    response = staff.post(f"/staff/consultations/{open_consultation.pk}/documents/{document.pk}/", {"action": "remove"})
    assert "不能删除" in messages_of(response)


def test_the_consultation_and_the_final_decision_link_to_each_other(
    closed: tuple[Consultation, list[str]], client_for: Any, personas: Any, published: Any
) -> None:
    consultation, _codes = closed
    item = published(title="示例镇村级公益事业建设管理办法", when=timezone.localdate())
    staff = client_for("editor")
    response = staff.post(f"/staff/consultations/{consultation.pk}/decision/", {"index_number": "NO-SUCH"})
    assert "未找到本机关已公开" in messages_of(response)
    staff.post(f"/staff/consultations/{consultation.pk}/decision/", {"index_number": item.index_number})
    consultation.refresh_from_db()
    assert consultation.decision_item == item
    assert consultation.matter.phases.get(kind="publication").status == "done"
    page = Client().get(f"/gk/town/yjzj/{consultation.pk}/").content.decode()
    assert f"/gk/town/{item.column.slug}/" in page or f"/{item.pk}/" in page
    assert "最终决策：示例镇村级公益事业建设管理办法" in page
    item_page = Client().get(item.get_absolute_url()).content.decode()
    assert "决策过程" in item_page and f"/gk/town/yjzj/{consultation.pk}/" in item_page
    assert "意见采纳情况说明" not in item_page  # not yet published
    Comment.objects.update(outcome="adopted", answer="已采纳。")
    staff.post(f"/staff/consultations/{consultation.pk}/adoption/", {"action": "generate"})
    staff.post(f"/staff/consultations/{consultation.pk}/adoption/", {"action": "submit"})
    review_through(consultation.adoption_report, personas)
    assert "意见采纳情况说明" in Client().get(item.get_absolute_url()).content.decode()


def test_the_supervision_figures_count_what_happened(
    closed: tuple[Consultation, list[str]], town: Any, personas: Any
) -> None:
    """Hand-computed: three comments (one spam), two answered (one adopted, one not), no hearing."""
    consultation, _codes = closed
    first, second, third = consultation.comments.order_by("pk")
    answers.mark_spam(consultation=consultation, comment_id=third.pk, reason="广告信息", actor=personas["editor"])
    answers.answer(
        consultation=consultation, comment_ids=[first.pk], outcome="adopted", text="", actor=personas["editor"]
    )
    answers.answer(consultation=consultation, comment_ids=[second.pk], outcome="not_adopted", text="已有规定。",
                   actor=personas["editor"])  # fmt: skip
    year = consultation.opens_on.year
    found = selectors.figures([town.town.pk], year)
    assert (found.held, found.comments, found.spam, found.answered, found.adopted, found.hearings) == (1, 2, 1, 2, 1, 0)
    assert found.short == 0  # 21 days for a 行政规范性文件: more than 7 working days
    assert found.answered_share == 1.0 and found.adopted_share == 0.5
    DecisionMatter.objects.update(kind="major_decision")  # 21 days is shorter than 30 for a 重大行政决策
    assert selectors.figures([town.town.pk], year).short == 1
    assert selectors.figures([town.other_town.pk], year).held == 0
    assert selectors.figures([town.town.pk], year + 1).comments == 0
