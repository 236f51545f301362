"""Files of a decision (先审后发, regulation.md §3): the consultation's attachments are reviewed with its draft and
published with it; a phase's material is reviewed on its own. All live in private storage and are served by
views that check publication; a commenter's attachment is never public."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from disclosure.extract import extract_text
from disclosure.services import check_upload

from . import reviewing
from .models import Consultation, ConsultationStatus, Document, DocumentStatus, Phase

MAX_DOCUMENTS = 20


@transaction.atomic
def add(*, upload: UploadedFile, actor: Any, consultation: Consultation | None = None, phase: Phase | None = None,
        name: str = "") -> Document:  # fmt: skip
    """A file of the consultation (only while it is a draft) or of a phase (at any time, unpublished)."""
    if (consultation is None) == (phase is None):
        raise ValueError("a document belongs to a consultation or a phase")
    if consultation is not None and consultation.status != ConsultationStatus.DRAFT:
        raise ValidationError("征求意见稿已提交审核或已发布，不能再增加附件；新的材料请上传到相应的决策环节。")
    matter = consultation.matter if consultation is not None else phase.matter  # type: ignore[union-attr]
    if Document.objects.filter(matter=matter).count() >= MAX_DOCUMENTS * 5:
        raise ValidationError("该决策事项的材料已达上限。")
    upload = check_upload(upload)
    text = extract_text(upload.name or "", upload)
    upload.seek(0)
    document = Document(
        matter=matter,
        consultation=consultation,
        phase=phase,
        organisation=matter.organisation,
        name=(name.strip() or upload.name or "附件")[:200],
        size=upload.size or 0,
        text=text,
        uploaded_by=actor,
    )
    document.file.save(upload.name or "document", upload, save=False)
    document.save()
    return document


@transaction.atomic
def remove(*, document: Document) -> None:
    if document.status != DocumentStatus.DRAFT:
        raise ValidationError("已提交审核或已公开的材料不能删除。")
    storage, name = document.file.storage, document.file.name or ""
    document.delete()
    transaction.on_commit(lambda: storage.delete(name), robust=True)


def _phase_material(document: Document) -> list[str]:
    return [] if document.phase_id else ["征求意见稿的附件随征求意见稿一并审核。"]


def submit(*, document: Document, actor: Any) -> Document:
    return reviewing.send(Document, document.pk, actor, _phase_material)


@transaction.atomic
def publish(*, document: Document, approver: Any, now: datetime) -> Document:
    return reviewing.publish(Document, document.pk, now, "未经审核通过的材料不能公开（先审后发）。")


def publish_with(consultation: Consultation, now: datetime) -> None:
    """The consultation's own attachments, approved with it."""
    consultation.documents.update(status=DocumentStatus.PUBLISHED, published_at=now)


@transaction.atomic
def send_back(*, document: Document) -> Document:
    Document.objects.filter(pk=document.pk).update(status=DocumentStatus.DRAFT)
    document.refresh_from_db()
    return document


def public(documents: Any) -> Any:
    return documents.filter(status=DocumentStatus.PUBLISHED).only("pk", "name", "size", "phase_id", "consultation_id")
