"""The statutory annual report (条例 第四十九条、第五十条) and the yearly figures it needs that the portal does not
hold (permits, penalties, enforcement, fees)."""

from django.conf import settings
from django.db import models

from portal.models import Organisation


class AnnualFigures(models.Model):
    """Table 二's counts outside the catalogue, entered by staff for an organisation and a year."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="机构")
    year = models.PositiveSmallIntegerField("年度")
    permits = models.PositiveIntegerField("行政许可 本年处理决定数量", default=0)
    penalties = models.PositiveIntegerField("行政处罚 本年处理决定数量", default=0)
    enforcement = models.PositiveIntegerField("行政强制 本年处理决定数量", default=0)
    fees = models.DecimalField("行政事业性收费 本年收费金额（万元）", max_digits=12, decimal_places=4, default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "年度报告填报数据"
        verbose_name_plural = "年度报告填报数据"
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="annual_figures_once")]

    def __str__(self) -> str:
        return f"{self.organisation.short_name} {self.year}"


class Scope(models.TextChoices):
    ITSELF = "itself", "仅本机关"
    WITH_OFFICES = "with_offices", "含所属办公室（站所）"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    IN_REVIEW = "in_review", "审核中"
    PUBLISHED = "published", "已发布"
    SUPERSEDED = "superseded", "已被更正版本替代"


class AnnualReport(models.Model):
    """One version of an organisation's report for a year. Once published its cells are a snapshot: next year's
    二 reads them, and a correction is a new version beside it, with the reason."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="annual_reports", verbose_name="机构"
    )
    year = models.PositiveSmallIntegerField("年度")
    version = models.PositiveSmallIntegerField("版本", default=1)
    scope = models.CharField("统计范围", max_length=20, choices=Scope.choices, default=Scope.ITSELF)
    status = models.CharField("状态", max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    correction_reason = models.TextField("更正理由", blank=True)
    overview = models.TextField("一、总体情况", blank=True)
    problems = models.TextField("五、存在的主要问题及改进情况", blank=True)
    other_matters = models.TextField("六、其他需要报告的事项", blank=True)
    cells = models.JSONField("表格数据（发布时的快照）", default=dict, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="起草人"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "政府信息公开工作年度报告"
        verbose_name_plural = "政府信息公开工作年度报告"
        ordering = ["-year", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "version"], name="annual_report_version_once"),
            models.UniqueConstraint(
                fields=["organisation", "year"],
                condition=models.Q(status="published"),
                name="annual_report_one_published",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return f"{self.organisation.name}{self.year}年政府信息公开工作年度报告"
