"""条例 第二十九条: a printable blank application form for paper applications, linked from the guide."""

import io
from typing import Any

from django.test import Client
from pypdf import PdfReader

from disclosure.models import Guide


def test_blank_form_is_a_pdf_with_the_required_fields(client: Client, town: Any, pdf_support: None) -> None:
    response = client.get("/ysq/town/form.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for words in (
        "政府信息公开申请表",
        "示例镇人民政府",
        "姓名或名称",
        "证件号码",
        "联系电话",
        "提供形式",
        "不需要说明申请用途",
    ):
        assert words in text.replace("\n", "")


def test_form_is_linked_from_the_entrance_and_the_guide(client: Client, town: Any) -> None:
    assert "/ysq/town/form.pdf" in client.get("/ysq/town/").content.decode()
    Guide.objects.create(organisation=town.town, classification="分类", proactive_channels="网站", office_name="党政办")
    assert "/ysq/town/form.pdf" in client.get("/gk/town/zfxxgkzn/").content.decode()
