"""A question to an organisation (政务咨询) or about a published policy, its answer and its record. The asker's
name and contact are encrypted and never public; the question and answer are public only after review, and only
when the asker agreed to it."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from portal.crypto import decrypt
from portal.models import AppendOnly, Organisation

from .states import Action, Status


class Question(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="questions", verbose_name="办理机构"
    )
    asked_of = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="提问对象",
        help_text="提问人选择的机构；转交后办理机构可能不同。",
    )  # fmt: skip
    item = models.ForeignKey(
        "disclosure.Item", on_delete=models.SET_NULL, null=True, blank=True, related_name="questions",
        verbose_name="所涉政策",
    )  # fmt: skip
    subject = models.CharField("标题", max_length=100)
    text = models.TextField("问题")
    name_encrypted = models.TextField(blank=True, editable=False)
    contact_encrypted = models.TextField(blank=True, editable=False)
    public_allowed = models.BooleanField("同意公开问题和答复", default=True)
    receipt_hash = models.CharField(max_length=64, unique=True, editable=False)
    submission_key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    data_id = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)
    received_on = models.DateField("收到日期")
    due_on = models.DateField("答复期限")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.OPEN)
    answer = models.TextField("答复", blank=True)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_on = models.DateField("办结日期", null=True, blank=True, help_text="答复、转为申请或投诉、不予答复之日。")
    escalated_on = models.DateField("超期提醒负责人日期", null=True, blank=True)
    proposal = models.CharField(
        "建议转为", max_length=12, blank=True, choices=[("application", "政府信息公开申请"), ("complaint", "投诉")]
    )
    proposal_note = models.TextField("转办说明", blank=True)
    application = models.ForeignKey(
        "requests_app.Application", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="转为的申请",
    )  # fmt: skip
    complaint = models.ForeignKey(
        "supervision.Complaint", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="转为的投诉",
    )  # fmt: skip
    published_at = models.DateTimeField("公开时间", null=True, blank=True)
    search_text = models.TextField(blank=True, editable=False, help_text="公开的标题、问题和答复，繁简、全半角归一。")
    faq = models.BooleanField("常见问题", default=False)

    class Meta:
        verbose_name = "政务咨询"
        verbose_name_plural = "政务咨询"
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["organisation", "status", "due_on"], name="question_queue"),
            models.Index(fields=["organisation", "received_on"], name="question_received"),
            models.Index(fields=["organisation", "published_at"], name="question_published"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=Status.values), name="question_status_valid"),
            models.CheckConstraint(
                condition=~models.Q(status=Status.ANSWERED) | ~models.Q(answer=""), name="question_answered_has_text"
            ),
            models.CheckConstraint(
                condition=models.Q(published_at__isnull=True) | models.Q(status=Status.ANSWERED, public_allowed=True),
                name="question_published_only_answered_with_consent",
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    def context(self, field: str) -> str:
        return f"question:{self.data_id}:{field}"

    def personal(self, field: str) -> str:
        encrypted = getattr(self, f"{field}_encrypted")
        return decrypt(encrypted, context=self.context(field)) if encrypted else ""


class QuestionEvent(AppendOnly):
    """The record of a question: who did what, with the status before and after (append-only)."""

    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="events")
    action = models.CharField("操作", max_length=12, choices=Action.choices)
    old_status = models.CharField("原状态", max_length=10, choices=Status.choices, blank=True)
    new_status = models.CharField("新状态", max_length=10, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="空：提问人或系统。",
    )  # fmt: skip
    from_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    note = models.TextField("说明", blank=True)
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "政务咨询办理记录"
        verbose_name_plural = "政务咨询办理记录"
        ordering = ["at", "id"]
