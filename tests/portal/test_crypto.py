"""Personal data at rest: authenticated encryption bound to its row and field; masks for lists."""

from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal import crypto


def test_round_trip_and_the_ciphertext_hides_the_value() -> None:
    token = crypto.encrypt("350102199003077652", context="application:9f1c:id_number")
    assert "350102199003077652" not in token and token.startswith("v1:")
    assert crypto.decrypt(token, context="application:9f1c:id_number") == "350102199003077652"
    assert crypto.encrypt("x", context="c") != crypto.encrypt("x", context="c")  # a fresh nonce each time


def test_a_value_copied_to_another_row_or_field_does_not_decrypt() -> None:
    token = crypto.encrypt("13812345678", context="application:row-a:phone")
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(token, context="application:row-b:phone")
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(token, context="application:row-a:address")
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(token[:-4] + "AAAA", context="application:row-a:phone")  # tampered


def test_keys_rotate_old_tokens_still_decrypt(settings: Any) -> None:
    old = crypto.encrypt("示例县示例镇人民路1号", context="a:1:address")
    settings.PERSONAL_DATA_KEYS = [crypto.generate_key(), *settings.PERSONAL_DATA_KEYS]
    assert crypto.decrypt(old, context="a:1:address") == "示例县示例镇人民路1号"
    assert crypto.encrypt("x", context="c").split(":")[1] != old.split(":")[1]
    settings.PERSONAL_DATA_KEYS = ["c2hvcnQ="]
    with pytest.raises(ImproperlyConfigured):
        crypto.encrypt("x", context="c")


def test_masks_for_lists() -> None:
    assert crypto.mask_id_number("110105194912310021") == "110***********0021"
    assert crypto.mask_phone("138-1234-5678") == "138****5678"
