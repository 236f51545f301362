"""条例 第十二条: the organisation's own staff keep its 政府信息公开指南 on a staff page (not the raw admin); the
public guide shows the change at once, and the change is in the audit log."""

from typing import Any

import pytest

from disclosure.models import Guide
from portal.models import AuditEvent, AuditKind

pytestmark = pytest.mark.django_db

FILLED = {
    "office_name": "示例镇党政办公室",
    "classification": "按主题分类和体裁编排。",
    "proactive_channels": "政府网站、政务公开栏。",
    "reading_places": "镇便民服务中心一楼，工作日开放。",
    "application_notes": "",
    "fee_notes": "不收取费用。",
    "supervision": "向示例县人民政府办公室投诉、举报。",
}


def test_an_editor_keeps_the_guide_on_a_staff_page_and_the_public_sees_it_at_once(
    client: Any, client_for: Any, town: Any
) -> None:
    editor = client_for("editor")
    workbench = editor.get("/staff/").content.decode()
    assert 'href="/staff/items/guide/"' in workbench and "/admin/disclosure/guide/" not in workbench
    page = editor.get("/staff/items/guide/").content.decode()
    assert "政府信息公开工作机构" in page and "信息的分类和获取" in page and "监督和救济" in page
    client.get("/gk/town/zfxxgkzn/")  # kept before the change
    refused = editor.post("/staff/items/guide/", {**FILLED, "office_name": ""}).content.decode()
    assert "请填写" in refused and "按主题分类和体裁编排。" in refused  # what was typed is kept
    saved = editor.post("/staff/items/guide/", FILLED, follow=True).content.decode()
    assert "已保存，公开页面上的政府信息公开指南已更新" in saved
    assert Guide.objects.get(organisation=town.town).office_name == "示例镇党政办公室"
    assert "镇便民服务中心一楼" in client.get("/gk/town/zfxxgkzn/").content.decode()
    assert AuditEvent.objects.filter(kind=AuditKind.ADMIN_CHANGED, actor__username="editor").exists()


def test_staff_without_an_editing_role_have_no_guide_page(client_for: Any, town: Any) -> None:
    assert client_for("case_officer").get("/staff/items/guide/").status_code == 404
