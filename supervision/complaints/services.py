"""Receiving, answering and closing complaints (条例 第四十七条: the disclosure authority investigates and deals
with complaints and reports about disclosure work; 第五十一条: citizens may complain or report). The reply is
due within COMPLAINT_REPLY_WORKING_DAYS working days of receipt (SITE_ERROR_REPLY_WORKING_DAYS for an error on
the site), counted on the working-day calendar."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from consultations.comments.services import new_receipt_code
from portal.crypto import encrypt
from portal.models import Organisation
from portal.workdays import add_working_days

from .models import Complaint, ComplaintKind, ComplaintStatus, Finding


def reply_working_days(kind: str) -> int:
    if kind == ComplaintKind.SITE_ERROR:
        return settings.SITE_ERROR_REPLY_WORKING_DAYS
    return settings.COMPLAINT_REPLY_WORKING_DAYS


def due_on(kind: str, received_on: date) -> date:
    """The last day for the reply: N working days after the day of receipt (that day not counted)."""
    return add_working_days(received_on, reply_working_days(kind)).value


def receipt_hash(code: str) -> str:
    normalised = "".join(code.upper().split()).replace("-", "")
    return hashlib.sha256(f"{settings.SECRET_KEY}:complaint:{normalised}".encode()).hexdigest()


@dataclass(frozen=True)
class Received:
    complaint: Complaint
    receipt_code: str  # shown once; "" when the same submission came again


def receive(*, organisation: Organisation, kind: str, subject: str, text: str, page_url: str, name: str,
            contact: str, submission_key: uuid.UUID, upload: UploadedFile | None = None,
            now: datetime | None = None) -> Received:  # fmt: skip
    """A complaint, report or site error from the public form. The same submission sent twice is one."""
    earlier = Complaint.objects.filter(submission_key=submission_key).first()
    if earlier is not None:
        return Received(earlier, "")
    if kind not in ComplaintKind.values:
        raise ValidationError({"kind": "请选择投诉、举报或网站纠错。"})
    received_on = timezone.localdate(now or timezone.now())
    code = new_receipt_code()
    complaint = Complaint(
        organisation=organisation, kind=kind, subject=subject.strip(), text=text.strip(), page_url=page_url.strip(),
        receipt_hash=receipt_hash(code), submission_key=submission_key, received_on=received_on,
        due_on=due_on(kind, received_on),
    )  # fmt: skip
    complaint.name_encrypted = encrypt(name.strip(), context=complaint.context("name")) if name.strip() else ""
    complaint.contact_encrypted = encrypt(contact.strip(), context=complaint.context("contact")) if contact else ""
    if upload is not None:
        complaint.attachment_name = (upload.name or "附件")[:200]
        complaint.attachment.save(upload.name or "attachment", upload, save=False)
    try:
        with transaction.atomic():
            complaint.save()
    except IntegrityError:  # the same submission, saved a moment ago by a second click
        if complaint.attachment:
            complaint.attachment.delete(save=False)
        return Received(Complaint.objects.get(submission_key=submission_key), "")
    return Received(complaint, code)


def find_by_receipt(code: str) -> Complaint | None:
    return Complaint.objects.select_related("organisation").filter(receipt_hash=receipt_hash(code)).first()


@transaction.atomic
def reply(*, complaint: Complaint, text: str, actor: Any, today: date) -> Complaint:
    """The written reply to the complainant, shown through the receipt code and mailed to an e-mail contact."""
    from portal.outbox import queue_mail

    current = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if current.status == ComplaintStatus.CLOSED:
        raise ValidationError("该投诉已办结。")
    if len(text.strip()) < 10:
        raise ValidationError({"reply": "请写明答复内容（调查了什么、结论和处理情况），至少10个字。"})
    current.reply, current.replied_on, current.replied_by = text.strip(), today, actor
    current.status = ComplaintStatus.REPLIED
    current.save(update_fields=["reply", "replied_on", "replied_by", "status"])
    address = current.personal("contact") if current.contact_encrypted else ""
    try:
        validate_email(address)
    except ValidationError:
        return current  # a phone number or none: the office answers by phone, or the complainant looks it up
    link = settings.SITE_URL + reverse("complaints:track", args=[current.organisation.slug])
    body = (f"您于{current.received_on:%Y年%-m月%-d日}提交的{current.get_kind_display()}“{current.subject}”已答复：\n\n"
            f"{current.reply}\n\n凭回执码可在网站上查看：{link}")  # fmt: skip
    queue_mail(to=address, subject=f"{current.get_kind_display()}答复：{current.subject}"[:200], body=body)
    return current


@transaction.atomic
def close(*, complaint: Complaint, finding: str, rectification: str, actor: Any, today: date) -> Complaint:
    """The finding (成立 / 部分成立 / 不成立) and, where it was upheld, what was put right."""
    current = Complaint.objects.select_for_update().get(pk=complaint.pk)
    errors = {}
    if current.status != ComplaintStatus.REPLIED:
        errors["finding"] = "请先答复投诉人，再办结。"
    if finding not in Finding.values:
        errors["finding"] = "请选择调查结论：成立、部分成立或不成立。"
    elif finding != Finding.NOT_UPHELD and len(rectification.strip()) < 4:
        errors["rectification"] = "投诉成立或部分成立的，须写明整改情况。"
    if errors:
        raise ValidationError(errors)
    current.finding, current.rectification = finding, rectification.strip()
    current.closed_on, current.closed_by, current.status = today, actor, ComplaintStatus.CLOSED
    current.save(update_fields=["finding", "rectification", "closed_on", "closed_by", "status"])
    return current


def workbench_block(user: Any, today: date) -> Any:
    """For the heads of disclosure offices: complaints whose reply is due within 3 working days, or overdue."""
    from portal.models import Role
    from portal.permissions import organisation_ids
    from portal.workbench import Block, Line

    own = organisation_ids(user, Role.OFFICE_HEAD)
    if not own:
        return None
    soon = add_working_days(today, settings.REMINDER_WORKING_DAYS).value
    waiting = Complaint.objects.filter(organisation_id__in=own, status=ComplaintStatus.OPEN, due_on__lte=soon)
    lines = [
        Line(
            f"{c.get_kind_display()}：{c.subject}，{c.due_on:%-m月%-d日}前答复",
            reverse("complaints-staff:complaint", args=[c.pk]),
            "已超期" if c.due_on < today else "",
        )
        for c in waiting.order_by("due_on", "id")[:20]
    ]
    return Block("投诉举报待答复", lines) if lines else None
