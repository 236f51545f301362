"""Uploads are judged by their content (issue 11 item 2): on the public application form and in staff drafting
(where attachments become public)."""

import io
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from disclosure import services
from disclosure.models import Item
from portal.uploads import clean_upload
from tests.files import PDF


def png(width: int = 10, height: int = 10, exif: bool = False) -> bytes:
    from PIL import Image

    image = Image.new("RGB", (width, height), "white")
    out = io.BytesIO()
    if exif:
        data = Image.Exif()
        data[0x8825] = {2: (28.0, 13.0, 0.0)}  # GPS latitude
        data[0x010F] = "手机厂商"
        image.save(out, "JPEG", exif=data.tobytes())
    else:
        image.save(out, "PNG")
    return out.getvalue()


def zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "0" * (150 * 1024 * 1024))
    return out.getvalue()


REFUSED = [
    ("说明.pdf", b"MZ\x90\x00\x03\x00\x00\x00" * 100, "的内容不是PDF文件"),
    ("照片.png", b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script></html>", "不是可以打开的图片"),
    ("图标.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "的内容不是PNG 图片文件"),
    ("名单.docx", b"just text pretending", "的内容不是Word文件"),
]


@pytest.mark.parametrize(("name", "data", "message"), REFUSED)
def test_a_file_whose_content_is_not_what_its_name_says_is_refused(name: str, data: bytes, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        clean_upload(SimpleUploadedFile(name, data))


def test_a_zip_bomb_docx_is_refused_before_it_is_read() -> None:
    with pytest.raises(ValidationError, match="解压后超过100MB"):
        clean_upload(SimpleUploadedFile("通知.docx", zip_bomb()))


def test_a_huge_image_is_refused() -> None:
    with pytest.raises(ValidationError, match="像素过多"):
        clean_upload(SimpleUploadedFile("大图.png", png(8000, 6000)))


def test_images_are_written_again_without_exif_and_gps() -> None:
    from PIL import Image

    original = png(exif=True)
    assert Image.open(io.BytesIO(original)).getexif()
    cleaned = clean_upload(SimpleUploadedFile("现场.jpg", original))
    kept = Image.open(io.BytesIO(cleaned.read()))
    assert kept.format == "JPEG" and not kept.getexif() and kept.size == (10, 10)


def test_real_files_pass() -> None:
    import docx

    out = io.BytesIO()
    docx.Document().save(out)
    for name, data in [("通知.docx", out.getvalue()), ("决算.pdf", PDF), ("照片.png", png())]:
        assert clean_upload(SimpleUploadedFile(name, data)).read()


@pytest.mark.django_db
def test_staff_drafting_refuses_a_renamed_executable(draft: Callable[..., Item], personas: Any) -> None:
    item = draft()
    with pytest.raises(ValidationError, match="可能被改了扩展名"):
        services.add_attachment(item=item, upload=SimpleUploadedFile("附件.pdf", b"MZ" + b"\0" * 200),
                                actor=personas["editor"])  # fmt: skip
    assert not item.attachments.exists()


@pytest.mark.django_db
def test_the_public_form_refuses_html_behind_a_png_header(town: Any, calendar: None) -> None:
    from django.test import Client

    from tests.requests_app.test_intake import ANSWERS, step_url

    client = Client()
    for step, answers in ANSWERS:
        client.post(step_url(step), answers)
    fake = SimpleUploadedFile("身份证.png", b"\x89PNG\r\n\x1a\n<html></html>", content_type="image/png")
    refused = client.post(step_url("attachments"), {"uploads": fake, "upload": "1"})
    assert refused.status_code == 400 and "不是可以打开的图片" in refused.content.decode()
    big = SimpleUploadedFile("身份证.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024 + 1), content_type="application/pdf")
    too_large = client.post(step_url("attachments"), {"uploads": big, "upload": "1"})
    assert too_large.status_code == 413 and "超过10MB" in too_large.content.decode()
