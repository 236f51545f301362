"""Reconsiderations and lawsuits about an application's handling (条例 第五十一条): the three groups of table 四 of
the annual report."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models


class AppealKind(models.TextChoices):
    """The applicant's remedies (条例 第五十一条), the three groups of table 四 of the annual report."""

    RECONSIDERATION = "reconsideration", "行政复议"
    LAWSUIT_DIRECT = "lawsuit_direct", "行政诉讼（未经复议直接起诉）"
    LAWSUIT_AFTER_RECONSIDERATION = "lawsuit_after", "行政诉讼（复议后起诉）"


class AppealResult(models.TextChoices):
    UPHELD = "upheld", "结果维持"
    CORRECTED = "corrected", "结果纠正"
    OTHER = "other", "其他结果"


class Appeal(models.Model):
    """A reconsideration or lawsuit about an application's handling: counted in table 四 in the year it was filed,
    by its result at the year's end (尚未审结 while undecided)."""

    application = models.ForeignKey("requests_app.Application", on_delete=models.PROTECT, related_name="appeals")
    kind = models.CharField("类别", max_length=20, choices=AppealKind.choices)
    filed_on = models.DateField("申请复议或起诉日期")
    body = models.CharField("复议机关或受理法院", max_length=100, blank=True)
    result = models.CharField("结果", max_length=12, choices=AppealResult.choices, blank=True)
    decided_on = models.DateField("作出决定或判决日期", null=True, blank=True)
    note = models.TextField("说明", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="登记人"
    )
    recorded_at = models.DateTimeField("登记时间", auto_now=True)

    class Meta:
        verbose_name = "行政复议或行政诉讼"
        verbose_name_plural = "行政复议和行政诉讼"
        ordering = ["filed_on", "id"]
        indexes = [models.Index(fields=["filed_on"], name="appeal_filed_on")]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=AppealKind.values), name="appeal_kind_valid"),
            models.CheckConstraint(
                condition=models.Q(result="", decided_on__isnull=True)
                | (~models.Q(result="") & models.Q(decided_on__isnull=False)),
                name="appeal_result_with_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application.number} {self.get_kind_display()}"

    def result_on(self, day: date) -> str:
        """The result as known at the end of `day` ("" while undecided): table 四 reads it at 31 December."""
        return self.result if self.decided_on is not None and self.decided_on <= day else ""
