"""Comments on a draft (online, or registered by staff from letters, e-mails, in person and meetings), their
answers and the adoption report (意见采纳情况说明), and the 座谈会 / 专家论证会 where opinions were raised.
Commenters' names and contacts are personal data: encrypted at rest (portal.crypto) and never on a public page."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from portal.crypto import decrypt
from portal.models import Organisation
from portal.storage import private as private_storage
from portal.templatetags.portal_tags import cn_date


class AnswerOutcome(models.TextChoices):
    ADOPTED = "adopted", "采纳"
    PARTLY_ADOPTED = "partly", "部分采纳"
    NOT_ADOPTED = "not_adopted", "不采纳"


class CommentSource(models.TextChoices):
    ONLINE = "online", "网上提交"
    LETTER = "letter", "信函"
    EMAIL = "email", "电子邮件"
    IN_PERSON = "in_person", "当面提出"
    MEETING = "meeting", "座谈会、论证会"
    HEARING = "hearing", "听证会"


def comment_file_path(instance: Comment, filename: str) -> str:
    return f"comments/{instance.data_id}/{uuid.uuid4().hex}/{filename}"


class Comment(models.Model):
    consultation = models.ForeignKey("Consultation", on_delete=models.PROTECT, related_name="comments")
    section = models.ForeignKey("Section", on_delete=models.PROTECT, null=True, blank=True, related_name="comments")
    text = models.TextField("意见")
    name_encrypted = models.TextField(blank=True, editable=False)
    contact_encrypted = models.TextField(blank=True, editable=False)
    receipt_hash = models.CharField(max_length=64, unique=True, editable=False)
    submission_key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    data_id = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)
    # comments that came by letter, e-mail, in person or at a meeting are registered by staff
    source = models.CharField("来源", max_length=12, choices=CommentSource.choices, default=CommentSource.ONLINE)
    received_on = models.DateField("收到日期", null=True, blank=True)
    meeting = models.ForeignKey(
        "Meeting", on_delete=models.PROTECT, null=True, blank=True, related_name="comments", verbose_name="会议"
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    attachment = models.FileField(
        "附件", upload_to=comment_file_path, storage=private_storage, max_length=300, blank=True
    )
    attachment_name = models.CharField("附件名称", max_length=200, blank=True)
    # shown on the public page when the consultation publishes comments and staff approved this one
    shown = models.BooleanField("审核后公开", default=False)
    public_text = models.TextField("公开的意见文本", blank=True, editable=False)  # personal data masked
    # the office's answer, drafted privately after closing and published with the adoption report
    outcome = models.CharField("采纳情况", max_length=12, choices=AnswerOutcome.choices, blank=True)
    answer = models.TextField("答复", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    # spam or abuse: kept, never deleted, counted apart and not answered
    spam_reason = models.CharField("标记为无关信息的理由", max_length=200, blank=True)
    spam_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+")  # fmt: skip

    class Meta:
        verbose_name = "意见"
        verbose_name_plural = "意见"
        ordering = ["submitted_at", "id"]
        indexes = [
            models.Index(fields=["consultation", "submitted_at", "id"], name="comment_order"),
            models.Index(fields=["consultation", "shown", "id"], name="comment_shown"),
        ]

    def __str__(self) -> str:
        return f"{self.consultation} #{self.pk}"

    def context(self, field: str) -> str:
        return f"comment:{self.data_id}:{field}"

    @property
    def answered(self) -> bool:
        return bool(self.outcome)

    def personal(self, field: str) -> str:
        return decrypt(getattr(self, f"{field}_encrypted"), context=self.context(field))


class AdoptionStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    IN_REVIEW = "in_review", "审核中"
    PUBLISHED = "published", "已发布"


class AdoptionReport(models.Model):
    """意见采纳情况说明 (《重大行政决策程序暂行条例》第十八条、第三十二条): generated from the answers, edited, reviewed
    and published with them."""

    consultation = models.OneToOneField("Consultation", on_delete=models.PROTECT, related_name="adoption_report")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    text = models.TextField("意见采纳情况说明")
    status = models.CharField("状态", max_length=12, choices=AdoptionStatus.choices, default=AdoptionStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField("发布时间", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "意见采纳情况说明"
        verbose_name_plural = "意见采纳情况说明"

    def __str__(self) -> str:
        return f"关于《{self.consultation.title}》征求意见采纳情况的说明"


class ParticipantCategory(models.TextChoices):
    DEPUTY = "deputy", "人大代表"
    CPPCC = "cppcc", "政协委员"
    ENTERPRISE = "enterprise", "企业代表"
    RESIDENT = "resident", "群众代表"
    EXPERT = "expert", "专家"
    VILLAGE = "village", "村（居）委会代表"
    OTHER = "other", "其他"


class MeetingKind(models.TextChoices):
    SYMPOSIUM = "symposium", "座谈会"
    EXPERT = "expert", "专家论证会"


class Meeting(models.Model):
    """A 座谈会 or 专家论证会: date, place, participants by category, minutes; the opinions raised there are
    comments registered with it (and answered like every other)."""

    consultation = models.ForeignKey("Consultation", on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField("会议类型", max_length=12, choices=MeetingKind.choices)
    held_on = models.DateField("召开日期")
    place = models.CharField("地点", max_length=200)
    # [{"category": ..., "name": ..., "unit": ...}]: who took part, for the record; not published
    participants = models.JSONField("参加人员", default=list)
    minutes = models.TextField("会议纪要")
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "座谈会、论证会"
        verbose_name_plural = "座谈会、论证会"
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{cn_date(self.held_on)}）"

    def counts(self) -> list[tuple[str, int]]:
        labels = dict(ParticipantCategory.choices)
        found: dict[str, int] = {}
        for person in self.participants:
            found[person["category"]] = found.get(person["category"], 0) + 1
        return [(labels.get(key, key), n) for key, n in found.items()]
