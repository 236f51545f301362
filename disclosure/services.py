"""Every write to published information: drafting, attachments, submission, publication, revision, withdrawal."""

from __future__ import annotations

import io
import logging
from datetime import date, datetime
from pathlib import PurePath
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from portal import page_cache
from portal.models import AuditKind, Organisation, PlatformProfile
from portal.services import record_audit
from portal.uploads import clean_upload
from portal.workdays import working_days_between
from review.scanner import Hit

from . import search, tallies
from .extract import ALLOWED_EXTENSIONS, UnreadableFile, docx_to_html, extract_text, html_to_text, sanitise_html
from .masking import can_mask_file, mask_file, mask_html, mask_text
from .models import (
    Attachment,
    DisclosureAttribute,
    IndexSerial,
    Item,
    ItemEvent,
    ItemStatus,
    ItemVersion,
)
from .models.catalogue import NORMATIVE_GENRES, Genre
from .states import Action, ensure_allowed

logger = logging.getLogger(__name__)
CONTENT_FIELDS = [
    "column_id", "column_kind", "topic_id", "genre", "title", "summary", "body", "body_text", "document_number",
    "written_date", "changed_date", "disclosure_attribute", "attribute_reason", "validity",
    "validity_changed_on", "interprets_id", "matter_id",
]  # fmt: skip
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024


class StaleEdit(ValidationError):
    pass


def record_event(item: Item, action: Action, actor: Any, note: str = "", **detail: Any) -> ItemEvent:
    return ItemEvent.objects.create(item=item, action=action, actor=actor, note=note, detail=detail)


def _clean_content(item: Item) -> None:
    from .selectors import channel_of

    item.channel = channel_of(item.organisation)
    item.column_kind = item.column.kind
    item.body = sanitise_html(item.body or "")
    item.body_text = html_to_text(item.body)
    if item.genre not in NORMATIVE_GENRES:
        item.validity, item.validity_changed_on = "", None


@transaction.atomic
def create_draft(*, organisation: Organisation, author: Any, fields: dict[str, Any]) -> Item:
    item = Item(organisation=organisation, created_by=author, status=ItemStatus.DRAFT, **fields)
    _clean_content(item)
    item.full_clean()
    item.save()
    record_event(item, Action.DRAFT, author)
    return item


@transaction.atomic
def update_draft(*, item: Item, editor: Any, fields: dict[str, Any], lock_version: int) -> Item:
    """Save an edited draft; an edit made on a stale copy (someone saved in between) is refused."""
    current = Item.objects.select_for_update().get(pk=item.pk)
    ensure_allowed(current.status, Action.EDIT)
    if current.lock_version != lock_version:
        raise StaleEdit("该草稿已被他人修改。请复制您的修改，刷新页面后重新编辑。", code="stale")
    for name, value in fields.items():
        setattr(current, name, value)
    _clean_content(current)
    current.full_clean()
    current.lock_version += 1
    current.save()
    record_event(current, Action.EDIT, editor)
    return current


def check_upload(upload: UploadedFile) -> UploadedFile:
    """The attachment as it may be published: its type from its content, images written again, PDF and DOCX
    without active content, document properties, comments or revision history (portal.uploads)."""
    name = upload.name or ""
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    if suffix not in ALLOWED_EXTENSIONS:
        raise ValidationError("附件只能是 PDF、Word、Excel、OFD 或图片文件。", code="file_type")
    if (upload.size or 0) > MAX_ATTACHMENT_BYTES:
        raise ValidationError("附件不能超过 50 MB。", code="file_size")
    return clean_upload(upload, for_publication=True)


@transaction.atomic
def add_attachment(*, item: Item, upload: UploadedFile, actor: Any, name: str = "") -> Attachment:
    ensure_allowed(item.status, Action.EDIT)
    upload = check_upload(upload)
    text = extract_text(upload.name or "", upload)
    upload.seek(0)
    attachment = Attachment(
        item=item,
        name=name or upload.name or "附件",
        content_type=upload.content_type or "",
        size=upload.size or 0,
        text=text,
        position=item.attachments.count(),
    )
    attachment.file.save(upload.name or "attachment", upload, save=False)
    attachment.save()
    record_event(item, Action.EDIT, actor, note=f"上传附件：{attachment.name}")
    return attachment


@transaction.atomic
def remove_attachment(*, attachment: Attachment, actor: Any) -> None:
    ensure_allowed(attachment.item.status, Action.EDIT)
    record_event(attachment.item, Action.EDIT, actor, note=f"删除附件：{attachment.name}")
    attachment.delete()


@transaction.atomic
def import_docx(*, item: Item, upload: UploadedFile, actor: Any) -> Item:
    """Uploading the official .docx fills the body and keeps the file as an attachment."""
    if not (upload.name or "").lower().endswith(".docx"):
        raise ValidationError("请上传 .docx 格式的正式文件。", code="file_type")
    upload = check_upload(upload)
    try:
        html = docx_to_html(upload)
    except UnreadableFile as exc:
        raise ValidationError(str(exc), code="unreadable") from exc
    upload.seek(0)
    if not html.strip():
        raise ValidationError("未能从该文件中读出正文，请检查文件是否损坏。", code="empty")
    current = Item.objects.select_for_update().get(pk=item.pk)
    ensure_allowed(current.status, Action.EDIT)
    current.body = html
    _clean_content(current)
    current.lock_version += 1
    current.save()
    add_attachment(item=current, upload=upload, actor=actor)
    return current


@transaction.atomic
def submit_item(*, item: Item, actor: Any) -> Item:
    """Send a draft to the review queue (条例 第十七条: nothing is published without recorded review)."""
    from review import services as review

    current = Item.objects.select_for_update().get(pk=item.pk)
    current.status = ensure_allowed(current.status, Action.SUBMIT)
    check_publishable(current)
    current.save(update_fields=["status", "updated_at"])
    record_event(current, Action.SUBMIT, actor)
    review.submit(content=current, actor=actor)
    return current


@transaction.atomic
def replace_attachment(*, attachment: Attachment, upload: UploadedFile, actor: Any) -> Attachment:
    """A returned draft's attachment replaced by a new file (e.g. a redacted PDF), in the same place."""
    item = attachment.item
    ensure_allowed(item.status, Action.EDIT)
    upload = check_upload(upload)
    old = attachment.file.name
    attachment.text = extract_text(upload.name or "", upload)
    upload.seek(0)
    attachment.content_type, attachment.size = upload.content_type or "", upload.size or 0
    attachment.file.save(upload.name or "attachment", upload, save=False)
    attachment.save()
    _delete_unused_file(old)
    record_event(item, Action.EDIT, actor, note=f"替换附件：{attachment.name}")
    return attachment


def _delete_unused_file(name: str | None) -> None:
    """Remove a replaced file unless another attachment (a revision or its original) still uses it."""
    if name and not Attachment.objects.filter(file=name).exists():
        transaction.on_commit(lambda: Attachment.file.field.storage.delete(name), robust=True)


def _mask_attachment(attachment: Attachment, wanted: set[tuple[str, str]]) -> None:
    with attachment.file.open("rb") as stored:
        data = stored.read()
    old = attachment.file.name or ""
    masked = mask_file(old, data, wanted)
    attachment.text = extract_text(old, io.BytesIO(masked))
    attachment.size = len(masked)
    attachment.file.save(PurePath(old).name, ContentFile(masked), save=False)
    attachment.save()
    _delete_unused_file(old)


@transaction.atomic
def mask_item(*, item: Item, hits: list[Hit], actor: Any) -> list[str]:
    """A reviewer replaces personal data by the masked forms: in the title, summary and document number, in
    the body's HTML, and inside DOCX and XLSX attachments. Returns the attachments that cannot be masked here
    (PDF, images): the editor must replace them with redacted files."""
    current = Item.objects.select_for_update().get(pk=item.pk)

    def wanted(source: str) -> set[tuple[str, str]]:
        return {(str(h.kind), h.text) for h in hits if h.source == source}

    for name in ("title", "summary", "document_number"):
        setattr(current, name, mask_text(getattr(current, name), wanted(name)))
    current.body = mask_html(current.body, wanted("body"))
    unmaskable = []
    for attachment in current.attachments.all():
        chosen = wanted(f"attachment:{attachment.name}")
        if not chosen:
            continue
        if can_mask_file(attachment.file.name):
            _mask_attachment(attachment, chosen)
        else:
            unmaskable.append(attachment.name)
    _clean_content(current)
    current.lock_version += 1
    current.save()
    note = f"遮盖个人信息 {len(hits)} 处" + (f"；无法遮盖的附件：{'、'.join(unmaskable)}" if unmaskable else "")
    record_event(current, Action.MASK, actor, note=note)
    return unmaskable


@transaction.atomic
def return_item(*, item: Item, actor: Any, reason: str) -> Item:
    current = Item.objects.select_for_update().get(pk=item.pk)
    current.status = ensure_allowed(current.status, Action.RETURN)
    current.save(update_fields=["status", "updated_at"])
    record_event(current, Action.RETURN, actor, note=reason)
    return current


def check_publishable(item: Item) -> None:
    """The metadata the catalogue requires (条例 第十二条) and a public attribute."""
    errors: dict[str, str] = {}
    if item.disclosure_attribute != DisclosureAttribute.PROACTIVE:
        errors["disclosure_attribute"] = "公开属性不是“主动公开”的信息不能发布。"
    if not item.summary.strip() and not item.legacy_import:
        errors["summary"] = "请填写内容概述。"  # an old catalogue's item may lack one: listed as 概述待补
    if item.genre in NORMATIVE_GENRES and not item.validity:
        errors["validity"] = "规章和行政规范性文件须标明有效性。"
    if item.genre == Genre.INTERPRETATION and not item.interprets_id:
        errors["interprets"] = "政策解读须关联所解读的文件。"
    if not item.body_text.strip() and not item.attachments.exists():
        errors["body"] = "正文和附件不能都为空。"
    if errors:
        raise ValidationError(errors)


def _check_policy_published(item: Item) -> None:
    """三同步: an interpretation drafted and reviewed with a policy still in review is published with it or after
    it, never before (its page would point at a document nobody can read)."""
    policy = item.interprets
    if policy is not None and policy.status != ItemStatus.PUBLISHED:
        raise ValidationError(
            f"所解读的文件《{policy.title}》尚未发布：政策解读须与文件同步或在其后发布。"
            "请在该文件发布后再发布本解读，或将两者定时在同一时间发布。",
            code="policy_unpublished",
        )


def next_index_number(organisation: Organisation, year: int) -> str:
    """The next never-used index number (索引号) of the organisation for the year; call inside a transaction."""
    serial, _ = IndexSerial.objects.select_for_update().get_or_create(organisation=organisation, year=year)
    IndexSerial.objects.filter(pk=serial.pk).update(last=F("last") + 1)
    serial.refresh_from_db(fields=["last"])
    pattern = PlatformProfile.load(fresh=True).index_number_pattern
    code = organisation.credit_code or organisation.slug.upper()
    return pattern.format(credit_code=code, year=year, serial=serial.last)


def _working_days_since(formed: date | None, today: date) -> int | None:
    if formed is None:
        return None
    return max(working_days_between(formed, today).value, 0)


@transaction.atomic
def publish_item(*, item: Item, approver: Any, now: datetime | None = None) -> Item:
    """Make an approved item public: the one publication path, called by the review queue.

    Assigns the index number and sets the publication date, which nothing edits afterwards. A revision of a
    published item replaces its content instead and keeps the original's index number and publication date.
    """
    from review.services import approved_for_publication

    now = now or timezone.now()
    today = timezone.localdate(now)
    current = Item.objects.select_for_update().get(pk=item.pk)
    if not approved_for_publication(current):
        raise PermissionDenied("未经审核通过的信息不能发布（条例第十七条：先审后发）。")
    if current.revision_of_id:
        return _merge_revision(current, approver, now)
    current.status = ensure_allowed(current.status, Action.PUBLISH)
    check_publishable(current)
    _check_policy_published(current)
    if current.legacy_import and current.index_number and current.publication_date:
        # published on the old site before: its index number and publication date stay as they were
        legacy = current.publication_date
        current.updated_on = legacy
        current.published_at = datetime(legacy.year, legacy.month, legacy.day, tzinfo=timezone.get_current_timezone())
    else:
        current.index_number = next_index_number(current.organisation, today.year)
        current.publication_date = current.updated_on = today
        current.published_at = now
        current.publication_working_days = _working_days_since(current.changed_date or current.written_date, today)
    current.save()
    tallies.refresh([tallies.key_of(current)])
    tallies.touch_sitemap(current)
    record_event(
        current, Action.PUBLISH, approver, index_number=current.index_number, late=current.is_late,
        legacy=current.legacy_import,
    )  # fmt: skip
    record_audit(kind=AuditKind.ITEM_PUBLISHED, actor=approver, target=f"{current.index_number} {current.title}")
    search.index_items([current.pk])
    transaction.on_commit(lambda: _after_publication(current.pk), robust=True)
    return current


def snapshot(item: Item) -> dict[str, Any]:
    data = {name: getattr(item, name) for name in CONTENT_FIELDS}
    data = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in data.items()}
    data["attachments"] = [{"name": a.name, "file": a.file.name} for a in item.attachments.all()]
    return data


def _merge_revision(revision: Item, approver: Any, now: datetime) -> Item:
    revision.status = ensure_allowed(revision.status, Action.MERGE)
    check_publishable(revision)
    assert revision.revision_of_id is not None
    original = Item.objects.select_for_update().get(pk=revision.revision_of_id)
    if original.status != ItemStatus.PUBLISHED:
        raise ValidationError("原信息已不在发布状态，修订不能发布。", code="not_published")
    ItemVersion.objects.create(
        item=original,
        version_number=original.version_number,
        snapshot=snapshot(original),
        replaced_by=approver,
    )
    before = tallies.key_of(original)
    for name in CONTENT_FIELDS:
        setattr(original, name, getattr(revision, name))
    today = timezone.localdate(now)
    original.version_number += 1
    original.updated_on = today
    original.lock_version += 1
    original.save()
    tallies.refresh([before, tallies.key_of(original)])
    tallies.touch_sitemap(original)
    original.attachments.all().delete()
    revision.attachments.update(item=original)
    revision.save(update_fields=["status", "updated_at"])
    late_days = _working_days_since(original.changed_date, today)
    record_event(original, Action.MERGE, approver, version=original.version_number, working_days=late_days)
    record_event(revision, Action.MERGE, approver, merged_into=original.pk)
    search.index_items([original.pk])
    transaction.on_commit(lambda: _after_publication(original.pk), robust=True)
    return original


@transaction.atomic
def start_revision(*, item: Item, editor: Any) -> Item:
    """A published item changes only through a new version that goes through review."""
    original = Item.objects.select_for_update().get(pk=item.pk)
    ensure_allowed(original.status, Action.REVISE)
    open_revision = original.revisions.filter(status__in=[ItemStatus.DRAFT, ItemStatus.SUBMITTED]).first()
    if open_revision is not None:
        return open_revision
    revision = Item(
        organisation=original.organisation, channel=original.channel, created_by=editor, revision_of=original
    )
    for name in CONTENT_FIELDS:
        setattr(revision, name, getattr(original, name))
    revision.save()
    for attachment in original.attachments.all():
        Attachment.objects.create(
            item=revision,
            file=attachment.file.name,
            name=attachment.name,
            content_type=attachment.content_type,
            size=attachment.size,
            text=attachment.text,
            position=attachment.position,
        )
    record_event(revision, Action.REVISE, editor, revision_of=original.pk)
    return revision


@transaction.atomic
def withdraw_item(*, item: Item, actor: Any, reason: str, now: datetime | None = None) -> Item:
    """Take a published item down; its index number stays reserved and the reason is recorded."""
    if not reason.strip():
        raise ValidationError({"reason": "请填写撤回原因。"})
    current = Item.objects.select_for_update().get(pk=item.pk)
    current.status = ensure_allowed(current.status, Action.WITHDRAW)
    current.withdrawn_at = now or timezone.now()
    current.withdrawal_reason = reason.strip()
    current.save(update_fields=["status", "withdrawn_at", "withdrawal_reason", "updated_at"])
    tallies.refresh([tallies.key_of(current)])
    tallies.touch_sitemap(current)
    page_cache.bump()
    record_event(current, Action.WITHDRAW, actor, note=reason.strip())
    record_audit(
        kind=AuditKind.ITEM_WITHDRAWN, actor=actor, target=f"{current.index_number} {current.title}",
        detail={"reason": reason.strip()},
    )  # fmt: skip
    search.index_items([current.pk])
    transaction.on_commit(lambda: _after_publication(current.pk), robust=True)
    return current


def _after_publication(item_id: int) -> None:
    """After a change to what is public has committed: the catalogue's export files are built again. A side
    effect: failing, it is logged and the publication stands."""
    from disclosure import tasks

    try:
        tasks.request_build(Item.objects.values_list("channel_id", flat=True).get(pk=item_id))
    except Exception:
        logger.exception("发布后的后续处理失败（信息 %s）", item_id)
