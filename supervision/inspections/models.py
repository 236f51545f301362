"""Checks of disclosure work (检查: scheduled and unscheduled, seed §五) and meetings of the disclosure leadership
group (领导小组会议), each with what it requires: rectifications of an inspection's findings and tasks of a
meeting, with an owner and a due date, followed up until they are closed (条例 第四十七条、第四十八条)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from portal.models import Organisation
from portal.templatetags.portal_tags import cn_date


class InspectionKind(models.TextChoices):
    SCHEDULED = "scheduled", "定期检查"
    UNSCHEDULED = "unscheduled", "不定期检查"


class Inspection(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="inspections", verbose_name="被检查的机构"
    )
    kind = models.CharField("检查类型", max_length=12, choices=InspectionKind.choices)
    held_on = models.DateField("检查日期")
    scope = models.TextField("检查范围", help_text="如：政府信息公开专栏、依申请公开办理、公开栏。")
    inspectors = models.CharField("检查人员", max_length=300)
    findings = models.TextField("发现的问题")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "检查"
        verbose_name_plural = "检查"
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=InspectionKind.values), name="inspection_kind_valid")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.get_kind_display()}（{cn_date(self.held_on)}）"


class LeadershipMeeting(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="leadership_meetings", verbose_name="机构"
    )
    held_on = models.DateField("会议日期")
    attendees = models.TextField("参会人员")
    topics = models.TextField("议题")
    decisions = models.TextField("会议决定")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "公开工作领导小组会议"
        verbose_name_plural = "公开工作领导小组会议"
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.organisation} 领导小组会议（{cn_date(self.held_on)}）"


class FollowUpStatus(models.TextChoices):
    OPEN = "open", "整改中"
    REPORTED = "reported", "已报告完成"
    CLOSED = "closed", "已销号"


class FollowUp(models.Model):
    """A rectification an inspection requires, or a task a leadership meeting sets: the organisation reports it
    done, and the inspector (or, for a meeting's task, the office head) closes it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="follow_ups")
    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, null=True, blank=True, related_name="follow_ups"
    )
    meeting = models.ForeignKey(
        LeadershipMeeting, on_delete=models.CASCADE, null=True, blank=True, related_name="follow_ups"
    )
    requirement = models.TextField("要求")
    owner = models.CharField("责任人或责任科室", max_length=100)
    due_on = models.DateField("完成期限")
    status = models.CharField("状态", max_length=10, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN)
    report = models.TextField("完成情况", blank=True)
    reported_on = models.DateField("报告日期", null=True, blank=True)
    closed_on = models.DateField("销号日期", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "整改和督办事项"
        verbose_name_plural = "整改和督办事项"
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["organisation", "status", "due_on"], name="follow_up_queue")]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(inspection__isnull=True) & models.Q(meeting__isnull=False))
                | (models.Q(inspection__isnull=False) & models.Q(meeting__isnull=True)),
                name="follow_up_one_source",
            )
        ]

    def __str__(self) -> str:
        return self.requirement[:40]

    @property
    def source(self) -> str:
        return "检查整改" if self.inspection_id else "会议督办"
