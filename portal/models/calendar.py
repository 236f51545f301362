"""The working-day calendar (regulation.md §1.3): a maintained table, one row per adjusted day."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models


class Origin(models.TextChoices):
    PACKAGE = "package", "软件包预置"
    ADMIN = "admin", "管理员录入"


class CalendarYear(models.Model):
    year = models.PositiveSmallIntegerField("年份", primary_key=True)
    confirmed = models.BooleanField(
        "已确认", default=False, help_text="已按国务院办公厅当年放假安排通知核对无误后勾选。"
    )
    source = models.CharField("依据", max_length=200, blank=True, help_text="例如：国办发明电〔2026〕X号")
    origin = models.CharField("来源", max_length=10, choices=Origin.choices, default=Origin.ADMIN)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="更新人",
    )

    class Meta:
        verbose_name = "工作日历年度"
        verbose_name_plural = "工作日历年度"
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(condition=models.Q(year__gte=2000, year__lte=2100), name="calendar_year_range"),
            models.CheckConstraint(condition=models.Q(origin__in=Origin.values), name="calendar_year_origin_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.year}年"


class AdjustmentKind(models.TextChoices):
    HOLIDAY = "holiday", "法定节假日（放假）"
    WORKDAY = "workday", "调休上班日"


class CalendarAdjustment(models.Model):
    """A day that differs from the Monday-to-Friday rule: a holiday, or a weekend day made a working day."""

    calendar_year = models.ForeignKey(
        CalendarYear, on_delete=models.CASCADE, related_name="adjustments", verbose_name="年度"
    )
    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=AdjustmentKind.choices)
    name = models.CharField("节日名称", max_length=60)
    origin = models.CharField("来源", max_length=10, choices=Origin.choices, default=Origin.ADMIN)

    class Meta:
        verbose_name = "放假调休日"
        verbose_name_plural = "放假调休日"
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=AdjustmentKind.values), name="calendar_adjustment_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(origin__in=Origin.values), name="calendar_adjustment_origin_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()} {self.name}"

    def clean(self) -> None:
        if self.date and self.calendar_year_id and self.date.year != self.calendar_year_id:
            raise ValidationError({"date": f"日期不在 {self.calendar_year_id} 年内。"})
        if self.date and self.kind == AdjustmentKind.WORKDAY and self.date.weekday() < 5:
            raise ValidationError({"kind": "调休上班日只能是星期六或星期日；工作日本来就上班。"})
