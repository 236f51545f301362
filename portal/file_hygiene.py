"""What an uploaded file may carry that nobody sees (OWASP ASVS 12.3, 12.4; 等保 2.0 §8.1.4.4 恶意代码防范):

- an archive (.docx, .xlsx, .ofd, a ZIP of attachments) with a symbolic link, an absolute path, a `..` or an
  encrypted entry is refused: each can reach outside what the archive should hold, or hide from the checks;
- a PDF loses its JavaScript, launch and import actions and its embedded files wherever they sit (qpdf, through
  pikepdf), so a published PDF runs nothing when opened; an encrypted PDF is refused;
- a file for publication (an item's attachment, a consultation's document, a file provided to an applicant)
  also loses its document properties (author, company, XMP metadata) and, in DOCX, its comments and revision
  history: deleted text would otherwise survive a reviewer's masking, and tracked insertions stay as plain text."""

from __future__ import annotations

import io
import re
import stat
import zipfile
from pathlib import PurePosixPath
from typing import Any

from django.core.exceptions import ValidationError

DRIVE = re.compile(r"^[A-Za-z]:")


def _refuse(name: str, message: str) -> ValidationError:
    return ValidationError(f"“{name}”{message}", code="file_content")


def check_entries(name: str, archive: zipfile.ZipFile) -> None:
    """Refuse an archive any of whose entries is a link, leaves the archive, or is encrypted."""
    for entry in archive.infolist():
        path = entry.filename.replace("\\", "/")
        if stat.S_ISLNK(entry.external_attr >> 16):
            raise _refuse(name, f"中含有符号链接（{entry.filename}），可能指向服务器上的其他文件，已拒绝。")
        if path.startswith("/") or DRIVE.match(path) or ".." in PurePosixPath(path).parts:
            raise _refuse(name, f"中含有指向压缩包之外的路径（{entry.filename}），已拒绝。")
        if entry.flag_bits & 0x1:
            raise _refuse(name, f"中含有加密的内容（{entry.filename}），无法检查，已拒绝。请上传未加密的文件。")


# -- PDF -------------------------------------------------------------------------------------------------------

ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/Rendition", "/RichMediaExecute"}


def clean_pdf(name: str, data: bytes, *, for_publication: bool) -> bytes:
    """The PDF without what runs or hides in it; for publication without its document properties too. A PDF
    with nothing to remove comes back byte for byte, and so does a digitally signed one's properties: rewriting
    would break its signature."""
    import pikepdf

    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError as exc:
        raise _refuse(name, "已加密，无法检查其内容，请上传未加密的 PDF。") from exc
    except pikepdf.PdfError as exc:
        raise _refuse(name, "已损坏，无法打开。") from exc
    try:
        return _cleaned(pdf, data, for_publication)
    except pikepdf.PdfError as exc:
        raise _refuse(name, "已损坏，无法处理。") from exc


def _cleaned(pdf: Any, data: bytes, for_publication: bool) -> bytes:
    with pdf:
        changed = _without_active_content(pdf)
        signed = "/AcroForm" in pdf.Root and int(pdf.Root.AcroForm.get("/SigFlags", 0)) & 1
        if for_publication and not signed:
            for holder, key in ((pdf.Root, "/Metadata"), (pdf.trailer, "/Info")):
                if key in holder:
                    del holder[key]
                    changed = True
        if not changed:
            return data
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


def _without_active_content(pdf: Any) -> bool:
    """Remove scripts, launch and import actions, and embedded files; whether anything was there."""
    import pikepdf

    found = False
    root = pdf.Root
    for holder, key in ((root, "/OpenAction"), (root, "/AA")):
        if key in holder:
            del holder[key]
            found = True
    names = root.get("/Names")
    for key in ("/JavaScript", "/EmbeddedFiles"):
        if names is not None and key in names:
            del names[key]
            found = True
    if "/AcroForm" in root and "/XFA" in root.AcroForm:
        del root.AcroForm["/XFA"]  # XML forms may carry scripts
        found = True
    for page in pdf.pages:
        annotations = page.obj.get("/Annots")
        if annotations is not None and any(a.get("/Subtype") == "/FileAttachment" for a in annotations):
            page.obj.Annots = pdf.make_indirect(pikepdf.Array(
                [a for a in annotations if a.get("/Subtype") != "/FileAttachment"]))  # fmt: skip
            found = True
    for obj in pdf.objects:  # every action dictionary, wherever it is referenced (links, outlines, fields)
        if not isinstance(obj, pikepdf.Dictionary):
            continue
        if str(obj.get("/S", "")) in ACTIVE_ACTIONS or "/JS" in obj:
            for key in list(obj.keys()):
                del obj[key]
            found = True
        if "/AA" in obj:
            del obj["/AA"]
            found = True
    return found


# -- DOCX ------------------------------------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TEXT_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$")
DROPPED = {f"{{{W}}}{tag}" for tag in ("del", "moveFrom", "commentRangeStart", "commentRangeEnd", "rPrChange",
                                        "pPrChange", "sectPrChange", "tblPrChange", "tcPrChange", "trPrChange",
                                        "tblGridChange", "numberingChange", "moveFromRangeStart",
                                        "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd")}  # fmt: skip
UNWRAPPED = {f"{{{W}}}ins", f"{{{W}}}moveTo"}
PERSONAL_PROPERTIES = {
    "docProps/core.xml": ("creator", "lastModifiedBy", "description", "keywords", "category", "contentStatus",
                          "revision", "subject"),
    "docProps/app.xml": ("Company", "Manager", "Template", "HyperlinkBase"),
}  # fmt: skip
EMPTIED = {
    "word/comments.xml": f'<w:comments xmlns:w="{W}"/>',
    "word/people.xml": '<w15:people xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"/>',
}


def _parsed(xml: bytes) -> Any:
    """A part of the upload, parsed without entities, DTDs or the network (no billion laughs, no XXE)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    return etree.fromstring(xml, parser)  # nosec B320: entities and the network off, as above


def _without_history(xml: bytes) -> bytes:
    from lxml import etree

    tree = _parsed(xml)
    for node in list(tree.iter(*DROPPED)):
        node.getparent().remove(node)
    for node in list(tree.iter(*UNWRAPPED)):
        parent, index = node.getparent(), node.getparent().index(node)
        for offset, child in enumerate(list(node)):
            parent.insert(index + offset, child)
        parent.remove(node)
    for reference in list(tree.iter(f"{{{W}}}commentReference")):
        run = reference.getparent()
        run.getparent().remove(run)
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=True)


def _without_properties(xml: bytes, local_names: tuple[str, ...]) -> bytes:
    from lxml import etree

    tree = _parsed(xml)
    for node in list(tree):
        if etree.QName(node).localname in local_names:
            tree.remove(node)
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=True)


def clean_docx(name: str, data: bytes) -> bytes:
    """The DOCX without its author and company, comments, tracked changes (insertions kept as text, deletions
    gone) and formatting history; a damaged one is refused."""
    from lxml import etree

    try:
        return _clean_docx(data)
    except (zipfile.BadZipFile, etree.XMLSyntaxError, ValueError) as exc:
        raise _refuse(name, "已损坏，无法打开。") from exc


def _clean_docx(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry)
            if entry.filename in EMPTIED:
                content = EMPTIED[entry.filename].encode("utf-8")
            elif entry.filename == "docProps/custom.xml":
                content = _without_properties(content, ("property",))
            elif entry.filename in PERSONAL_PROPERTIES:
                content = _without_properties(content, PERSONAL_PROPERTIES[entry.filename])
            elif TEXT_PARTS.match(entry.filename) or entry.filename in ("word/settings.xml",):
                content = _without_history(content)
                if entry.filename == "word/settings.xml":
                    content = _without_properties(content, ("trackRevisions",))
            target.writestr(entry, content)
    return out.getvalue()
