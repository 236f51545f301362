"""政府信息公开指南 (条例 第十二条): structured fields per organisation, rendered as a page."""

from django.db import models

from portal.models import Organisation


class Guide(models.Model):
    organisation = models.OneToOneField(
        Organisation, on_delete=models.PROTECT, related_name="guide", verbose_name="机构"
    )
    classification = models.TextField(
        "信息分类与编排体系",
        help_text="本机关主动公开的政府信息如何分类、按什么体系编排（主题分类、体裁、栏目等）。",
    )
    proactive_channels = models.TextField(
        "主动公开的方式", help_text="政府网站、政府信息公开栏、政务服务场所、查阅场所等。"
    )
    reading_places = models.TextField("查阅场所", blank=True, help_text="查阅场所的地址和开放时间（条例第二十五条）。")
    office_name = models.CharField(
        "政府信息公开工作机构", max_length=100, help_text="负责本机关政府信息公开日常工作的机构名称。"
    )
    application_notes = models.TextField(
        "申请须知", blank=True, help_text="除法定要求外需要提醒申请人的事项，例如申请表的领取地点。"
    )
    fee_notes = models.TextField(
        "收费说明",
        blank=True,
        default="行政机关依申请提供政府信息，不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，"
        "行政机关可以按照《政府信息公开信息处理费管理办法》收取信息处理费。",
    )
    supervision = models.TextField(
        "监督和救济",
        blank=True,
        help_text="投诉、举报的受理机关及联系方式（条例第四十七条、第五十一条）。",
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "政府信息公开指南"
        verbose_name_plural = "政府信息公开指南"

    def __str__(self) -> str:
        return f"{self.organisation.name}政府信息公开指南"
