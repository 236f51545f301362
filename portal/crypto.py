"""Personal data at rest (ID numbers, phones, addresses): AES-256-GCM with keys from the environment.

Each ciphertext is bound to its row and field through the associated data (`context`), so a value copied
into another row or field does not decrypt. Tokens carry the key's id, so keys can be rotated: the first key
in PERSONAL_DATA_KEYS encrypts, every listed key decrypts.
"""

from __future__ import annotations

import base64
import hashlib
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

VERSION = "v1"


class DecryptionError(Exception):
    pass


def _keys() -> dict[str, bytes]:
    keys = {}
    for encoded in settings.PERSONAL_DATA_KEYS:
        key = base64.urlsafe_b64decode(encoded)
        if len(key) != 32:
            raise ImproperlyConfigured("PERSONAL_DATA_KEYS 中的每个密钥须为 32 字节（base64 编码）。")
        keys[hashlib.sha256(key).hexdigest()[:8]] = key
    if not keys:
        raise ImproperlyConfigured("未配置 PERSONAL_DATA_KEYS：无法加密个人信息。")
    return keys


def encrypt(value: str, *, context: str) -> str:
    """An opaque token for the value, bound to `context` (e.g. "application:<row id>:id_number")."""
    if value == "":
        return ""
    key_id, key = next(iter(_keys().items()))
    nonce = os.urandom(12)
    sealed = AESGCM(key).encrypt(nonce, value.encode("utf-8"), context.encode("utf-8"))
    return f"{VERSION}:{key_id}:{base64.urlsafe_b64encode(nonce + sealed).decode('ascii')}"


def decrypt(token: str, *, context: str) -> str:
    if token == "":
        return ""
    try:
        version, key_id, payload = token.split(":", 2)
        if version != VERSION:
            raise ValueError(version)
        key = _keys()[key_id]
        raw = base64.urlsafe_b64decode(payload)
        return AESGCM(key).decrypt(raw[:12], raw[12:], context.encode("utf-8")).decode("utf-8")
    except (ValueError, KeyError, InvalidTag) as exc:
        raise DecryptionError("个人信息无法解密：密钥不符，或数据不属于这一记录。") from exc


def generate_key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode("ascii")


def mask_id_number(value: str) -> str:
    """110***********1234: the first three and the last four characters."""
    return value[:3] + "*" * max(len(value) - 7, 0) + value[-4:] if len(value) > 7 else "*" * len(value)


def mask_phone(value: str) -> str:
    """138****5678."""
    digits = "".join(c for c in value if c.isdigit())
    return digits[:3] + "****" + digits[-4:] if len(digits) >= 11 else "*" * len(digits)


def mask_contact(value: str) -> str:
    """A phone or an e-mail address as lists show it: 138****5678, l***@example.com."""
    if "@" in value:
        name, _, domain = value.partition("@")
        return f"{name[:1]}***@{domain}"
    return mask_phone(value)


def key_ids() -> list[str]:
    """The ids (not the keys) of the configured keys: a backup's manifest names the ones its data needs."""
    return list(_keys())
