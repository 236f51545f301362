"""Comments that did not come through the page: letters, e-mails, opinions given in person or at a 座谈会 /
专家论证会 (registered by staff, with their source, and answered like every other), the meetings themselves, and
the moderated publication of comments (text only, personal data masked)."""

from __future__ import annotations

import re
import uuid
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from review.scanner import PERSONAL_KINDS, Text, mask, scan

from . import services
from .meetings import MeetingKind, ParticipantCategory
from .models import AdoptionReport, AdoptionStatus, CommentSource, Consultation, Meeting, Section

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
CATEGORY_BY_LABEL = {label: key for key, label in ParticipantCategory.choices} | {
    "企业": ParticipantCategory.ENTERPRISE,
    "群众": ParticipantCategory.RESIDENT,
    "村民代表": ParticipantCategory.RESIDENT,
    "居民代表": ParticipantCategory.RESIDENT,
}


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
                     upload: UploadedFile | None = None, today: date | None = None) -> services.Received:  # fmt: skip
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
    return services.comment(
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
