"""The faces the 公文-style documents name (GB/T 9704-2012: 仿宋 body, 小标宋 titles, 黑体 headings, with Noto
Serif/Sans CJK SC standing in) have every character the notices and the report use, and `manage.py check` says
so when one does not: Pango would take the missing ones from the next face and set a line in two styles."""

from pathlib import Path
from typing import Any

import pytest

from portal import checks, fonts


def test_the_documents_name_the_standards_faces_first_and_noto_as_the_fallback() -> None:
    named = fonts.faces()
    assert named.index("仿宋_GB2312") < named.index("Noto Serif CJK SC") or named[0] == "Noto Serif CJK SC"
    assert {"仿宋_GB2312", "方正小标宋简体", "黑体", "Noto Serif CJK SC", "Noto Sans CJK SC"} <= set(named)
    assert "cwTeXFangSong" not in named  # Debian's 仿宋 lacks 85 of the characters below


def test_every_face_this_machine_has_covers_every_character_of_the_notices_and_the_report(pdf_support: None) -> None:
    used = fonts.characters_used()
    assert {"告", "知", "书", "盖", "章", "复", "议", "诉", "讼", "：", "〔", "〕"} <= set(used)
    assert fonts.installed("Noto Serif CJK SC") is not None  # the fallback is checked, not assumed
    assert fonts.gaps() == {}
    assert [message.id for message in checks.document_faces_complete()] == []


def a_face_with(characters: str, folder: Path) -> Path:
    """A font holding only these characters, as an incomplete 仿宋 would."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    names = [".notdef"] + [f"uni{ord(c):04X}" for c in characters]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(c): f"uni{ord(c):04X}" for c in characters})
    builder.setupGlyf({name: TTGlyphPen(None).glyph() for name in names})
    builder.setupHorizontalMetrics({name: (1000, 0) for name in names})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": "仿宋", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    path = folder / "partial.ttf"
    builder.save(str(path))
    return path


def test_a_face_lacking_characters_is_named_by_the_check_with_what_it_lacks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    partial = a_face_with("示例镇人民政府告知书", tmp_path)
    found: dict[str, Any] = {"仿宋": (str(partial), 0)}
    monkeypatch.setattr(fonts, "installed", found.get)
    [warning] = checks.document_faces_complete()
    assert warning.id == "portal.W005" and "公文字体“仿宋”缺少" in warning.msg
    assert "开" in fonts.gaps()["仿宋"] and "告" not in fonts.gaps()["仿宋"]
