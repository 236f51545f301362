"""Print layouts for the offline channels (seed §四(二)) and the record of where an item was posted."""

import io
from collections.abc import Callable
from typing import Any

import pytest
from pypdf import PdfReader

from disclosure.models import Item, Posting


@pytest.mark.parametrize("layout", ["poster", "leaflet", "booklet"])
def test_layouts_are_pdfs_with_embedded_chinese_text(
    client_for: Any, published: Callable[..., Item], layout: str, pdf_support: None
) -> None:
    first = published(title="关于秋季森林防火的通告")
    second = published(title="临时救助办理指南")
    response = client_for("editor").post(
        "/staff/items/print/", {"layout": layout, "items": [first.pk], "index_numbers": second.index_number}
    )
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "关于秋季森林防火的通告" in text and "临时救助办理指南" in text
    embedded = 0
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():  # type: ignore[index]
            font: Any = ref.get_object()
            for descendant in font.get("/DescendantFonts", []):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                assert "/FontFile2" in descriptor or "/FontFile3" in descriptor  # the font is embedded
                embedded += 1
    assert embedded
    if layout == "booklet":
        assert "目录" in reader.pages[1].extract_text()


def test_print_form_explains_what_is_wrong(client_for: Any, published: Callable[..., Item]) -> None:
    published()
    page = client_for("editor").post("/staff/items/print/", {"layout": "poster", "index_numbers": "不存在/1"})
    assert "没有找到这些索引号的已发布信息：不存在/1" in page.content.decode()
    empty = client_for("editor").post("/staff/items/print/", {"layout": "poster"}).content.decode()
    assert "请至少选择一条信息。" in empty


def test_posting_is_recorded_and_shown(client_for: Any, published: Callable[..., Item]) -> None:
    item = published()
    client = client_for("editor")
    bad = client.post(
        f"/staff/items/{item.pk}/postings/new/",
        {
            "channel": "bulletin_board",
            "place": "东坪村村务公开栏",
            "posted_on": "2026-11-20",
            "removed_on": "2026-11-01",
        },
    )
    assert "撤下日期不能早于张贴日期。" in bad.content.decode() and "东坪村村务公开栏" in bad.content.decode()
    client.post(
        f"/staff/items/{item.pk}/postings/new/",
        {"channel": "bulletin_board", "place": "东坪村村务公开栏", "posted_on": "2026-11-20"},
    )
    assert Posting.objects.get().place == "东坪村村务公开栏"
    assert "东坪村村务公开栏" in client.get(f"/staff/items/{item.pk}/").content.decode()
    assert client_for("other_staff").get(f"/staff/items/{item.pk}/postings/new/").status_code == 404
