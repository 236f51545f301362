"""An organisation's 标准目录: its areas (领域) and in each the 公开事项 it owes (国办发〔2019〕54号)."""

from __future__ import annotations

from django.db import models

from portal.models import Organisation

UNSOURCED = "依据待核"  # written where the project could not source a legal basis, rather than inventing one


class Recurrence(models.TextChoices):
    MONTHLY = "monthly", "每月"
    QUARTERLY = "quarterly", "每季度"
    YEARLY = "yearly", "每年"
    EVENT = "event", "每次发生时"
    STANDING = "standing", "长期公开（变更时更新）"


PERIODIC = (Recurrence.MONTHLY, Recurrence.QUARTERLY, Recurrence.YEARLY)


class DeadlineUnit(models.TextChoices):
    WORKING_DAYS = "working", "工作日"
    DAYS = "days", "日"  # e.g. 预算法 第十四条: 批准后二十日内 (calendar days)


class Audience(models.TextChoices):
    PUBLIC = "public", "全社会"
    GROUP = "group", "特定群体"


class Channel(models.TextChoices):
    WEBSITE = "website", "政府网站"
    SERVICE_CENTRE = "service_centre", "便民服务中心公开栏"
    NEW_MEDIA = "new_media", "两微一端等新媒体"
    VILLAGE_BOARD = "village_board", "村（居）务公开栏"
    READING_POINT = "reading_point", "公开查阅点"


class Area(models.Model):
    """One 领域 of an organisation's catalogue; an area the organisation does not touch says why (未涉及领域说明)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="catalogue_areas", verbose_name="机构"
    )
    name = models.CharField("领域", max_length=40)
    involved = models.BooleanField("本机构涉及", default=True)
    not_involved_note = models.TextField(
        "未涉及领域说明", blank=True, help_text="不涉及本领域的，说明原因，例如“本镇无国有土地上房屋征收工作”。"
    )
    source = models.CharField("来源", max_length=200, blank=True)
    position = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "标准目录领域"
        verbose_name_plural = "标准目录领域"
        ordering = ["organisation", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="catalogue_area_unique"),
            models.CheckConstraint(
                condition=models.Q(involved=True) | ~models.Q(not_involved_note=""), name="catalogue_area_note"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class MatterQuerySet(models.QuerySet["Matter"]):
    def active(self) -> MatterQuerySet:
        """事项 in force: active, in an area the organisation is involved in."""
        return self.filter(is_active=True, area__involved=True)


class Matter(models.Model):
    """A 公开事项: what is published, on what basis, by when, by whom, where and for whom."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="catalogue_matters", verbose_name="机构"
    )
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="matters", verbose_name="领域")
    name = models.CharField("公开事项", max_length=100, help_text="例如：最低生活保障 › 审核确认对象名单。")
    content = models.TextField("公开内容（要素）", blank=True)
    basis = models.TextField("公开依据", default=UNSOURCED)
    deadline_text = models.CharField(
        "公开时限", max_length=120, default="信息形成或者变更之日起20个工作日内", help_text="按标准目录的原文填写。"
    )
    deadline_days = models.PositiveSmallIntegerField("时限天数", default=20)
    deadline_unit = models.CharField(
        "时限单位", max_length=10, choices=DeadlineUnit.choices, default=DeadlineUnit.WORKING_DAYS
    )
    recurrence = models.CharField("更新频次", max_length=10, choices=Recurrence.choices, default=Recurrence.EVENT)
    notice_working_days = models.PositiveSmallIntegerField(
        "公示期（工作日）", null=True, blank=True, help_text="公示类事项的公示期，例如低保对象名单公示7个工作日。"
    )
    publisher = models.CharField("公开主体", max_length=100, blank=True)  # blank: the organisation itself
    channels = models.JSONField("公开渠道", default=list, blank=True)
    audience = models.CharField("公开对象", max_length=10, choices=Audience.choices, default=Audience.PUBLIC)
    column = models.ForeignKey(
        "disclosure.Column",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="对应栏目",
        help_text="起草该栏目的信息时建议选择本事项。",
    )
    keywords = models.CharField(
        "标题关键词", max_length=200, blank=True, help_text="信息名称含其中任一词时建议本事项；以“、”分隔。"
    )
    starts_on = models.DateField("起算日期", help_text="本事项从此日起产生公开义务（通常为目录确定之日）。")
    source = models.CharField("来源", max_length=200, blank=True)
    position = models.PositiveSmallIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    objects = MatterQuerySet.as_manager()

    class Meta:
        verbose_name = "公开事项"
        verbose_name_plural = "公开事项"
        ordering = ["organisation", "area__position", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["area", "name"], name="catalogue_matter_unique"),
            models.CheckConstraint(
                condition=models.Q(recurrence__in=Recurrence.values), name="catalogue_matter_recurrence_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(deadline_unit__in=DeadlineUnit.values), name="catalogue_matter_unit_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(audience__in=Audience.values), name="catalogue_matter_audience_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def sourced_basis(self) -> str:
        """The basis as the public reads it: empty while staff still have to source it (UNSOURCED)."""
        return "" if self.basis.strip() == UNSOURCED else self.basis

    def published_by(self) -> str:
        """The 公开主体: the office named for this 事项, else the organisation whose catalogue it is."""
        return self.publisher or self.organisation.name

    def channel_labels(self) -> list[str]:
        labels = dict(Channel.choices)
        return [labels.get(code, code) for code in self.channels]

    def keyword_list(self) -> list[str]:
        return [w.strip() for w in self.keywords.replace(",", "、").replace("，", "、").split("、") if w.strip()]
