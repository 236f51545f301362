"""Issued notices as PDFs (regulation.md §1.5), laid out as 公文 (GB/T 9704-2012): A4, the issuer's mark and the
发文字号 at the head, 主送 flush left at the 版心's edge and every paragraph two characters in, 22 lines to a
page, "— n —" under each page, and the seal's place kept with the last paragraph, however long the notice."""

import itertools
from datetime import date
from typing import Any
from urllib.parse import unquote

import pytest

from requests_app import services
from requests_app.models import Notice, NoticeKind
from requests_app.outcomes import Outcome

pytestmark = pytest.mark.django_db


MM = 72 / 25.4
BINDING_EDGE = 28 * MM  # 订口 28 mm: the 版心's left edge on an odd page
CHARACTER = 16  # 3号


def pdf_pages(content: bytes) -> list[str]:
    import io

    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages]


def lines_of_first_page(content: bytes) -> tuple[Any, list[tuple[float, float, str]]]:
    """The first page's size, and each run of text on it as (x, y, text), top to bottom."""
    import io

    from pypdf import PdfReader

    page = PdfReader(io.BytesIO(content)).pages[0]
    runs: list[tuple[float, float, str]] = []

    def collect(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if text.strip():
            runs.append((cm[4] + tm[4] * cm[0], cm[5] + tm[5] * cm[3], text.strip()))

    page.extract_text(visitor_text=collect)
    return page.mediabox, runs


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
    for number, page in enumerate(pages, start=1):
        assert page.endswith(f"— {number} —"), page[-20:]
    assert pages[0].startswith(f"示例镇人民政府{notice.number}政府信息部分公开告知书")


def test_a_notice_is_a_gongwen_page_salutation_flush_left_and_paragraphs_two_characters_in(
    received: Any, personas: Any, client_for: Any, pdf_support: None
) -> None:
    services.reply(application=received(), actor=personas["case_officer"], outcome=Outcome.DISCLOSED,
                   today=date(2026, 11, 20))  # fmt: skip
    notice = Notice.objects.get(kind=NoticeKind.REPLY)
    size, runs = lines_of_first_page(client_for("case_officer").get(f"/staff/ysq/notices/{notice.pk}.pdf").content)
    assert (round(float(size.width) / MM), round(float(size.height) / MM)) == (210, 297)
    starts: dict[str, float] = {}
    for x, _, text in runs:
        starts.setdefault(text[:3], x)
    assert abs(starts["张三："] - BINDING_EDGE) < 1  # 主送 at the 版心's edge
    assert abs(starts["本机关"] - (BINDING_EDGE + 2 * CHARACTER)) < 1  # each paragraph two characters in
    body = [y for x, y, text in runs if x < BINDING_EDGE + 2 * CHARACTER + 1 and "—" not in text]
    pitches = {round(above - below, 1) for above, below in itertools.pairwise(body)}
    assert min(pitches) > 28.5 and 225 * MM / min(pitches) >= 21.9  # 22 lines to the 225 mm 版心, no blank lines
