"""The personal-data and secrecy scanner (regulation.md §3): every true hit found, no look-alike flagged."""

import pytest

from review.scanner import Text, mask, scan, valid_id_number
from tests.review.scanner_corpus import LOOKALIKES, POSITIVES


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_true_personal_data_and_markings_are_found(text: str, expected: list[tuple[str, str]]) -> None:
    hits = [(str(h.kind), h.text) for h in scan([Text("body", text)])]
    assert hits == expected


@pytest.mark.parametrize("text", LOOKALIKES)
def test_numbers_that_only_look_like_personal_data_are_not_hits(text: str) -> None:
    assert scan([Text("body", text)]) == []


def test_gb11643_check_digit_and_birth_date() -> None:
    assert valid_id_number("11010519491231002X")
    assert not valid_id_number("110105194912310021")  # wrong check digit
    assert not valid_id_number("110105194913310024")  # month 13
    assert not valid_id_number("990105194912310021")  # no such province


def test_masking_follows_the_regulation_style() -> None:
    """regulation.md §3: mobile 138****1234, ID number 35*************123, address down to the village."""
    text = "张三，身份证350102199003077652，手机13812341234，家住东坪村3组12号。"
    masked = mask(text, scan([Text("body", text)]))
    assert masked == "张三，身份证35*************652，手机138****1234，家住东坪村*组**号。"
    assert scan([Text("body", masked)]) == []


def test_sensitive_words_are_configurable() -> None:
    hits = scan([Text("title", "关于某某事件的通报")], sensitive_words=["某某事件"])
    assert [(h.kind, h.source, h.text) for h in hits] == [("sensitive_word", "title", "某某事件")]
