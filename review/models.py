"""The review queue: configured stages per organisation, one submission per review round, and the
append-only record of every decision (条例 第十七条; regulation.md §3)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from portal.models import AppendOnly, Organisation, Role


class Checklist(models.TextChoices):
    SECRECY = "secrecy", "保密审查和个人信息检查"
    CONTENT = "content", "内容审核"
    FINAL = "final", "终审"


class Stage(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="review_stages", verbose_name="内容所属机构"
    )
    position = models.PositiveSmallIntegerField("顺序")
    name = models.CharField("审核环节", max_length=60)
    decider_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="审核机构"
    )
    decider_role = models.CharField("审核角色", max_length=20, choices=Role.choices)
    checklist = models.CharField("审核要点", max_length=10, choices=Checklist.choices)

    class Meta:
        verbose_name = "审核环节"
        verbose_name_plural = "审核环节"
        ordering = ["organisation", "position"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "position"], name="stage_position_unique"),
            models.CheckConstraint(condition=models.Q(checklist__in=Checklist.values), name="stage_checklist_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"


class SubmissionStatus(models.TextChoices):
    IN_REVIEW = "in_review", "审核中"
    REFERRED = "referred", "已报保密行政管理部门"
    SCHEDULED = "scheduled", "已通过，定时发布"
    PUBLISHED = "published", "已通过并发布"
    RETURNED = "returned", "退回修改"
    REJECTED = "rejected", "不予发布"


OPEN_STATUSES = [SubmissionStatus.IN_REVIEW, SubmissionStatus.REFERRED]


class Batch(models.Model):
    """Content submitted together, such as an imported catalogue: one entry in the queue, decided item by item
    (clean items in bulk), each item with its own submission, checks and record."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="机构")
    title = models.CharField("名称", max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("提交时间", auto_now_add=True)

    class Meta:
        verbose_name = "成批送审"
        verbose_name_plural = "成批送审"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title


class Submission(models.Model):
    """One round of review of one piece of content (an item, later consultation drafts and annual reports)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    content = GenericForeignKey("content_type", "object_id")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="机构")
    title = models.CharField("标题", max_length=200)
    status = models.CharField(
        "状态", max_length=12, choices=SubmissionStatus.choices, default=SubmissionStatus.IN_REVIEW
    )
    stage = models.ForeignKey(
        Stage, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="当前环节"
    )
    stage_entered_at = models.DateTimeField("进入当前环节时间")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)
    publish_by = models.DateField(
        "法定发布期限",
        null=True,
        blank=True,
        help_text="形成或变更之日起20个工作日（条例第二十六条）；原网站已发布、导入审核的内容没有此期限。",
    )
    scheduled_for = models.DateTimeField("定时发布时间", null=True, blank=True)
    hits = models.JSONField("自动检查结果", default=list, blank=True)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    batch = models.ForeignKey(
        Batch, on_delete=models.PROTECT, null=True, blank=True, related_name="submissions", verbose_name="批次"
    )

    class Meta:
        verbose_name = "送审"
        verbose_name_plural = "送审"
        ordering = ["submitted_at", "id"]
        indexes = [models.Index(fields=["status", "stage", "submitted_at"], name="submission_queue")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=SubmissionStatus.values), name="submission_status_valid"
            ),
            # at most one open review round per piece of content
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=models.Q(status__in=["in_review", "referred"]),
                name="submission_one_open_round",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class DecisionKind(models.TextChoices):
    SUBMIT = "submit", "提交审核"
    APPROVE = "approve", "通过"
    RETURN = "return", "退回修改"
    REJECT = "reject", "不予发布"
    REFER = "refer", "报保密行政管理部门"
    ANSWER = "answer", "登记保密部门答复"
    MASK = "mask", "遮盖个人信息"
    OVERRIDE = "override", "申请保留（第一人）"
    CONFIRM_OVERRIDE = "confirm_override", "确认保留（第二人）"
    RESCAN = "rescan", "重新检查"
    SCHEDULE = "schedule", "定时发布"
    PUBLISH = "publish", "发布"


class Decision(AppendOnly):
    """Append-only: who decided what, when, at which stage, with the checklist and comment."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="decisions")
    stage = models.ForeignKey(Stage, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    kind = models.CharField("决定", max_length=20, choices=DecisionKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField("时间", auto_now_add=True)
    comment = models.TextField("意见", blank=True)
    checklist = models.JSONField("审核要点", default=dict, blank=True)
    detail = models.JSONField("详情", default=dict, blank=True)

    class Meta:
        verbose_name = "审核记录"
        verbose_name_plural = "审核记录"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.submission_id} {self.kind}"


class Override(models.Model):
    """Keeping a flagged passage needs a recorded reason and two different reviewers."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="overrides")
    hit_key = models.CharField(max_length=400)
    reason = models.TextField("理由")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["submission", "hit_key"], name="override_unique"),
            models.CheckConstraint(
                condition=models.Q(confirmed_by__isnull=True) | ~models.Q(confirmed_by=models.F("requested_by")),
                name="override_two_people",
            ),
        ]

    def __str__(self) -> str:
        return self.hit_key


class SensitiveWord(models.Model):
    word = models.CharField("敏感词", max_length=50, unique=True)

    class Meta:
        verbose_name = "敏感词"
        verbose_name_plural = "敏感词"

    def __str__(self) -> str:
        return self.word


class WordingRule(models.Model):
    """A miswritten form the platform adds to the shipped list (review/data/wording.tsv): a fixed political
    expression, a place or organisation name often written wrong."""

    wrong = models.CharField("错误写法", max_length=50, unique=True)
    right = models.CharField("正确写法", max_length=50)
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "用字规则"
        verbose_name_plural = "用字规则"

    def __str__(self) -> str:
        return f"{self.wrong} → {self.right}"


class Leader(models.Model):
    """A leader whose name and titles the review checks: a name beside a title not theirs is flagged."""

    name = models.CharField("姓名", max_length=20)
    titles = models.CharField("职务", max_length=200, help_text="多个职务用逗号分隔，如：镇党委书记,镇人大主席")
    is_active = models.BooleanField("在任", default=True)

    class Meta:
        verbose_name = "领导姓名职务"
        verbose_name_plural = "领导姓名职务"

    def __str__(self) -> str:
        return f"{self.name}（{self.titles}）"


class NotificationMode(models.TextChoices):
    IMMEDIATE = "immediate", "每有待审内容即发邮件"
    DIGEST = "digest", "每日汇总一封"


class ReviewerPreference(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_preference")
    mode = models.CharField(
        "邮件提醒", max_length=10, choices=NotificationMode.choices, default=NotificationMode.IMMEDIATE
    )
    digest_sent_on = models.DateField("最近一次每日汇总", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "审核提醒方式"
        verbose_name_plural = "审核提醒方式"

    def __str__(self) -> str:
        return f"{self.user} {self.mode}"
