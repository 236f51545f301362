"""Public evaluation (社会评议, 条例 第四十七条; seed §五): a citizen says whether an item was useful (one vote per
item per browser, no account), an applicant rates the handling of a replied application from the tracking page,
and staff register the results of an evaluation meeting (评议会) or a questionnaire. Comments stay private; the
results are aggregated per organisation and period on the dashboard."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from portal.models import Organisation
from portal.templatetags.portal_tags import cn_date


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASIC = "basic", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


class ItemVote(models.Model):
    item = models.ForeignKey("disclosure.Item", on_delete=models.CASCADE, related_name="votes")
    channel = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")  # for per-organisation sums
    useful = models.BooleanField("有用")
    voter = models.CharField(max_length=64, editable=False)  # a hash of the browser's random id and the item
    voted_on = models.DateField("评价日期")

    class Meta:
        verbose_name = "信息有用性评价"
        verbose_name_plural = "信息有用性评价"
        constraints = [models.UniqueConstraint(fields=["item", "voter"], name="item_vote_once_per_browser")]
        indexes = [models.Index(fields=["channel", "voted_on"], name="item_vote_period")]

    def __str__(self) -> str:
        return f"{self.item_id} {'有用' if self.useful else '没用'}"


class HandlingRating(models.Model):
    application = models.OneToOneField(
        "requests_app.Application", on_delete=models.CASCADE, related_name="handling_rating"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    satisfaction = models.CharField("对办理的评价", max_length=12, choices=Satisfaction.choices)
    comment = models.TextField("意见", blank=True)  # private: shown to staff only
    rated_on = models.DateField("评价日期")

    class Meta:
        verbose_name = "申请人评价"
        verbose_name_plural = "申请人评价"
        indexes = [models.Index(fields=["organisation", "rated_on"], name="handling_rating_period")]

    def __str__(self) -> str:
        return f"{self.application_id} {self.get_satisfaction_display()}"


class EvaluationSource(models.TextChoices):
    MEETING = "meeting", "评议会"
    QUESTIONNAIRE = "questionnaire", "问卷调查"


class Evaluation(models.Model):
    """The counted result of a 评议会 or questionnaire about an organisation's disclosure work."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="evaluations")
    source = models.CharField("方式", max_length=14, choices=EvaluationSource.choices)
    held_on = models.DateField("日期")
    satisfied = models.PositiveIntegerField("满意")
    basic = models.PositiveIntegerField("基本满意")
    unsatisfied = models.PositiveIntegerField("不满意")
    comments = models.TextField("主要意见", blank=True)  # private
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "社会评议"
        verbose_name_plural = "社会评议"
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.organisation} {self.get_source_display()}（{cn_date(self.held_on)}）"

    @property
    def responses(self) -> int:
        return self.satisfied + self.basic + self.unsatisfied
