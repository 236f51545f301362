from __future__ import annotations

import string
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

from portal.credit_code import validate_credit_code

phone_validator = RegexValidator(r"^[0-9\-—－()（）\s转]{7,30}$", "请填写正确的电话号码，例如 0730-5180118。")
postcode_validator = RegexValidator(r"^\d{6}$", "邮政编码应为6位数字。")


class OrganisationKind(models.TextChoices):
    COUNTY_GOVERNMENT = "county_government", "县级人民政府"
    TOWN_GOVERNMENT = "town_government", "乡镇人民政府"
    OFFICE = "office", "内设机构"
    VILLAGE = "village", "村（居）委会"


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def with_column(self) -> OrganisationQuerySet:
        return self.filter(runs_own_column=True, is_active=True)


class Organisation(models.Model):
    """A government body on the platform: the county government, a town government, or one of its offices."""

    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="上级机构",
    )
    kind = models.CharField("机构类型", max_length=32, choices=OrganisationKind.choices)
    name = models.CharField("机构全称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=30)
    slug = models.SlugField("网址标识", max_length=40, unique=True, help_text="用于网址，如 shifanzhen。")
    credit_code = models.CharField(
        "统一社会信用代码",
        max_length=18,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_credit_code],
    )
    address = models.CharField("办公地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True, validators=[postcode_validator])
    office_hours = models.CharField("办公时间", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True, validators=[phone_validator])
    fax = models.CharField("传真", max_length=30, blank=True, validators=[phone_validator])
    email = models.EmailField("电子邮箱", blank=True)
    county_government_name = models.CharField(
        "县级人民政府名称",
        max_length=100,
        blank=True,
        help_text="答复书救济途径段落中受理行政复议的县级人民政府；留空时沿用上级机构的设置。",
    )
    complaint_office_name = models.CharField(
        "受理投诉举报的机关",
        max_length=100,
        blank=True,
        help_text="条例第三条、第四十七条：县级人民政府办公室（政府信息公开工作主管部门），如“示例县人民政府办公室”；"
        "留空时沿用上级机构的设置，均未设置时为县级人民政府名称加“办公室”。",
    )
    runs_own_column = models.BooleanField("设有政府信息公开专栏", default=False)
    is_active = models.BooleanField("启用", default=True)
    position = models.PositiveSmallIntegerField("排序", default=0)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = "机构"
        verbose_name_plural = "机构"
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=OrganisationKind.values), name="organisation_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.parent_id and self.pk:
            node: Organisation | None = self.parent
            while node is not None:
                if node.pk == self.pk:
                    raise ValidationError({"parent": "上级机构不能是本机构或其下级机构。"})
                node = node.parent
        if self.kind == OrganisationKind.COUNTY_GOVERNMENT and self.parent_id:
            raise ValidationError({"parent": "县级人民政府没有上级机构。"})

    def ancestors(self) -> list[Organisation]:
        chain: list[Organisation] = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain

    def remedy_government_name(self) -> str:
        """The county-level people's government named in the remedies paragraph of every reply."""
        for node in [self, *self.ancestors()]:
            if node.county_government_name:
                return node.county_government_name
            if node.kind == OrganisationKind.COUNTY_GOVERNMENT:
                return node.name
        return ""

    def complaint_office(self) -> str:
        """Where the applicant may complain (条例 第三条、第四十七条、第五十一条): the county government's office."""
        for node in [self, *self.ancestors()]:
            if node.complaint_office_name:
                return node.complaint_office_name
        government = self.remedy_government_name()
        return f"{government}办公室" if government else "上一级行政机关"


INDEX_PATTERN_FIELDS = {"credit_code", "year", "serial"}


def validate_index_pattern(value: str) -> None:
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(value) if name}
        value.format(credit_code="X" * 18, year=2026, serial=1)
    except (ValueError, KeyError, IndexError) as exc:
        raise ValidationError("索引号格式无法解析，请使用 {credit_code}、{year}、{serial:05d} 占位符。") from exc
    if "serial" not in fields:
        raise ValidationError("索引号格式必须包含流水号 {serial}，否则无法保证唯一。")
    if fields - INDEX_PATTERN_FIELDS:
        raise ValidationError("索引号格式只能使用 {credit_code}、{year}、{serial} 三个占位符。")


class PlatformProfile(models.Model):
    """The platform-wide norms: one row."""

    site_name = models.CharField("网站名称", max_length=100, default="政府信息公开平台")
    home_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="首页展示机构",
        help_text="首页展示其政府信息公开专栏的机构，通常为镇人民政府。",
    )
    host_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="主办单位",
    )
    index_number_pattern = models.CharField(
        "索引号格式",
        max_length=100,
        default="{credit_code}/{year}-{serial:05d}",
        validators=[validate_index_pattern],
        help_text="可用占位符：{credit_code} 统一社会信用代码，{year} 年份，{serial:05d} 5位流水号。",
    )
    annual_report_deadline_month = models.PositiveSmallIntegerField("年报发布截止月", default=1)
    annual_report_deadline_day = models.PositiveSmallIntegerField("年报发布截止日", default=31)
    website_code = models.CharField("网站标识码", max_length=20, blank=True)
    icp_number = models.CharField("ICP备案号", max_length=50, blank=True)
    police_number = models.CharField("公安机关备案号", max_length=50, blank=True)
    identity_mark = models.ImageField(
        "党政机关网站标识", upload_to="platform/", blank=True,
        help_text="机构编制部门核发的“党政机关”网站标识图片（通常为红色图标），显示在每页页脚。",
    )  # fmt: skip
    identity_mark_url = models.URLField(
        "标识验证地址", blank=True,
        help_text="点击标识打开的核验页面，由机构编制部门提供，例如 https://bszs.conac.cn/sitename?method=show&id=…",
    )  # fmt: skip
    mourning_mode = models.BooleanField("哀悼模式（全站灰色）", default=False)

    class Meta:
        verbose_name = "平台设置"
        verbose_name_plural = "平台设置"
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="platform_profile_single_row"),
            models.CheckConstraint(
                condition=models.Q(annual_report_deadline_month__gte=1, annual_report_deadline_month__lte=12),
                name="platform_profile_deadline_month_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(annual_report_deadline_day__gte=1, annual_report_deadline_day__lte=31),
                name="platform_profile_deadline_day_valid",
            ),
        ]

    CACHE_KEY = "platform-profile"
    CACHE_SECONDS = 60  # a change shows at once in the process that saved it, in the others within a minute

    def __str__(self) -> str:
        return self.site_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        from django.core.cache import cache

        super().save(*args, **kwargs)
        cache.delete(self.CACHE_KEY)

    def clean(self) -> None:
        import datetime

        try:
            datetime.date(2025, self.annual_report_deadline_month, self.annual_report_deadline_day)
        except ValueError as exc:
            raise ValidationError({"annual_report_deadline_day": "年报发布截止日期不存在，请核对月和日。"}) from exc

    @property
    def police_code(self) -> str:
        """The digits of the 公安机关备案号 (湘公网安备 43059902000000号), which its registry's query takes."""
        return "".join(c for c in self.police_number if c.isdigit())

    @classmethod
    def load(cls, fresh: bool = False) -> PlatformProfile:
        """The one profile; kept in the cache for the pages (every page reads it), read afresh where a rule
        depends on it (`fresh`, e.g. the index number pattern)."""
        from django.core.cache import cache

        profile = None if fresh else cache.get(cls.CACHE_KEY)
        if profile is None:
            profile, _ = cls.objects.select_related("home_organisation", "host_organisation").get_or_create(pk=1)
            cache.set(cls.CACHE_KEY, profile, cls.CACHE_SECONDS)
        return profile


class PublicChange(models.Model):
    """A counter of changes to what the public pages show, the key their cached HTML is kept under
    (portal/page_cache.py): one row, bumped inside each publication, withdrawal and catalogue edit."""

    changes = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "公开内容变更计数"
        verbose_name_plural = "公开内容变更计数"

    def __str__(self) -> str:
        return str(self.changes)
