"""Visit figures without tracking people (portal/visits.py): page views per day and page, and each day's
unique visitors, as counts only. No address, cookie or identifier is stored."""

from django.db import models


class PageViews(models.Model):
    day = models.DateField("日期")
    page = models.CharField("页面", max_length=120, help_text="item:<编号>、column:<机构>/<栏目>、home 等。")
    views = models.PositiveIntegerField("浏览次数", default=0)

    class Meta:
        verbose_name = "页面浏览量"
        verbose_name_plural = "页面浏览量"
        constraints = [models.UniqueConstraint(fields=["day", "page"], name="page_views_day_page")]
        indexes = [models.Index(fields=["page", "day"], name="page_views_page_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.page} {self.views}"


class DailyVisitors(models.Model):
    day = models.DateField("日期", primary_key=True)
    visitors = models.PositiveIntegerField("独立用户访问量", default=0)
    views = models.PositiveIntegerField("总访问量", default=0)

    class Meta:
        verbose_name = "每日访问量"
        verbose_name_plural = "每日访问量"

    def __str__(self) -> str:
        return f"{self.day} {self.visitors}/{self.views}"
