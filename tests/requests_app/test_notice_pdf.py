"""Issued notices as PDFs (regulation.md §1.5): named by their number, with a place for the seal and date, and no
page holding only the contact line, however long the notice."""

from datetime import date
from typing import Any
from urllib.parse import unquote

import pytest

from requests_app import services
from requests_app.models import Notice, NoticeKind
from requests_app.outcomes import Outcome

pytestmark = pytest.mark.django_db


def pdf_pages(content: bytes) -> list[str]:
    import io

    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages]


@pytest.mark.parametrize("parts", [1, 12, 24])
def test_a_partial_disclosure_pdf_keeps_its_closing_together_and_says_reconsideration_comes_first(
    parts: int, received: Any, personas: Any, client_for: Any, pdf_support: None
) -> None:
    reason = "属于个人隐私，公开会对第三方合法权益造成损害"
    withheld = [{"part": f"第{n}户的身份证号码、银行账号和家庭住址", "reason": reason} for n in range(1, parts + 1)]
    services.reply(application=received(), actor=personas["case_officer"], outcome=Outcome.PARTIALLY_DISCLOSED,
                   withheld_parts=withheld, today=date(2026, 11, 20))  # fmt: skip
    notice = Notice.objects.get(kind=NoticeKind.REPLY)
    response = client_for("case_officer").get(f"/staff/ysq/notices/{notice.pk}.pdf")
    assert response.status_code == 200
    assert unquote(response["Content-Disposition"]).endswith(f"{notice.number}.pdf")
    pages = [text.replace("\n", "") for text in pdf_pages(response.content)]
    whole = "".join(pages)
    assert "应当先自收到本告知书之日起60日内向示例县人民政府申请行政复议" in whole
    assert "（盖章）" in whole and "2026年11月20日" in whole
    [with_contact] = [page for page in pages if "联系电话" in page]
    assert "特此告知。" in with_contact and "示例镇人民政府2026年11月20日" in with_contact
