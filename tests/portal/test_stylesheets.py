"""Every stylesheet closes each block it opens: one missing brace (a merge) swallows every later rule into the
block before it, and the pages after it lose their phone layout without any error."""

import re
from pathlib import Path

import pytest
import tinycss2

STYLESHEETS = sorted((Path(__file__).resolve().parents[2] / "static" / "css").glob("*.css"))
COMMENTS_AND_STRINGS = re.compile(r'/\*.*?\*/|"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'', re.S)


def unclosed(text: str) -> int:
    bare = COMMENTS_AND_STRINGS.sub("", text)
    return bare.count("{") - bare.count("}")


def test_a_missing_brace_is_found() -> None:
    assert unclosed('@media print { .a { color: #000; }\n/* } */ .b { content: "}"; }') == 1


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda path: path.name)
def test_each_block_is_closed_and_each_rule_parses(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert unclosed(text) == 0, f"{path.name}: 有未闭合的块"
    errors = [r for r in tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True) if r.type == "error"]
    assert not errors, [f"{path.name}:{e.source_line}: {e.message}" for e in errors]
