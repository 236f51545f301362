"""政府网站工作年度报表: one report per organisation (the site or sub-site it runs) and year."""

from django.conf import settings
from django.db import models

from portal.models import Organisation


class WebsiteReportStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    IN_REVIEW = "in_review", "审核中"
    PUBLISHED = "published", "已公开"


class WebsiteReport(models.Model):
    """The figures counted from the records are frozen into `figures` when the report is drafted (and counted
    again on request while it is a draft); `entered` holds what staff typed. Published, both stay as they are."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="website_reports", verbose_name="机构"
    )
    year = models.PositiveSmallIntegerField("年度")
    status = models.CharField(
        "状态", max_length=12, choices=WebsiteReportStatus.choices, default=WebsiteReportStatus.DRAFT
    )
    figures = models.JSONField("统计数据（编制时计算）", default=dict, blank=True, editable=False)
    computed_at = models.DateTimeField("统计时间", null=True, blank=True, editable=False)
    entered = models.JSONField("填报数据", default=dict, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="编制人"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField("公开时间", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "政府网站工作年度报表"
        verbose_name_plural = "政府网站工作年度报表"
        ordering = ["-year", "organisation__position", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="website_report_once"),
            models.CheckConstraint(
                condition=models.Q(status__in=WebsiteReportStatus.values), name="website_report_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return f"{self.organisation.name}{self.year}年政府网站工作年度报表"
