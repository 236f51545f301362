"""The comments citizens send on a draft, with a receipt code to see them again, and those that did not come
through the page: letters, e-mails, opinions given in person or at a 座谈会 /
专家论证会 (registered by staff, with their source, and answered like every other), the meetings themselves, and
the moderated publication of comments (text only, personal data masked)."""

from __future__ import annotations

import hashlib
import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from portal.crypto import encrypt
from review.scanner import PERSONAL_KINDS, Text, mask, scan

from ..models import Consultation, Section
from .models import AdoptionReport, AdoptionStatus, Comment, CommentSource, Meeting, MeetingKind, ParticipantCategory

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
CATEGORY_BY_LABEL = {label: key for key, label in ParticipantCategory.choices} | {
    "企业": ParticipantCategory.ENTERPRISE,
    "群众": ParticipantCategory.RESIDENT,
    "村民代表": ParticipantCategory.RESIDENT,
    "居民代表": ParticipantCategory.RESIDENT,
}


def receipt_hash(code: str) -> str:
    normalised = "".join(code.upper().split()).replace("-", "")
    return hashlib.sha256(f"{settings.SECRET_KEY}:comment:{normalised}".encode()).hexdigest()


def new_receipt_code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


@dataclass(frozen=True)
class Received:
    comment: Comment
    receipt_code: str  # shown once; "" when the same submission came again


def comment(
    *,
    consultation: Consultation,
    text: str,
    name: str,
    contact: str,
    section: Section | None,
    submission_key: uuid.UUID,
    now: datetime | None = None,
    upload: UploadedFile | None = None,
    registered: dict[str, Any] | None = None,
) -> Received:
    """A citizen's comment, until the end of the closing day. The same submission sent twice is one comment.
    `registered` holds the source of one that staff enter from a letter, an e-mail or a meeting."""
    now = now or timezone.now()
    earlier = Comment.objects.filter(submission_key=submission_key).first()
    if earlier is not None:
        return Received(earlier, "")
    if registered is None and not consultation.is_open(timezone.localdate(now)):
        raise ValidationError(f"本次意见征集已于{consultation.closes_on:%Y年%-m月%-d日}24时截止，不再接收网上意见。")
    if section is not None and section.consultation_id != consultation.pk:
        raise ValidationError({"section": "所选条款不属于本征求意见稿。"})
    code = new_receipt_code()
    item = Comment(
        consultation=consultation,
        section=section,
        text=text.strip(),
        receipt_hash=receipt_hash(code),
        submission_key=submission_key,
        **(registered or {}),
    )
    item.name_encrypted = encrypt(name.strip(), context=item.context("name"))
    item.contact_encrypted = encrypt(contact.strip(), context=item.context("contact"))
    if upload is not None:
        item.attachment_name = (upload.name or "附件")[:200]
        item.attachment.save(upload.name or "attachment", upload, save=False)
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError:  # the same submission, saved a moment ago by a second click
        if item.attachment:
            item.attachment.delete(save=False)
        return Received(Comment.objects.get(submission_key=submission_key), "")
    return Received(item, code)


def find_by_receipt(code: str) -> Comment | None:
    return Comment.objects.select_related("consultation", "section").filter(receipt_hash=receipt_hash(code)).first()


def parse_participants(text: str) -> list[dict[str, str]]:
    """One person a line: 类别 姓名 [单位], separated by spaces, tabs or commas (pasted from a sign-in sheet)."""
    people, errors = [], []
    for n, line in enumerate(text.strip().splitlines(), start=1):
        parts = [p for p in re.split(r"[\s,，、\t]+", line.strip()) if p]
        if not parts:
            continue
        category = CATEGORY_BY_LABEL.get(parts[0])
        if category is None or len(parts) < 2:
            kinds = "、".join(ParticipantCategory.labels)
            errors.append(f"第{n}行“{line.strip()[:20]}”：应为“类别 姓名 单位”，类别为{kinds}之一。")
            continue
        people.append({"category": str(category), "name": parts[1], "unit": " ".join(parts[2:])})
    if errors:
        raise ValidationError({"participants": errors})
    if not people:
        raise ValidationError({"participants": "请填写参加人员。"})
    return people


@transaction.atomic
def record_meeting(*, consultation: Consultation, kind: str, held_on: date, place: str, participants: str,
                   minutes: str, actor: Any, today: date | None = None) -> Meeting:  # fmt: skip
    today = today or timezone.localdate()
    errors: dict[str, Any] = {}
    if kind not in MeetingKind.values:
        errors["kind"] = "请选择座谈会或专家论证会。"
    if held_on > today:
        errors["held_on"] = "召开日期不能晚于今天：会议开过后再登记。"
    if not minutes.strip():
        errors["minutes"] = "请填写会议纪要。"
    try:
        people = parse_participants(participants)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return Meeting.objects.create(consultation=consultation, kind=kind, held_on=held_on, place=place.strip(),
                                  participants=people, minutes=minutes.strip(), registered_by=actor)  # fmt: skip


def _report_fixed(consultation: Consultation) -> bool:
    return AdoptionReport.objects.filter(consultation=consultation).exclude(status=AdoptionStatus.DRAFT).exists()


def register_comment(*, consultation: Consultation, source: str, received_on: date, text: str, name: str,
                     contact: str, section: Section | None, meeting: Meeting | None, actor: Any,
                     upload: UploadedFile | None = None, today: date | None = None) -> Received:  # fmt: skip
    """A comment that came by letter, e-mail, in person or at a meeting, entered by staff with its source."""
    today = today or timezone.localdate()
    errors = {}
    if source not in CommentSource.values or source == CommentSource.ONLINE:
        errors["source"] = "请选择意见来源（信函、电子邮件、当面提出或会议）。"
    if received_on > today:
        errors["received_on"] = "收到日期不能晚于今天。"
    elif received_on < consultation.opens_on and source != CommentSource.MEETING:
        errors["received_on"] = f"收到日期早于征求意见开始日期（{consultation.opens_on:%Y年%-m月%-d日}）。"
    if source == CommentSource.MEETING and (meeting is None or meeting.consultation_id != consultation.pk):
        errors["meeting"] = "会议上提出的意见，请选择登记过的会议。"
    if not text.strip():
        errors["text"] = "请填写意见内容。"
    if consultation.status != "published":
        errors["source"] = "意见征集发布后才能登记意见。"
    elif _report_fixed(consultation):
        errors["source"] = "意见采纳情况说明已提交审核或已发布，不能再登记意见。"
    if errors:
        raise ValidationError(errors)
    return comment(
        consultation=consultation,
        text=text,
        name=name,
        contact=contact,
        section=section,
        submission_key=uuid.uuid4(),
        upload=upload,
        registered={
            "source": source,
            "received_on": received_on,
            "meeting": meeting if source == CommentSource.MEETING else None,
            "registered_by": actor,
        },
    )


def public_text(text: str) -> str:
    """The comment as it may be shown: ID numbers, phones, bank cards, addresses and e-mail addresses masked."""
    hits = [h for h in scan([Text("text", text)]) if h.kind in PERSONAL_KINDS]
    return EMAIL.sub("***@***", mask(text, hits))


@transaction.atomic
def show(*, consultation: Consultation, comment_ids: list[int], shown: bool) -> int:
    """Moderation: the chosen comments shown on (or taken off) the public page, without names or contacts."""
    if not consultation.publish_comments:
        raise ValidationError("本次意见征集未选择公开意见。")
    chosen = consultation.comments.select_for_update().filter(pk__in=comment_ids, spam_reason="")
    done = 0
    for comment in chosen:
        comment.shown = shown
        comment.public_text = comment.public_text or public_text(comment.text)
        comment.save(update_fields=["shown", "public_text"])
        done += 1
    if not done:
        raise ValidationError("请勾选要公开或撤下的意见（无关信息不能公开）。")
    return done
