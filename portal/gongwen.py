"""DOCX in the 公文 format (GB/T 9704-2012), as the PDFs are (static/css/document.css): A4 with the 版心
156 × 225 mm (37 mm above, 28 mm on the binding side), 3号 仿宋 body in 22 lines to a page with every paragraph
two characters in, the title in 2号 小标宋, 一级标题 in 3号 黑体 and 二级 in 楷体, "— 1 —" at the outside edge
under each page. Word substitutes its own 宋体 where an office lacks 方正小标宋简体."""

from __future__ import annotations

from typing import Any

BODY, TITLE, HEADING, SUBHEADING = "仿宋", "方正小标宋简体", "黑体", "楷体"
LINE = 28.95  # points: 225 mm over 22 lines
WIDTH = 156  # mm: the 版心's width


def _faces(element: Any, name: str) -> None:
    """Set a run's or style's faces, East Asian included (python-docx sets only the Latin ones)."""
    from docx.oxml.ns import qn

    fonts = element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)


def _page_number(paragraph: Any) -> None:
    """ "— n —" in 4号, n being Word's PAGE field."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    paragraph.paragraph_format.first_line_indent = Pt(0)
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = Pt(14)
    paragraph.add_run("— ").font.size = Pt(14)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = paragraph.add_run("1")
    run.font.size = Pt(14)
    field.append(run._r)
    paragraph._p.append(field)
    paragraph.add_run(" —").font.size = Pt(14)


def document() -> Any:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Mm, Pt, RGBColor

    made = Document()
    section = made.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28)  # the number 7 mm under the 版心
    made.settings.odd_and_even_pages_header_footer = True
    outside = ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT))
    for footer, edge in outside:
        footer.paragraphs[0].alignment = edge
        _page_number(footer.paragraphs[0])
    normal = made.styles["Normal"]
    _faces(normal.element, BODY)
    normal.font.size = Pt(16)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Pt(LINE)
    normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.first_line_indent = Pt(32)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for level, face in (("Heading 1", HEADING), ("Heading 2", SUBHEADING)):
        heading = made.styles[level]
        _faces(heading.element, face)
        heading.font.size, heading.font.bold, heading.font.color.rgb = Pt(16), False, RGBColor(0, 0, 0)
        heading.paragraph_format.space_before = heading.paragraph_format.space_after = Pt(0)
        heading.paragraph_format.first_line_indent = Pt(32)
        heading.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        heading.paragraph_format.line_spacing = Pt(LINE)
    cells = made.styles.add_style("表格文字", 1)  # a paragraph style for table cells
    cells.font.size = Pt(10.5)
    cells.paragraph_format.first_line_indent = Pt(0)
    cells.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    cells.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return made


def title(made: Any, text: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = made.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Pt(0)
    paragraph.paragraph_format.line_spacing = Pt(32)
    paragraph.paragraph_format.space_after = Pt(LINE)
    run = paragraph.add_run(text)
    run.font.size = Pt(22)
    _faces(run._r, TITLE)


def as_table_text(table: Any, size: float = 10.5) -> None:
    """Every paragraph of a table in the table style, at this size (the national table 三 needs 9 pt)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt
    from docx.text.paragraph import Paragraph

    style = table.part.document.styles["表格文字"].style_id
    for element in table._tbl.iter(qn("w:p")):
        element.get_or_add_pPr().style = style  # by id: python-docx's lookup by name costs 1 ms a paragraph
        paragraph = Paragraph(element, table)
        if size != 10.5:
            for run in paragraph.runs:
                run.font.size = Pt(size)


def repeat_heading_rows(table: Any, rows: int) -> None:
    """The first rows printed again at the top of each page the table runs onto."""
    from docx.oxml import OxmlElement

    for row in table.rows[:rows]:
        row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
