"""Editors draft items in staff screens; nothing typed is lost; other organisations see nothing."""

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from disclosure.models import Column, Item, ItemStatus

FORM = {
    "column": "",
    "genre": "notice",
    "title": "关于开展冬季安全生产检查的通知",
    "summary": "部署冬季安全生产大检查。",
    "body": "各村、各单位：\n请于12月底前完成自查。",
    "written_date": "2026-11-20",
    "disclosure_attribute": "proactive",
}


def form(**changes: Any) -> dict[str, Any]:
    data = {**FORM, "column": Column.objects.get(slug="jdjc").pk}
    data.update(changes)
    return data


def docx_bytes(*paragraphs: str) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_editor_drafts_an_item_and_paragraphs_become_html(client_for: Any, town: Any, calendar: None) -> None:
    client = client_for("editor")
    response = client.post("/staff/items/new/", form())
    item = Item.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/staff/items/{item.pk}/"
    assert item.status == ItemStatus.DRAFT and item.organisation == town.town
    assert item.body == "<p>各村、各单位：</p><p>请于12月底前完成自查。</p>"
    page = client.get(f"/staff/items/{item.pk}/").content.decode()
    assert "草稿已保存" in page and "起草" in page and "提交审核" in page


def test_invalid_draft_keeps_what_was_typed_and_says_why(client_for: Any, town: Any) -> None:
    response = client_for("editor").post(
        "/staff/items/new/", form(title="", written_date="去年", disclosure_attribute="not_disclosed")
    )
    page = response.content.decode()
    assert response.status_code == 200 and not Item.objects.exists()
    assert "请填写信息名称。" in page and "请按 2026-11-20 的格式填写日期。" in page
    assert "必须说明理由" in page
    assert "部署冬季安全生产大检查。" in page and "请于12月底前完成自查。" in page


def test_upload_attachment_docx_body_and_submit(client_for: Any, town: Any) -> None:
    client = client_for("editor")
    client.post("/staff/items/new/", form(body=""))
    item = Item.objects.get()
    upload = SimpleUploadedFile("正式文件.docx", docx_bytes("第一条 加强冬季安全生产。", "第二条 落实责任。"))
    client.post(f"/staff/items/{item.pk}/docx/", {"file": upload})
    item.refresh_from_db()
    assert "<p>第一条 加强冬季安全生产。</p>" in item.body
    assert item.attachments.get().name == "正式文件.docx"
    assert "加强冬季安全生产" in item.attachments.get().text

    bad = client.post(f"/staff/items/{item.pk}/attachments/", {"file": SimpleUploadedFile("x.exe", b"MZ"),
                                                               "name": "财政决算表"})  # fmt: skip
    assert bad.status_code == 400 and "附件只能是" in bad.content.decode()
    assert 'value="财政决算表"' in bad.content.decode()  # what was typed is kept
    big = SimpleUploadedFile("决算.pdf", b"%PDF" + b"0" * (50 * 1024 * 1024 + 1))
    assert client.post(f"/staff/items/{item.pk}/attachments/", {"file": big}).status_code == 413
    client.post(f"/staff/items/{item.pk}/submit/")
    item.refresh_from_db()
    assert item.status == ItemStatus.SUBMITTED
    assert client.get(f"/staff/items/{item.pk}/edit/", follow=True).content.decode().count("只有草稿可以修改") == 1


def test_submitting_incomplete_metadata_is_refused_with_reasons(client_for: Any, town: Any) -> None:
    client = client_for("editor")
    client.post("/staff/items/new/", form(genre="normative"))
    item = Item.objects.get()
    page = client.post(f"/staff/items/{item.pk}/submit/", follow=True).content.decode()
    assert "规章和行政规范性文件须标明有效性。" in page
    item.refresh_from_db()
    assert item.status == ItemStatus.DRAFT


def test_stale_edit_is_refused_and_the_typed_text_kept(client_for: Any, town: Any) -> None:
    client = client_for("editor")
    client.post("/staff/items/new/", form())
    item = Item.objects.get()
    client.post(f"/staff/items/{item.pk}/edit/", form(title="第一次修改", lock_version=0))
    response = client.post(f"/staff/items/{item.pk}/edit/", form(title="基于旧版本的修改", lock_version=0))
    page = response.content.decode()
    assert "已被他人修改" in page and "基于旧版本的修改" in page
    item.refresh_from_db()
    assert item.title == "第一次修改"


@pytest.mark.parametrize("persona", ["other_staff", "case_officer", "inspector"])
def test_staff_of_other_organisations_or_roles_cannot_open_or_change_drafts(
    client_for: Any, draft: Callable[..., Item], persona: str
) -> None:
    item = draft()
    client = client_for(persona)
    assert client.post(f"/staff/items/{item.pk}/submit/").status_code == 404
    assert client.get(f"/staff/items/{item.pk}/edit/").status_code == 404
    if persona == "other_staff":
        assert client.get(f"/staff/items/{item.pk}/").status_code == 404
        assert "关于做好秋季森林防火工作的通知" not in client.get("/staff/items/").content.decode()


def test_reviewer_reads_but_cannot_edit(client_for: Any, draft: Callable[..., Item]) -> None:
    item = draft()
    client = client_for("reviewer")
    page = client.get(f"/staff/items/{item.pk}/").content.decode()
    assert item.title in page and "修改草稿" not in page
    assert client.get(f"/staff/items/{item.pk}/edit/").status_code == 404


def test_office_head_withdraws_with_a_reason(client_for: Any, published: Callable[..., Item]) -> None:
    item = published()
    client = client_for("office_head")
    empty = client.post(f"/staff/items/{item.pk}/withdraw/", {"reason": ""})
    assert "请填写撤回原因。" in empty.content.decode()
    client.post(f"/staff/items/{item.pk}/withdraw/", {"reason": "发布有误"})
    item.refresh_from_db()
    assert item.status == ItemStatus.WITHDRAWN
    assert client_for("editor").get(f"/staff/items/{item.pk}/withdraw/").status_code == 404


def test_editor_starts_a_revision_of_a_published_item(client_for: Any, published: Callable[..., Item]) -> None:
    item = published()
    response = client_for("editor").post(f"/staff/items/{item.pk}/revise/")
    revision = Item.objects.get(revision_of=item)
    assert response["Location"] == f"/staff/items/{revision.pk}/"
    assert revision.status == ItemStatus.DRAFT and revision.title == item.title


def test_preview_shows_the_draft_as_the_public_would_see_it(client_for: Any, draft: Callable[..., Item]) -> None:
    item = draft()
    page = client_for("reviewer").get(f"/staff/items/{item.pk}/preview/").content.decode()
    assert "这是预览" in page and "各村：请做好秋季森林防火工作。" in page


def test_staff_item_list_has_constant_queries(
    client_for: Any, draft: Callable[..., Item], django_assert_max_num_queries: Any, personas: dict[str, User]
) -> None:
    for n in range(35):
        draft(title=f"草稿{n}")
    client = client_for("editor")
    client.get("/staff/items/")
    with django_assert_max_num_queries(9):
        page = client.get("/staff/items/", {"page": 2}).content.decode()
    assert "第 2 页" in page


def test_editors_maintain_their_own_organisations_guide_in_the_admin(client_for: Any, town: Any) -> None:
    from disclosure.models import Guide

    data = {
        "organisation": town.town.pk,
        "office_name": "示例镇党政综合办公室",
        "classification": "按主题分类编排。",
        "proactive_channels": "门户网站。",
        "reading_places": "",
        "application_notes": "",
        "fee_notes": "不收费。",
        "supervision": "",
    }
    assert client_for("editor").post("/admin/disclosure/guide/add/", data).status_code == 302
    guide = Guide.objects.get()
    assert "/staff/items/guide/" in client_for("editor").get("/staff/").content.decode()  # the staff page
    other = client_for("other_staff")
    assert "示例镇" not in other.get("/admin/disclosure/guide/").content.decode()
    assert other.get(f"/admin/disclosure/guide/{guide.pk}/change/").status_code in (302, 403, 404)
    refused = other.post("/admin/disclosure/guide/add/", data)
    assert refused.status_code == 200 and Guide.objects.count() == 1  # the town is not a valid choice for them
