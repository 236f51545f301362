"""Files carry nothing hidden (OWASP ASVS 12.3, 12.4; 等保 2.0 §8.1.4.4): archives with links, paths outside
them or encrypted entries are refused; PDFs lose scripts, launch actions and embedded files; what is published
loses its document properties and, in DOCX, comments and revision history (a deleted ID number would otherwise
survive the reviewer's masking); the scanner reads comments and tracked deletions while they are there."""

import io
import stat
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from disclosure import services
from disclosure.extract import extract_text
from disclosure.models import Item
from portal.uploads import clean_upload
from tests.files import pdf

ID_NUMBER = "430524197511203185"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_with(*entries: tuple[zipfile.ZipInfo | str, bytes]) -> bytes:
    """A real .docx with extra zip entries added."""
    import docx

    base = io.BytesIO()
    docx.Document().save(base)
    out = io.BytesIO()
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            target.writestr(entry, source.read(entry))
        for info, data in entries:
            target.writestr(info, data)
    return out.getvalue()


def link(name: str, to: str) -> tuple[zipfile.ZipInfo, bytes]:
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info, to.encode()


def with_encrypted_entry(data: bytes, name: str) -> bytes:
    """The archive with one entry marked encrypted (general-purpose flag bit 0, in both of its headers), as an
    encrypting tool writes it; Python's zipfile cannot write encrypted entries itself."""
    encoded = name.encode()
    out = bytearray(data)
    for signature, flags_at, name_at in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):
        start = 0
        while (start := out.find(signature, start)) != -1:
            if out[start + name_at : start + name_at + len(encoded)] == encoded:
                out[start + flags_at] |= 0x1
            start += 4
    return bytes(out)


@pytest.mark.parametrize(
    ("entry", "told"),
    [
        (link("word/link", "/etc/passwd"), "符号链接"),
        (("/etc/cron.d/portal", b"* * * * * root sh"), "压缩包之外的路径"),
        (("word/../../escape.xml", b"<x/>"), "压缩包之外的路径"),
        (("word/secret.xml", b"<x/>"), "加密的内容"),
    ],
)
def test_an_archive_with_a_link_an_outside_path_or_an_encrypted_entry_is_refused(entry: Any, told: str) -> None:
    data = docx_with(entry)
    if told == "加密的内容":
        data = with_encrypted_entry(data, "word/secret.xml")
    with pytest.raises(ValidationError, match=told):
        clean_upload(SimpleUploadedFile("通知.docx", data))


def script_pdf() -> bytes:
    """A PDF that runs JavaScript when opened, launches a program from a link, embeds a file, and names its
    author."""
    import pikepdf

    document = pikepdf.open(io.BytesIO(pdf()))
    script = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('x')"))
    document.Root.OpenAction = document.make_indirect(script)
    launch = pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe"))
    annotation = pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link,
                                    Rect=[0, 0, 10, 10], A=document.make_indirect(launch))  # fmt: skip
    document.pages[0].obj.Annots = document.make_indirect(pikepdf.Array([document.make_indirect(annotation)]))
    embedded = pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("a.exe"), pikepdf.Dictionary()]))
    document.Root.Names = pikepdf.Dictionary(EmbeddedFiles=embedded)
    document.docinfo["/Author"] = "党政办 李编辑"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def active_parts(data: bytes) -> set[str]:
    import pikepdf

    found = set()
    with pikepdf.open(io.BytesIO(data)) as document:
        for obj in document.objects:
            if isinstance(obj, pikepdf.Dictionary) and (str(obj.get("/S", "")) in ("/JavaScript", "/Launch")
                                                        or "/JS" in obj):  # fmt: skip
                found.add(str(obj.get("/S", "/JS")))
        if "/Names" in document.Root and "/EmbeddedFiles" in document.Root.Names:
            found.add("/EmbeddedFiles")
        if "/OpenAction" in document.Root:
            found.add("/OpenAction")
        if "/Author" in document.docinfo:
            found.add("/Author")
    return found


def test_a_pdf_loses_its_scripts_launch_actions_and_embedded_files_wherever_it_is_uploaded() -> None:
    original = script_pdf()
    assert active_parts(original) == {"/JavaScript", "/Launch", "/EmbeddedFiles", "/OpenAction", "/Author"}
    kept = clean_upload(SimpleUploadedFile("委托书.pdf", original)).read()  # an applicant's own file
    assert active_parts(kept) == {"/Author"}


@pytest.mark.django_db
def test_a_published_pdf_has_no_document_properties(draft: Callable[..., Item], personas: Any) -> None:
    attachment = services.add_attachment(item=draft(), upload=SimpleUploadedFile("通知.pdf", script_pdf()),
                                         actor=personas["editor"])  # fmt: skip
    with attachment.file.open("rb") as handle:
        assert active_parts(handle.read()) == set()


def tracked_docx() -> bytes:
    """A Word file whose body kept a tracked insertion and a tracked deletion of an ID number, with a comment
    naming a person, and its author and company in the document properties."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    paragraph = document.add_paragraph("经审核，")
    paragraph._p.append(
        parse_xml(f'<w:ins xmlns:w="{W}" w:id="1" w:author="李编辑"><w:r><w:t>以下名单予以公示。</w:t></w:r></w:ins>')
    )
    deleted = f"<w:r><w:delText>赵某 {ID_NUMBER}</w:delText></w:r>"
    paragraph._p.append(parse_xml(f'<w:del xmlns:w="{W}" w:id="2" w:author="李编辑">{deleted}</w:del>'))
    document.add_comment(paragraph.runs, text="请核对赵某电话 13812345678", author="王审核")
    document.core_properties.author = "党政办 李编辑"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_the_scanner_reads_comments_and_tracked_deletions() -> None:
    text = extract_text("名单.docx", io.BytesIO(tracked_docx()))
    assert ID_NUMBER in text and "13812345678" in text and "以下名单予以公示" in text


@pytest.mark.django_db
def test_a_published_docx_has_no_comments_revision_history_or_author(draft: Callable[..., Item], personas: Any) -> None:
    import docx

    attachment = services.add_attachment(item=draft(), upload=SimpleUploadedFile("名单.docx", tracked_docx()),
                                         actor=personas["editor"])  # fmt: skip
    with attachment.file.open("rb") as handle:
        stored = handle.read()
    text = extract_text("名单.docx", io.BytesIO(stored))
    assert "经审核，以下名单予以公示。" in text  # the insertion kept as plain text
    assert ID_NUMBER not in text and "13812345678" not in text  # the deletion and the comment gone
    with zipfile.ZipFile(io.BytesIO(stored)) as archive:
        body = archive.read("word/document.xml").decode()
        assert "w:ins" not in body and "w:del" not in body and "commentReference" not in body
    assert docx.Document(io.BytesIO(stored)).core_properties.author == ""
    assert ID_NUMBER not in attachment.text  # what the reviewer's scanner and the search index hold


def test_a_docx_with_a_damaged_part_is_refused_not_an_error() -> None:
    import docx

    base = io.BytesIO()
    docx.Document().save(base)
    out = io.BytesIO()
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            broken = entry.filename == "word/document.xml"
            target.writestr(entry, b"<w:document><unclosed>" if broken else source.read(entry))
    with pytest.raises(ValidationError, match="已损坏"):
        clean_upload(SimpleUploadedFile("通知.docx", out.getvalue()), for_publication=True)
