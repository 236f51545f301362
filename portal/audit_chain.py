"""The audit log's protection (等保 2.0 §8.1.4.3 审计记录保护), in the manner of RFC 6962's logs.

- Every row's hash is an HMAC-SHA256 under AUDIT_CHAIN_KEY, which is never in the database, over the row's
  content and the previous row's hash: whoever holds only the database can neither rewrite a row and recompute
  the hashes after it, nor insert, remove or reorder rows without breaking a link.
- The newest position of the chain is anchored outside the database: a checkpoint (the newest row's id and hash,
  signed with the same key) goes to the private object store every day (`manage.py anchor_audit_chain`, cron)
  and into every backup's manifest, under object lock where the store has it. Deleting the tail of the log
  then leaves a checkpoint naming a row that is gone.
- `verify()` walks the chain and checks every checkpoint, and says where each check fails.

Keys rotate: AUDIT_CHAIN_KEY signs new rows, AUDIT_CHAIN_OLD_KEYS still verify old ones; each row names its
key by fingerprint. Rows written before the key existed keep their plain SHA-256; the first keyed row's link
covers them, and no unkeyed row may follow a keyed one."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from portal.storage import private as private_storage
from portal.storage import walk

FOLDER = "audit-checkpoints"
logger = logging.getLogger(__name__)


class UnknownKey(KeyError):
    pass


def _decode(value: str) -> bytes:
    return base64.urlsafe_b64decode(value.encode("ascii") + b"=" * (-len(value) % 4))


def fingerprint(key: bytes) -> str:
    return hashlib.sha256(b"portal-audit-key:" + key).hexdigest()[:16]


def keys() -> dict[str, bytes]:
    """Every configured key by fingerprint, the current one first."""
    found = [_decode(settings.AUDIT_CHAIN_KEY), *(_decode(k) for k in settings.AUDIT_CHAIN_OLD_KEYS)]
    return {fingerprint(key): key for key in found}


def current_key_id() -> str:
    return next(iter(keys()))


def _encoded(content: Any) -> bytes:
    return json.dumps(content, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")


def _mac(key_id: str, data: bytes) -> str:
    key = keys().get(key_id)
    if key is None:
        raise UnknownKey(key_id)
    return hmac.new(key, data, hashlib.sha256).hexdigest()


def row_hash(event: Any) -> str:
    data = _encoded(event.content())
    return _mac(event.key_id, data) if event.key_id else hashlib.sha256(data).hexdigest()


# -- checkpoints ---------------------------------------------------------------------------------------------


def checkpoint(*, reason: str, now: datetime | None = None) -> dict[str, Any]:
    """Anchor the chain's newest row outside the database; {} while the log is empty."""
    from portal.models import AuditEvent

    newest = AuditEvent.objects.order_by("-id").values("id", "row_hash", "at").first()
    if newest is None:
        return {}
    now = now or timezone.now()
    body: dict[str, Any] = {
        "row": newest["id"], "hash": newest["row_hash"], "row_at": newest["at"].isoformat(),
        "written_at": now.isoformat(), "reason": reason, "key_id": current_key_id(),
    }  # fmt: skip
    body["signature"] = _mac(body["key_id"], _encoded(body))
    name = f"{FOLDER}/{now:%Y/%m/%d/%H%M%S}-{newest['id']}.json"
    storage = private_storage()
    saved = storage.save(name, ContentFile(json.dumps(body, ensure_ascii=False).encode("utf-8")))
    _lock(storage, saved, now)
    return body


def _lock(storage: Any, name: str, now: datetime) -> None:
    """Object lock (compliance mode) on the checkpoint where the store offers it; a store without it keeps the
    file all the same (docs/operations.md)."""
    days = settings.AUDIT_CHECKPOINT_LOCK_DAYS
    client = getattr(getattr(storage, "connection", None), "meta", None)
    if not days or client is None:
        return
    try:
        client.client.put_object_retention(
            Bucket=storage.bucket_name, Key=storage._normalize_name(name),
            Retention={"Mode": "COMPLIANCE", "RetainUntilDate": now + timedelta(days=days)},
        )  # fmt: skip
    except Exception as error:  # a bucket without object lock: logged, the checkpoint kept
        logger.warning("审计检查点未能加对象锁：%s", error)


@dataclass
class Anchor:
    name: str
    body: dict[str, Any]
    genuine: bool


def anchors() -> list[Anchor]:
    storage = private_storage()
    found = []
    for name in sorted(walk(storage, FOLDER)):
        with storage.open(name, "rb") as handle:
            try:
                body = json.loads(handle.read().decode("utf-8"))
                claimed = body.pop("signature", "")
                genuine = hmac.compare_digest(_mac(body.get("key_id", ""), _encoded(body)), claimed)
            except (ValueError, UnknownKey):
                body, genuine = {}, False
        found.append(Anchor(name, body, genuine))
    return found


# -- verification --------------------------------------------------------------------------------------------


@dataclass
class Verdict:
    checked: int = 0
    anchors: int = 0
    problems: list[str] = field(default_factory=list)
    first_row: int | None = None  # the first row the chain or a checkpoint finds wrong

    def problem(self, row: int | None, text: str) -> None:
        self.problems.append(text)
        if row is not None and (self.first_row is None or row < self.first_row):
            self.first_row = row


def verify() -> Verdict:
    """Every row's hash and link, then every checkpoint against the rows."""
    from portal.models import AuditEvent

    verdict = Verdict()
    found = anchors()
    wanted = {a.body["row"]: a for a in found if a.genuine}
    seen: dict[int, str] = {}
    previous: Any = None
    first_id: int | None = None
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        if not event.row_hash:
            continue  # written before the chain existed
        if first_id is None:
            first_id = event.pk
            if event.previous_hash and not _purged_before(event):
                verdict.problem(
                    event.pk, f"第 {event.pk} 号之前的记录被删除（它指向的前一条已不存在，也没有清理记录）。"
                )
        elif event.previous_hash != previous.row_hash:
            verdict.problem(
                event.pk, f"第 {event.pk} 号与前一条（第 {previous.pk} 号）不相连：其间的记录被删除、插入或调换了顺序。"
            )
        if previous is not None and previous.key_id and not event.key_id:
            verdict.problem(
                event.pk, f"第 {event.pk} 号没有用审计密钥计算校验值，却排在用密钥的记录之后：该记录是后来插入的。"
            )
        try:
            if not hmac.compare_digest(row_hash(event), event.row_hash):
                verdict.problem(event.pk, f"第 {event.pk} 号的内容与校验值不符：该记录被改写。")
        except UnknownKey:
            verdict.problem(event.pk, f"第 {event.pk} 号使用的审计密钥（指纹 {event.key_id}）未配置：无法校验。")
        if event.pk in wanted:
            seen[event.pk] = event.row_hash
        previous = event
        verdict.checked += 1
    for anchor in found:
        verdict.anchors += 1
        if not anchor.genuine:
            verdict.problem(None, f"检查点 {anchor.name} 的签名不符：检查点被伪造或改动。")
            continue
        row, when = anchor.body["row"], anchor.body["written_at"][:19].replace("T", " ")
        if first_id is not None and row < first_id and _purged_up_to(row):
            continue  # the audit administrator's recorded purge removed it
        if row not in seen:
            verdict.problem(row, f"{when} 的检查点记录的第 {row} 号已不在数据库中：日志末尾（或该处）的记录被删除。")
        elif not hmac.compare_digest(seen[row], anchor.body["hash"]):
            verdict.problem(row, f"{when} 的检查点记录的第 {row} 号校验值与数据库不同：该记录或此前的记录被改写。")
    return verdict


def _purged_before(event: Any) -> bool:
    """The chain may start at `event` when the audit administrator's purge (portal.audit_purge) removed what
    stood before it: the purge names the first row it kept, or is itself the first row left."""
    from portal.models import AuditEvent, AuditKind

    if event.kind == AuditKind.AUDIT_PURGED:
        return True
    return AuditEvent.objects.filter(kind=AuditKind.AUDIT_PURGED, detail__first_kept_id=event.pk).exists()


def _purged_up_to(row: int) -> bool:
    from portal.models import AuditEvent, AuditKind

    return AuditEvent.objects.filter(kind=AuditKind.AUDIT_PURGED, detail__first_kept_id__gt=row).exists()


def backup_problems(anchor: dict[str, Any], restored_hash: str | None) -> list[str]:
    """A backup's checkpoint (its manifest) against the audit row its restored database holds."""
    if not anchor:
        return []
    body = {key: value for key, value in anchor.items() if key != "signature"}
    try:
        genuine = hmac.compare_digest(_mac(body.get("key_id", ""), _encoded(body)), anchor.get("signature", ""))
    except UnknownKey:
        return [f"备份清单中的审计检查点使用的密钥（指纹 {body.get('key_id')}）本机未配置（AUDIT_CHAIN_KEY）"]
    if not genuine:
        return ["备份清单中的审计检查点签名不符：清单被改动"]
    if restored_hash != body["hash"]:
        return [f"恢复后的审计日志第 {body['row']} 号与备份时的检查点不符：审计日志在备份中不完整或被改写"]
    return []
