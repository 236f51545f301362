"""The posting register (线下公开记录) of a 公开栏: the dates a notice hung, and a photo of it, kept private."""

import io
from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from disclosure.models import Item, Posting


def photo(name: str = "gongshilan.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def test_a_posting_keeps_its_photo_and_dates(client_for: Any, published: Callable[..., Item], today: date) -> None:
    item = published()
    editor = client_for("editor")
    url = f"/staff/items/{item.pk}/postings/new/"
    fields = {"channel": "bulletin_board", "place": "东坪村村务公开栏", "posted_on": "2026-10-12"}
    future = editor.post(url, {**fields, "removed_on": "2026-12-25"})
    assert "日期不能晚于今天。" in future.content.decode() and "东坪村村务公开栏" in future.content.decode()
    not_image = editor.post(url, {**fields, "photo": SimpleUploadedFile("a.txt", b"hello")})
    assert "张贴照片只能是 JPG 或 PNG 图片。" in not_image.content.decode()
    editor.post(url, {**fields, "removed_on": "2026-10-21", "photo": photo()})
    posting = Posting.objects.get()
    assert (posting.posted_on, posting.removed_on) == (date(2026, 10, 12), date(2026, 10, 21))
    page = editor.get(f"/staff/items/{item.pk}/").content.decode()
    assert "2026年10月12日 至 2026年10月21日" in page and "张贴照片" in page
    download = editor.get(f"/staff/items/{item.pk}/postings/{posting.pk}/photo/")
    assert download.status_code == 200 and b"".join(download.streaming_content)[:2] == b"\xff\xd8"
    assert client_for("inspector").get(f"/staff/items/{item.pk}/postings/{posting.pk}/photo/").status_code == 200
    assert client_for("other_staff").get(f"/staff/items/{item.pk}/postings/{posting.pk}/photo/").status_code == 404
