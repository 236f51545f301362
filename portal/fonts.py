"""Whether the faces the document stylesheets name have every character the documents use.

Pango takes a character a face lacks from the next face in the list, so a face with gaps sets one line in two
styles (Debian's cwTeX 仿宋 lacks 85 of the notices' simplified characters: 个, 开, 关 …). The faces are the
ones `static/css/document.css` and `notice.css` name; the characters are those of the notice and report
templates."""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

from django.conf import settings

STYLESHEETS = ("css/document.css", "css/notice.css")
DOCUMENT_TEMPLATES = ("requests_app/notices", "requests_app/notice.html", "supervision/annual_report")
GENERIC = {"serif", "sans-serif", "monospace", "inherit"}


def _static(name: str) -> Path:
    from django.contrib.staticfiles import finders

    found = finders.find(name)
    if not found:
        raise FileNotFoundError(name)
    return Path(found if isinstance(found, str) else found[0])


def faces() -> list[str]:
    """Every family the document stylesheets name, in the order they first appear."""
    named: list[str] = []
    for sheet in STYLESHEETS:
        css = _static(sheet).read_text(encoding="utf-8")
        for declaration in re.findall(r"font(?:-family)?\s*:\s*([^;}]+)", css):
            for family in re.findall(r'"([^"]+)"|\b(serif|sans-serif)\b', declaration):
                name = family[0] or family[1]
                if name not in GENERIC and name not in named:
                    named.append(name)
    return named


def characters_used() -> str:
    """The Chinese characters and full-width punctuation of the notice and report templates."""
    root = Path(settings.BASE_DIR) / "templates"
    text = ""
    for name in DOCUMENT_TEMPLATES:
        path = root / name
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.suffix in (".txt", ".html"):
                text += re.sub(r"\{[%#{].*?[%#}]\}", "", file.read_text(encoding="utf-8"), flags=re.S)
    return "".join(sorted({c for c in text if ord(c) >= 0x2E80}))


@cache
def installed(family: str) -> tuple[str, int] | None:
    """The file and face index of this family on the machine, as fontconfig finds it by name, or None."""
    if shutil.which("fc-list") is None:
        return None
    found = subprocess.run(["fc-list", "--format", "%{file}|%{index}|%{family}\n", f":family={family}"],
                           capture_output=True, text=True, timeout=20)  # fmt: skip
    for line in found.stdout.splitlines():
        file, index, families = line.split("|", 2)
        if family in families.split(","):
            return file, int(index or 0)
    return None


def missing(family: str, characters: str) -> str | None:
    """The characters this family lacks, or None when the machine does not have it."""
    from fontTools.ttLib import TTFont

    found = installed(family)
    if found is None:
        return None
    file, index = found
    cmap = TTFont(file, fontNumber=index, lazy=True).getBestCmap()
    return "".join(c for c in characters if ord(c) not in cmap)


def gaps() -> dict[str, str]:
    """Each installed face the documents name that lacks characters they use, with the characters."""
    characters = characters_used()
    found = {family: missing(family, characters) for family in faces()}
    return {family: lacking for family, lacking in found.items() if lacking}
