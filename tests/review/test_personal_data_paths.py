"""Personal data reaches the public site by no path (regulation.md §3: de-identified before publication).

A 低保 name list is the town's biggest risk: pasted from Word as an HTML table, attached as a DOCX table or an
XLSX sheet. Each is found, blocks approval, and is masked where it is stored, then checked again clean."""

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from disclosure import services
from disclosure.extract import extract_text, html_to_text
from disclosure.masking import mask_html
from disclosure.models import Item, ItemStatus
from review import services as review
from review.models import Submission
from review.scanner import Text, scan
from tests.conftest import review_through
from tests.review.conftest import YES

ID = "430524197511203185"
MOBILE = "13812345678"
ROWS = [("1", "赵某", ID, MOBILE), ("2", "钱某某", "430524195803120040", "13912345678")]
LIST_TABLE = (
    "<p>2026年第四季度农村低保对象名单公示如下：</p><table><tr><th>序号</th><th>户主</th><th>身份证号</th>"
    "<th>联系电话</th></tr>" + "".join(f"<tr>{''.join(f'<td>{v}</td>' for v in row)}</tr>" for row in ROWS) + "</table>"
)


def docx_table() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("农村低保对象名单")
    table = document.add_table(rows=0, cols=4)
    for row in ROWS:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    # a value split over two runs, as Word saves it after an edit
    paragraph = document.add_paragraph("联系人手机：")
    paragraph.add_run("139 0731")
    paragraph.add_run(" 2468").bold = True
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_sheet() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["序号", "户主", "身份证号", "联系电话", "保障金额"])
    for number, name, id_number, mobile in ROWS:
        sheet.append([int(number), name, id_number, int(mobile), 360])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(item: Item, editor: User, name: str, data: bytes) -> None:
    services.add_attachment(item=item, upload=SimpleUploadedFile(name, data), actor=editor)


def submit(item: Item, editor: User) -> Submission:
    services.submit_item(item=item, actor=editor)
    submission = review.open_submission(item)
    assert submission is not None
    return submission


def approve_first_stage(submission: Submission, reviewer: User) -> Submission:
    return review.approve(submission=submission, actor=reviewer, checklist=YES["secrecy"], stage_id=submission.stage_id)


def test_cells_of_a_pasted_table_stay_apart_in_the_text() -> None:
    """A row <td>赵某</td><td>ID</td><td>mobile</td> must not become one run of digits."""
    text = html_to_text(LIST_TABLE)
    assert f"赵某\t{ID}\t{MOBILE}" in text
    kinds = [(str(h.kind), h.text) for h in scan([Text("body", text)])]
    assert ("id_number", ID) in kinds and ("mobile", MOBILE) in kinds


def test_a_list_pasted_as_an_html_table_blocks_approval_until_masked(
    client: Any, draft: Callable[..., Item], personas: dict[str, User]
) -> None:
    item = draft(body=LIST_TABLE)
    submission = submit(item, personas["editor"])
    assert {h["kind"] for h in submission.hits} == {"id_number", "mobile"} and len(submission.hits) == 4
    with pytest.raises(ValidationError, match="自动检查发现 4 处"):
        approve_first_stage(submission, personas["reviewer"])
    review.apply_masking(submission=submission, actor=personas["reviewer"])
    submission.refresh_from_db()
    assert submission.hits == []
    review_through(item, personas)
    page = client.get(f"/gk/town/item/{item.pk}/").content.decode()
    assert "43*************185" in page and "138****5678" in page
    assert ID not in page and MOBILE not in page
    assert "<td>赵某</td>" in page  # the table is still a table


def test_a_value_split_by_markup_is_masked_in_the_stored_html() -> None:
    html = "<p>联系电话：<strong>138</strong>1234&nbsp;5678，身份证<em>4305241975</em>11203185</p>"
    wanted = {("mobile", "1381234\xa05678"), ("id_number", ID)}
    masked = mask_html(html, wanted)
    assert masked == "<p>联系电话：<strong>138****5678</strong>，身份证<em>43*************185</em></p>"
    assert scan([Text("body", html_to_text(masked))]) == []


def test_masking_leaves_alone_what_it_was_not_asked_to_mask() -> None:
    html = "<p>办事电话13812345678，联系人13912345678</p>"
    assert mask_html(html, {("mobile", "13912345678")}) == "<p>办事电话13812345678，联系人139****5678</p>"


def test_a_docx_table_attachment_is_masked_in_place_and_rescanned_clean(
    draft: Callable[..., Item], personas: dict[str, User]
) -> None:
    item = draft(body="<p>名单见附件。</p>")
    upload(item, personas["editor"], "低保名单.docx", docx_table())
    submission = submit(item, personas["editor"])
    found = {(h["kind"], h["text"]) for h in submission.hits}
    assert found == {("id_number", ID), ("mobile", MOBILE), ("id_number", "430524195803120040"),
                     ("mobile", "13912345678"), ("mobile", "139 0731 2468")}  # fmt: skip
    assert all(h["source"] == "attachment:低保名单.docx" and h["maskable"] for h in submission.hits)
    review.apply_masking(submission=submission, actor=personas["reviewer"])
    submission.refresh_from_db()
    assert submission.hits == []
    attachment = item.attachments.get()
    with attachment.file.open("rb") as stored:
        text = extract_text("x.docx", stored)
    assert "43*************185" in text and "139****2468" in text and ID not in text
    assert "赵某" in text  # names are not touched (the scanner does not treat a name as an identifier)
    approve_first_stage(submission, personas["reviewer"])


def test_an_xlsx_sheet_attachment_is_masked_in_place_and_rescanned_clean(
    draft: Callable[..., Item], personas: dict[str, User]
) -> None:
    import openpyxl

    item = draft(body="<p>名单见附件。</p>")
    upload(item, personas["editor"], "低保名单.xlsx", xlsx_sheet())
    submission = submit(item, personas["editor"])
    assert len(submission.hits) == 4
    review.apply_masking(submission=submission, actor=personas["reviewer"])
    submission.refresh_from_db()
    assert submission.hits == []
    with item.attachments.get().file.open("rb") as stored:
        sheet = openpyxl.load_workbook(stored).active
    assert [c.value for c in sheet[2]] == [1, "赵某", "43*************185", "138****5678", 360]


def test_a_pdf_attachment_with_a_hit_asks_for_a_redacted_replacement(
    client_for: Any, draft: Callable[..., Item], personas: dict[str, User], pdf_support: None
) -> None:
    import weasyprint

    pdf = weasyprint.HTML(string=f"<table><tr><td>赵某</td><td>{ID}</td><td>{MOBILE}</td></tr></table>").write_pdf()
    item = draft(body="<p>名单见附件。</p>")
    upload(item, personas["editor"], "名单.pdf", pdf)
    submission = submit(item, personas["editor"])
    assert {h["kind"] for h in submission.hits} == {"id_number", "mobile"}
    assert not any(h["maskable"] for h in submission.hits)
    reviewer = client_for("reviewer")
    page = reviewer.get(f"/staff/review/{submission.pk}/").content.decode()
    assert "请退回修改，要求起草人上传遮盖后的替换文件" in page and "按建议遮盖全部个人信息" not in page
    reviewer.post(
        f"/staff/review/{submission.pk}/decide/",
        {"decision": "return", "stage_id": submission.stage_id, "comment": "请上传遮盖身份证号和电话后的名单"},
    )
    item.refresh_from_db()
    assert item.status == ItemStatus.DRAFT
    redacted = weasyprint.HTML(string="<table><tr><td>赵某</td><td>43*************185</td></tr></table>").write_pdf()
    attachment = item.attachments.get()
    editor = client_for("editor")
    detail = editor.get(f"/staff/items/{item.pk}/").content.decode()
    assert "替换文件" in detail and "请上传遮盖身份证号和电话后的名单" in detail
    editor.post(
        f"/staff/items/{item.pk}/attachments/{attachment.pk}/replace/",
        {"file": SimpleUploadedFile("名单（遮盖）.pdf", redacted)},
    )
    attachment.refresh_from_db()
    assert attachment.name == "名单.pdf" and ID not in attachment.text
    services.submit_item(item=item, actor=personas["editor"])
    assert review.open_submission(item).hits == []


def test_an_attachment_without_text_is_named_for_a_check_by_eye(
    client_for: Any, draft: Callable[..., Item], personas: dict[str, User]
) -> None:
    """A photo or scan of a name list holds no text the scanner can read: the reviewer is told to look."""
    from PIL import Image

    image = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(image, "PNG")
    item = draft(body="<p>名单见附件。</p>")
    upload(item, personas["editor"], "名单照片.png", image.getvalue())
    submission = submit(item, personas["editor"])
    page = client_for("reviewer").get(f"/staff/review/{submission.pk}/").content.decode()
    assert "名单照片.png" in page and "未能读出文字，自动检查没有覆盖" in page


def test_an_attachment_without_text_needs_two_reviewers_who_checked_it_by_eye(
    draft: Callable[..., Item], personas: dict[str, User]
) -> None:
    """A scan cannot pass on one reviewer's word: the first says 已人工核对, a second confirms, then it may pass."""
    from PIL import Image

    image = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(image, "PNG")
    item = draft(body="<p>名单见附件。</p>")
    upload(item, personas["editor"], "名单照片.png", image.getvalue())
    submission = submit(item, personas["editor"])
    [hit] = submission.hits
    assert hit["kind"] == "unread" and hit["source"] == "attachment:名单照片.png"
    approve: dict[str, Any] = {"submission": submission, "checklist": YES["secrecy"], "stage_id": submission.stage_id}
    with pytest.raises(ValidationError, match="自动检查发现 1 处需处理的内容"):
        review.approve(**approve, actor=personas["reviewer"])
    review.override_hit(submission=submission, actor=personas["reviewer"], hit_key=hit["key"], reason="已人工核对")
    with pytest.raises(ValidationError, match="另一名审核人员确认"):
        review.override_hit(submission=submission, actor=personas["reviewer"], hit_key=hit["key"], reason="")
    with pytest.raises(ValidationError, match="自动检查发现 1 处"):
        review.approve(**approve, actor=personas["reviewer"])  # one reviewer's word is not enough
    review.override_hit(submission=submission, actor=personas["office_head"], hit_key=hit["key"], reason="已人工核对")
    assert review.approve(**approve, actor=personas["reviewer"]).stage != submission.stage


def test_a_damaged_docx_for_the_body_is_a_clear_message(
    client_for: Any, draft: Callable[..., Item], personas: dict[str, User]
) -> None:
    item = draft()
    broken = SimpleUploadedFile("正式文件.docx", b"PK\x03\x04 this is not a document")
    response = client_for("editor").post(f"/staff/items/{item.pk}/docx/", {"file": broken}, follow=True)
    assert response.status_code == 400 and "“正式文件.docx”已损坏" in response.content.decode()


def test_reviewers_of_every_stage_can_open_a_submitted_items_attachments(
    client: Any, client_for: Any, draft: Callable[..., Item], personas: dict[str, User]
) -> None:
    item = draft(body="<p>名单见附件。</p>")
    upload(item, personas["editor"], "低保名单.xlsx", xlsx_sheet())
    submission = submit(item, personas["editor"])
    attachment = item.attachments.get()
    url = f"/staff/items/{item.pk}/attachments/{attachment.pk}/"
    assert url in client_for("reviewer").get(f"/staff/review/{submission.pk}/").content.decode()
    for persona in ("reviewer", "social_reviewer", "office_head", "editor"):
        response = client_for(persona).get(url)
        assert response.status_code == 200 and "no-store" in response["Cache-Control"], persona
    assert client_for("other_staff").get(url).status_code == 404
    assert client.get(url).status_code == 302  # to the sign-in page
    assert client.get(f"/gk/attachment/{attachment.pk}/").status_code == 404  # not public before publication
