"""Hearings (听证会, 《重大行政决策程序暂行条例》第十六条、第十七条): the notice, the registrations (names and contacts
encrypted at rest), the selection and the participant list, the record and the hearing report."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from portal.crypto import decrypt
from portal.models import Organisation
from portal.storage import private as private_storage

from ..comments.models import ParticipantCategory


class HearingStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    IN_REVIEW = "in_review", "审核中"
    PUBLISHED = "published", "已公告"


class Hearing(models.Model):
    matter = models.ForeignKey("DecisionMatter", on_delete=models.PROTECT, related_name="hearings")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="机构")
    title = models.CharField("听证事项", max_length=200)
    draft_summary = models.TextField("决策草案及说明", help_text="听证的决策草案要点，或注明草案全文见征求意见页面。")
    held_at = models.DateTimeField("举行时间")
    place = models.CharField("地点", max_length=200)
    selection_method = models.TextField("听证参加人遴选办法", help_text="名额、各类别人数、报名条件和遴选方式。")
    seats = models.PositiveSmallIntegerField("参加人名额")
    registration_closes_on = models.DateField("报名截止日期")
    status = models.CharField("状态", max_length=12, choices=HearingStatus.choices, default=HearingStatus.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    selection_note = models.TextField("遴选情况", blank=True)
    list_published_at = models.DateTimeField("参加人名单公布时间", null=True, blank=True, editable=False)
    record = models.FileField(
        "听证笔录", upload_to="hearings/records/", storage=private_storage, max_length=300, blank=True
    )
    record_signed_on = models.DateField("参加人签字确认日期", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "听证会"
        verbose_name_plural = "听证会"
        ordering = ["-held_at", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(seats__gte=1), name="hearing_seats")]

    def __str__(self) -> str:
        return self.title


class Channel(models.TextChoices):
    ONLINE = "online", "网上报名"
    PAPER = "paper", "书面或现场报名"


class HearingRegistration(models.Model):
    """Someone who asked to take part. Contact details stay private; the name and category of those selected
    are published in the participant list (the registration form says so)."""

    hearing = models.ForeignKey(Hearing, on_delete=models.PROTECT, related_name="registrations")
    name_encrypted = models.TextField(editable=False)
    contact_encrypted = models.TextField(editable=False)
    category = models.CharField("类别", max_length=12, choices=ParticipantCategory.choices)
    statement = models.TextField("对决策草案的基本观点", blank=True)
    channel = models.CharField("报名方式", max_length=8, choices=Channel.choices, default=Channel.ONLINE)
    submission_key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    data_id = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    registered_at = models.DateTimeField(auto_now_add=True)
    selected = models.BooleanField("入选", default=False)
    materials_delivered_on = models.DateField("送达听证材料日期", null=True, blank=True)

    class Meta:
        verbose_name = "听证报名"
        verbose_name_plural = "听证报名"
        ordering = ["registered_at", "id"]

    def __str__(self) -> str:
        return f"{self.hearing} · {self.get_category_display()}"

    def context(self, field: str) -> str:
        return f"hearing:{self.data_id}:{field}"

    def personal(self, field: str) -> str:
        return decrypt(getattr(self, f"{field}_encrypted"), context=self.context(field))


class HearingReport(models.Model):
    """听证报告: what was heard and how the opinions will be dealt with, reviewed before it is published."""

    hearing = models.OneToOneField(Hearing, on_delete=models.PROTECT, related_name="report")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    text = models.TextField("听证报告")
    status = models.CharField("状态", max_length=12, choices=HearingStatus.choices, default=HearingStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "听证报告"
        verbose_name_plural = "听证报告"

    def __str__(self) -> str:
        return f"《{self.hearing.title}》听证报告"
