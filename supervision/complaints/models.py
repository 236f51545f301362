"""Complaints and reports about disclosure work (投诉、举报, 条例 第四十七条、第五十一条) and reports of errors on the
site itself (网站纠错): received with a receipt code, answered within a deadline on the working-day calendar, the
finding and the rectification recorded. The complainant's name and contact are encrypted and never public."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from portal.crypto import decrypt
from portal.models import Organisation
from portal.storage import private as private_storage


class ComplaintKind(models.TextChoices):
    COMPLAINT = "complaint", "投诉"
    REPORT = "report", "举报"
    SITE_ERROR = "site_error", "网站纠错"


class ComplaintStatus(models.TextChoices):
    OPEN = "open", "办理中"
    REPLIED = "replied", "已答复"
    CLOSED = "closed", "已办结"


class Finding(models.TextChoices):
    UPHELD = "upheld", "成立"
    PARTLY = "partly", "部分成立"
    NOT_UPHELD = "not_upheld", "不成立"


def complaint_file_path(instance: Complaint, filename: str) -> str:
    return f"complaints/{instance.data_id}/{uuid.uuid4().hex}/{filename}"


class Complaint(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="complaints", verbose_name="被投诉的机构"
    )
    kind = models.CharField("类别", max_length=12, choices=ComplaintKind.choices)
    subject = models.CharField("事项", max_length=200)
    text = models.TextField("具体内容")
    page_url = models.CharField("出错的网页地址", max_length=500, blank=True)
    name_encrypted = models.TextField(blank=True, editable=False)
    contact_encrypted = models.TextField(blank=True, editable=False)
    attachment = models.FileField(
        "附件", upload_to=complaint_file_path, storage=private_storage, max_length=300, blank=True
    )
    attachment_name = models.CharField("附件名称", max_length=200, blank=True)
    receipt_hash = models.CharField(max_length=64, unique=True, editable=False)
    submission_key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    data_id = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)
    received_on = models.DateField("收到日期")
    due_on = models.DateField("答复期限")
    status = models.CharField("状态", max_length=10, choices=ComplaintStatus.choices, default=ComplaintStatus.OPEN)
    reply = models.TextField("答复", blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    finding = models.CharField("调查结论", max_length=12, choices=Finding.choices, blank=True)
    rectification = models.TextField("整改情况", blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "投诉举报"
        verbose_name_plural = "投诉举报"
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["organisation", "status", "due_on"], name="complaint_queue"),
            models.Index(fields=["organisation", "received_on"], name="complaint_received"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=ComplaintKind.values), name="complaint_kind_valid"),
            models.CheckConstraint(
                condition=~models.Q(status=ComplaintStatus.CLOSED) | ~models.Q(finding=""),
                name="complaint_closed_has_finding",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.subject}"

    def context(self, field: str) -> str:
        return f"complaint:{self.data_id}:{field}"

    def personal(self, field: str) -> str:
        return decrypt(getattr(self, f"{field}_encrypted"), context=self.context(field))
