"""How the catalogue is organised: columns, topics (主题分类) and genres (体裁)."""

from django.db import models


class ColumnKind(models.TextChoices):
    RULES = "rules", "政府信息公开制度"
    STATUTORY = "statutory", "法定主动公开内容"
    ANNUAL_REPORT = "annual_report", "政府信息公开年报"
    NEWS = "news", "工作动态"


class ColumnScope(models.TextChoices):
    ALL = "all", "所有机构"
    TOWNS = "towns", "乡镇人民政府"


class Column(models.Model):
    """A platform-wide column: the same in every organisation's 政府信息公开 column (shared norms)."""

    kind = models.CharField("所属", max_length=20, choices=ColumnKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="上级栏目",
    )
    slug = models.SlugField("网址标识", max_length=40, unique=True)
    name = models.CharField("栏目名称", max_length=60)
    basis = models.CharField("依据", max_length=120, blank=True, help_text="例如：条例第二十条第（一）项")
    description = models.TextField("栏目说明", blank=True)
    empty_text = models.CharField(
        "无内容时的说明", max_length=200, blank=True, help_text="留空时显示“本栏目暂无……信息。”"
    )
    scope = models.CharField("适用机构", max_length=10, choices=ColumnScope.choices, default=ColumnScope.ALL)
    stale_after_days = models.PositiveSmallIntegerField(
        "更新周期（天）",
        null=True,
        blank=True,
        help_text="超过此天数未更新即视为不更新（国办秘函〔2019〕19号：动态类14天，通知公告和政策文件类180天）。",
    )
    position = models.PositiveSmallIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "栏目"
        verbose_name_plural = "栏目"
        ordering = ["kind", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=ColumnKind.values), name="column_kind_valid"),
            models.CheckConstraint(condition=models.Q(scope__in=ColumnScope.values), name="column_scope_valid"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def explanation(self) -> str:
        return self.empty_text or f"本栏目暂无{self.name}信息。"


class Topic(models.Model):
    """主题分类: the subject classification of the State Council's catalogue, platform-wide."""

    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="上级分类",
    )
    name = models.CharField("主题分类", max_length=40)
    slug = models.SlugField("网址标识", max_length=40, unique=True)
    aliases = models.TextField(
        "本地组配分类",
        blank=True,
        help_text="原目录中对应本主题的本地组配分类名称，每行一个；导入原目录时“组配分类”列按此对应到本主题。",
    )
    position = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "主题分类"
        verbose_name_plural = "主题分类"
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.parent.name} › {self.name}" if self.parent_id and self.parent else self.name

    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]


class Genre(models.TextChoices):
    """体裁. Normative documents carry a validity (有效性)."""

    REGULATION = "regulation", "规章"
    NORMATIVE = "normative", "行政规范性文件"
    OTHER_DOCUMENT = "other_document", "其他文件"
    NOTICE = "notice", "通知"
    ANNOUNCEMENT = "announcement", "公告"
    PUBLIC_NOTICE = "public_notice", "公示"
    DECISION = "decision", "决定"
    OPINION = "opinion", "意见"
    MEASURES = "measures", "办法"
    PLAN = "plan", "规划"
    WORK_PLAN = "work_plan", "计划"
    SUMMARY = "summary", "总结"
    REPORT = "report", "报告"
    INTERPRETATION = "interpretation", "政策解读"
    NEWS = "news", "工作动态"
    STATISTICS = "statistics", "统计信息"
    OTHER = "other", "其他"


NORMATIVE_GENRES = {Genre.REGULATION, Genre.NORMATIVE}
