"""Small real files for tests: uploads are opened and rewritten (portal.file_hygiene), so a fake that only
starts with %PDF is refused as damaged."""

import io


def pdf(title: str = "", text: str = "Notice of the town government") -> bytes:
    """A one-page PDF that qpdf opens, with a line of text the scanner reads (no text: a scan, which reviewers
    must check by eye) and a title in its document properties when given."""
    import pikepdf

    document = pikepdf.new()
    document.add_blank_page()
    if text:
        page = document.pages[0].obj
        font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
        page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        page.Contents = document.make_stream(f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("ascii"))
    if title:
        document.docinfo["/Title"] = title
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


PDF = pdf()
