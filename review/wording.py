"""Serious wording errors (严重错别字, a 单项否决 item of 《政府网站与政务新媒体检查指标》, 国办秘函〔2019〕19号),
flagged at review like personal data: the miswritings of government writing the project ships
(review/data/wording.tsv, each with its correct form), the forms the platform adds (WordingRule), and a leader's
name next to a title that is not theirs (Leader). The reviewer returns the item for correction, or two
reviewers keep the passage with a reason."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from .scanner import Hit, HitKind, Text

SHIPPED = Path(__file__).resolve().parent / "data" / "wording.tsv"
# Titles that sit next to a name in government writing; the longest that touches the name is the one read.
TITLES = sorted(
    {"书记", "副书记", "党委书记", "党委副书记", "镇长", "副镇长", "乡长", "副乡长", "县长", "副县长", "主任", "副主任",
     "局长", "副局长", "主席", "副主席", "部长", "副部长", "秘书长", "委员", "站长", "所长", "组长", "副组长", "同志"},
    key=len, reverse=True,
)  # fmt: skip


@cache
def shipped() -> tuple[tuple[str, str], ...]:
    rows = SHIPPED.read_text(encoding="utf-8").splitlines()
    pairs = (line.split("\t")[:2] for line in rows if line.strip() and not line.startswith("#"))
    return tuple((wrong, right) for wrong, right in pairs if wrong != right)


def check(text: Text, rules: Iterable[tuple[str, str]], leaders: Iterable[tuple[str, str]]) -> list[Hit]:
    """The wording hits in one text: miswritten forms, and leaders' names beside a title not theirs."""
    found: list[Hit] = []
    value = text.value
    for wrong, right in [*shipped(), *rules]:
        start = value.find(wrong)
        while start != -1:
            found.append(Hit(HitKind.WORDING, text.source, start, start + len(wrong), wrong, f"应为“{right}”"))
            start = value.find(wrong, start + len(wrong))
    for name, titles in leaders:
        found += _titles_beside(text, name, [t.strip() for t in titles.replace("，", ",").split(",") if t.strip()])
    return found


def _titles_beside(text: Text, name: str, held: list[str]) -> list[Hit]:
    hits = []
    value = text.value
    start = value.find(name)
    while start != -1 and name:
        end = start + len(name)
        before = next((t for t in TITLES if value[:start].endswith(t)), "")
        after = next((t for t in TITLES if value[end:].startswith(t)), "")
        for title, span in ((before, (start - len(before), end)), (after, (start, end + len(after)))):
            if title and title != "同志" and not any(_holds(h, title) for h in held):
                hits.append(Hit(HitKind.LEADER_TITLE, text.source, *span, value[span[0] : span[1]],
                                f"{name}的职务为“{'、'.join(held)}”"))  # fmt: skip
        start = value.find(name, end)
    return hits


def _holds(title: str, written: str) -> bool:
    """镇党委书记 is written 书记; 副镇长 is not written 镇长."""
    return title.endswith(written) and not title[: -len(written)].endswith("副")
