"""Pre-disclosure consultation (预公开, regulation.md §4): a decision matter, its phases and files, the consultation
on its draft and the draft's sections. The comments, meetings and hearings are in comments/models.py and
hearings/models.py, gathered at the end of this module so that Django finds them."""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.db import models

from portal.models import Organisation
from portal.storage import private as private_storage


class MatterKind(models.TextChoices):
    MAJOR_DECISION = "major_decision", "重大行政决策"
    NORMATIVE = "normative", "行政规范性文件"
    OTHER = "other", "其他决策事项"


class DecisionMatter(models.Model):
    """A decision the organisation will take, whose draft the public sees before it is made."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="decision_matters", verbose_name="承办机构"
    )
    title = models.CharField("决策事项名称", max_length=200)
    kind = models.CharField("类别", max_length=20, choices=MatterKind.choices)
    market_related = models.BooleanField(
        "与市场主体生产经营活动密切相关", default=False, help_text="行政规范性文件征求意见期限因此不少于30日。"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "决策事项"
        verbose_name_plural = "决策事项"
        constraints = [models.CheckConstraint(condition=models.Q(kind__in=MatterKind.values), name="matter_kind_valid")]

    def __str__(self) -> str:
        return self.title


class PhaseKind(models.TextChoices):
    """The procedure of a major decision (《重大行政决策程序暂行条例》第十四条至第三十二条), in order."""

    PUBLIC_PARTICIPATION = "participation", "公众参与"
    EXPERT_ARGUMENT = "expert", "专家论证"
    RISK_ASSESSMENT = "risk", "风险评估"
    LEGALITY_REVIEW = "legality", "合法性审查"
    COLLECTIVE_DECISION = "collective", "集体讨论决定"
    PUBLICATION = "publication", "决策公布"


class PhaseStatus(models.TextChoices):
    PENDING = "pending", "未开始"
    IN_PROGRESS = "in_progress", "进行中"
    DONE = "done", "已完成"
    NOT_APPLICABLE = "not_applicable", "不适用"


class Phase(models.Model):
    matter = models.ForeignKey(DecisionMatter, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField("环节", max_length=20, choices=PhaseKind.choices)
    status = models.CharField("状态", max_length=20, choices=PhaseStatus.choices, default=PhaseStatus.PENDING)
    starts_on = models.DateField("开始日期", null=True, blank=True)
    ends_on = models.DateField("完成日期", null=True, blank=True)
    note = models.TextField("情况说明", blank=True, help_text="不适用的，写明理由；已完成的，写明结果。")

    class Meta:
        verbose_name = "决策程序环节"
        verbose_name_plural = "决策程序环节"
        constraints = [models.UniqueConstraint(fields=["matter", "kind"], name="phase_once_per_matter")]

    def __str__(self) -> str:
        return f"{self.matter} · {self.get_kind_display()}"

    @property
    def position(self) -> int:
        return list(PhaseKind.values).index(self.kind)

    def as_of(self, consultation: Consultation, today: date) -> Phase:
        """The phase as pages show it today: 公众参与 is the consultation itself, from its opening day, done once
        its period has ended (nothing is saved when a period ends by its date)."""
        if self.kind != PhaseKind.PUBLIC_PARTICIPATION or consultation.status != ConsultationStatus.PUBLISHED:
            return self
        if self.status in (PhaseStatus.IN_PROGRESS, PhaseStatus.DONE):
            self.starts_on = consultation.opens_on
        if self.status == PhaseStatus.IN_PROGRESS and consultation.closes_on < today:
            self.status = PhaseStatus.DONE
            self.ends_on = self.ends_on or consultation.closes_on
        return self


class ConsultationStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    IN_REVIEW = "in_review", "审核中"
    PUBLISHED = "published", "已发布"  # open and closed by its dates


class Consultation(models.Model):
    matter = models.ForeignKey(DecisionMatter, on_delete=models.PROTECT, related_name="consultations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="consultations", verbose_name="机构"
    )
    title = models.CharField("征求意见稿名称", max_length=200)
    explanation = models.TextField("起草说明")
    how_to_comment = models.TextField(
        "提出意见的方式", help_text="网上提交之外的方式：信函地址、电子邮箱、当面提出的地点和时间等。"
    )
    opens_on = models.DateField("征求意见开始日期")
    closes_on = models.DateField("征求意见截止日期")
    short_reason = models.TextField(
        "期限短于法定最短期限的理由", blank=True, help_text="期限短于规定时必须说明，并在公开页面上显示。"
    )
    status = models.CharField(
        "状态", max_length=12, choices=ConsultationStatus.choices, default=ConsultationStatus.DRAFT
    )
    extended_from = models.DateField("原定截止日期", null=True, blank=True, editable=False)
    extension_reason = models.TextField("延长理由", blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True, editable=False)
    publish_comments = models.BooleanField(
        "公开经审核的意见",
        default=False,
        help_text="选中的，经工作人员逐条审核同意的意见（不含姓名和联系方式）在公开页面上显示。",
    )
    decision_item = models.ForeignKey(
        "disclosure.Item",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name="最终公布的决策",
        editable=False,
    )

    class Meta:
        verbose_name = "意见征集"
        verbose_name_plural = "意见征集"
        ordering = ["-opens_on", "-id"]
        indexes = [models.Index(fields=["organisation", "status", "-closes_on"], name="consultation_list")]
        constraints = [
            models.CheckConstraint(condition=models.Q(closes_on__gte=models.F("opens_on")), name="consultation_dates")
        ]

    def __str__(self) -> str:
        return self.title

    def is_open(self, today: date) -> bool:
        return self.status == ConsultationStatus.PUBLISHED and self.opens_on <= today <= self.closes_on

    def days_left(self, today: date) -> int:
        return (self.closes_on - today).days + 1 if self.is_open(today) else 0


class Section(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField("顺序")
    heading = models.CharField("标题", max_length=200)
    text = models.TextField("内容")

    class Meta:
        verbose_name = "征求意见稿条款"
        verbose_name_plural = "征求意见稿条款"
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["consultation", "position"], name="section_position_once")]

    def __str__(self) -> str:
        return self.heading


def document_path(instance: Document, filename: str) -> str:
    return f"consultations/{instance.matter_id}/{uuid.uuid4().hex}/{filename}"


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", "未公开"
    IN_REVIEW = "in_review", "审核中"
    PUBLISHED = "published", "已公开"


class Document(models.Model):
    """A file of the decision: the draft's attachments and notes (reviewed and published with the consultation),
    or a phase's material (风险评估报告, 专家论证意见 …), reviewed on its own before it is public."""

    matter = models.ForeignKey(DecisionMatter, on_delete=models.CASCADE, related_name="documents")
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, null=True, blank=True, related_name="documents"
    )
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, null=True, blank=True, related_name="documents")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    name = models.CharField("文件名称", max_length=200)
    file = models.FileField("文件", upload_to=document_path, storage=private_storage, max_length=300)
    size = models.PositiveBigIntegerField("大小（字节）", default=0)
    text = models.TextField("提取的文本", blank=True, editable=False)
    status = models.CharField("状态", max_length=12, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "决策材料"
        verbose_name_plural = "决策材料"
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(consultation__isnull=True) | models.Q(phase__isnull=True), name="document_one_place"
            )
        ]

    def __str__(self) -> str:
        return self.name


from .comments.models import (  # noqa: E402, F401
    AdoptionReport,
    AdoptionStatus,
    AnswerOutcome,
    Comment,
    CommentSource,
    Meeting,
    MeetingKind,
    ParticipantCategory,
    comment_file_path,
)
from .hearings.models import Channel, Hearing, HearingRegistration, HearingReport, HearingStatus  # noqa: E402, F401
from .questions.models import Question, QuestionEvent  # noqa: E402, F401
