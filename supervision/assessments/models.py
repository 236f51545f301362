"""Year-end assessment (年终考核, seed §五; 条例 第四十七条): indicators with weights and scoring rules, some computed
from the records (with the evidence behind each score), some scored by inspectors with a note; a score sheet per
organisation, a ranking, and the accountability records (责任追究) the year gave rise to. The results feed
section 一 of the annual report (第五十条第四项)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from portal.models import Organisation


class Rule(models.TextChoices):
    """How a computed indicator turns the year's figures into points (out of the indicator's weight)."""

    ON_TIME = "on_time", "按期答复率 × 分值（无办结申请的得满分）"
    LATE = "late", "每有1条超过20个工作日公开扣1分"
    BLANK = "blank", "空白栏目达到5个得0分，否则每个扣2分"
    STALE = "stale", "每个不更新栏目扣2分"
    COMPLAINTS = "complaints", "每件成立或部分成立的投诉举报扣5分"
    REPORT = "report", "上年度报告按期发布得满分，逾期或未发布得0分"
    CONSULTATION = "consultation", "意见答复率 × 分值（无意见征集的得满分）"
    SATISFACTION = "satisfaction", "社会评议满意率 × 分值（无评议的得满分）"
    INTERACTION = "interaction", "政务咨询按期答复率 × 分值，有超过3个月未答复的得0分（无咨询的得满分）"
    OBLIGATIONS = "obligations", "标准目录事项按时公开率 × 分值，每个应公开未公开的事项再扣1分（无到期事项的得满分）"
    INTERPRETATION = "interpretation", "行政规范性文件按时解读率 × 分值（无到期文件的得满分）"
    SCORED = "scored", "由检查人员评分并说明"


class Indicator(models.Model):
    code = models.SlugField("代码", max_length=30, unique=True)
    name = models.CharField("指标", max_length=100)
    weight = models.PositiveSmallIntegerField("分值")
    rule = models.CharField("评分规则", max_length=20, choices=Rule.choices)
    position = models.PositiveSmallIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "考核指标"
        verbose_name_plural = "考核指标"
        ordering = ["position", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(rule__in=Rule.values), name="indicator_rule_valid")]

    def __str__(self) -> str:
        return f"{self.name}（{self.weight}分）"


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", "评分中"
    FINAL = "final", "已定档"


class Assessment(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="assessments")
    year = models.PositiveSmallIntegerField("年度")
    status = models.CharField("状态", max_length=8, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT)
    total = models.DecimalField("总分", max_digits=5, decimal_places=1, default=0)
    finalised_on = models.DateField("定档日期", null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "年终考核"
        verbose_name_plural = "年终考核"
        ordering = ["-year", "-total", "id"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="assessment_once_a_year")]

    def __str__(self) -> str:
        return f"{self.organisation.name}{self.year}年度政府信息公开工作考核"


class Score(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField("得分", max_digits=4, decimal_places=1)
    evidence = models.TextField("依据", blank=True)  # the figures a computed score came from
    note = models.TextField("评分说明", blank=True)  # an inspector's reason for a scored indicator
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "考核得分"
        verbose_name_plural = "考核得分"
        constraints = [models.UniqueConstraint(fields=["assessment", "indicator"], name="score_once")]

    def __str__(self) -> str:
        return f"{self.indicator.name}：{self.points}"


class Accountability(models.Model):
    """责任追究: who was held to account, for what, and the measure taken."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="accountabilities")
    year = models.PositiveSmallIntegerField("年度")
    person = models.CharField("责任人", max_length=100)
    matter = models.TextField("事由")
    measure = models.CharField("处理措施", max_length=200, help_text="如：约谈、通报批评、责令书面检查。")
    decided_on = models.DateField("决定日期")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "责任追究"
        verbose_name_plural = "责任追究"
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return f"{self.person}：{self.measure}"
