"""Small real files for tests: uploads are opened and rewritten (portal.file_hygiene), so a fake that only
starts with %PDF is refused as damaged."""

import io


def pdf(title: str = "") -> bytes:
    """A one-page PDF that qpdf opens; with a title in its document properties when given."""
    import pikepdf

    document = pikepdf.new()
    document.add_blank_page()
    if title:
        document.docinfo["/Title"] = title
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


PDF = pdf()
