"""The annual report's PDF and DOCX in the 公文 conventions (GB/T 9704-2012) where the national format
(国办公开办函〔2021〕30号) says nothing else: A4 with the standard margins, 3号 仿宋 body with every paragraph two
characters in, the title first, "— n —" under every page."""

import io
from typing import Any

from supervision.annual_report import documents
from supervision.models import AnnualReport

OVERVIEW = (
    "本年度，示例镇人民政府认真贯彻落实《中华人民共和国政府信息公开条例》。\n（一）主动公开。全年主动公开政府信息12条。"
)
MM = 72 / 25.4


def test_the_report_pdf_is_a4_with_the_title_first_and_a_number_under_every_page(
    town: Any, personas: Any, pdf_support: None
) -> None:
    from pypdf import PdfReader

    report = AnnualReport(organisation=town.town, year=2025, created_by=personas["office_head"], overview=OVERVIEW)
    reader = PdfReader(io.BytesIO(documents.pdf(report)))
    pages = [(page.extract_text() or "").replace("\n", "") for page in reader.pages]
    assert len(pages) >= 2
    assert pages[0].startswith("示例镇人民政府2025年政府信息公开工作年度报告一、总体情况本年度")
    assert "（一）主动公开。全年主动公开政府信息12条。" in pages[0]
    for number, (page, text) in enumerate(zip(reader.pages, pages, strict=True), start=1):
        assert (round(float(page.mediabox.width) / MM), round(float(page.mediabox.height) / MM)) == (210, 297)
        assert text.endswith(f"— {number} —"), text[-20:]


def test_the_report_docx_has_the_standard_page_faces_and_page_numbers(town: Any, personas: Any) -> None:
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    report = AnnualReport(organisation=town.town, year=2025, created_by=personas["office_head"], overview=OVERVIEW)
    document = Document(io.BytesIO(documents.docx(report)))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(margin.mm) for margin in margins] == [37, 35, 28, 26]
    normal = document.styles["Normal"]
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋" and normal.font.size == Pt(16)
    assert normal.paragraph_format.first_line_indent == Pt(32)
    for footer in (section.footer, section.even_page_footer):
        assert "— " in footer.paragraphs[0].text and 'w:instr="PAGE"' in footer.paragraphs[0]._p.xml
    assert document.paragraphs[0].text == report.title
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:2] == ["一、总体情况", "二、主动公开政府信息情况"]
    overview = [p.text for p in document.paragraphs][2:4]
    assert overview == OVERVIEW.split("\n")
