"""Published government information (政府信息): items, their attachments, versions and events."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse

from portal.models import AppendOnly, Organisation
from portal.storage import private as private_storage

from .catalogue import Column, Genre, Topic


class ItemStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已送审"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤回"
    MERGED = "merged", "已并入原信息"


class DisclosureAttribute(models.TextChoices):
    PROACTIVE = "proactive", "主动公开"
    ON_APPLICATION = "on_application", "依申请公开"
    NOT_DISCLOSED = "not_disclosed", "不予公开"


# (list, filtered field, index name) of the filter indexes beside item_topic_list
FILTER_LISTS = [
    ("column_kind", "topic", "item_kind_topic_list"),
    ("column", "genre", "item_genre_list"),
    ("column_kind", "genre", "item_kind_genre_list"),
    ("column", "validity", "item_validity_list"),
    ("column_kind", "validity", "item_kind_validity_list"),
    ("column", "organisation", "item_publisher_list"),
    ("column_kind", "organisation", "item_kind_publisher_list"),
]


class Validity(models.TextChoices):
    VALID = "valid", "有效"
    EXPIRED = "expired", "失效"
    REPEALED = "repealed", "废止"


class ItemQuerySet(models.QuerySet["Item"]):
    def published(self) -> ItemQuerySet:
        return self.filter(status=ItemStatus.PUBLISHED)

    def returned(self) -> ItemQuerySet:
        """Drafts that a reviewer sent back, with the reason (the last event of each)."""
        last = ItemEvent.objects.filter(item=models.OuterRef("pk")).order_by("-at", "-id")
        return (
            self.filter(status=ItemStatus.DRAFT)
            .alias(last_action=models.Subquery(last.values("action")[:1]))
            .filter(last_action="return")
            .annotate(return_reason=models.Subquery(last.values("note")[:1]))
        )

    def summary_missing(self) -> ItemQuerySet:
        """Items imported from an old catalogue without 内容概述 (条例 第十二条 asks for one): to be completed."""
        return self.filter(summary="").exclude(status__in=[ItemStatus.WITHDRAWN, ItemStatus.MERGED])

    def for_catalogue(self) -> ItemQuerySet:
        return self.published().select_related("organisation", "channel", "column", "topic")


class Item(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="items", verbose_name="发布机构"
    )
    channel = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        editable=False,
        verbose_name="所在专栏",
        help_text="其政府信息公开专栏展示本信息的机构：发布机构本身，或代其发布的上级机构。",
    )
    column = models.ForeignKey(Column, on_delete=models.PROTECT, related_name="items", verbose_name="栏目")
    column_kind = models.CharField("栏目类别", max_length=20, editable=False)
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, null=True, blank=True, related_name="items", verbose_name="主题分类"
    )
    genre = models.CharField("体裁", max_length=20, choices=Genre.choices)
    title = models.CharField("名称", max_length=200)
    summary = models.TextField("内容概述", max_length=1000)
    body = models.TextField("正文", blank=True)
    body_text = models.TextField("正文纯文本", blank=True, editable=False)
    document_number = models.CharField("文号", max_length=80, blank=True)
    written_date = models.DateField("成文日期")
    changed_date = models.DateField(
        "变更日期",
        null=True,
        blank=True,
        help_text="信息内容发生变更的日期；自该日起20个工作日内应更新（条例第二十六条）。",
    )
    disclosure_attribute = models.CharField(
        "公开属性", max_length=20, choices=DisclosureAttribute.choices, default=DisclosureAttribute.PROACTIVE
    )
    attribute_reason = models.TextField("非主动公开的理由", blank=True)
    validity = models.CharField("有效性", max_length=10, choices=Validity.choices, blank=True)
    validity_changed_on = models.DateField("失效或废止日期", null=True, blank=True)
    interprets = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interpretations",
        verbose_name="解读的文件",
    )
    matter = models.ForeignKey(
        "disclosure.Matter",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="items",
        verbose_name="公开事项",
        help_text="本信息履行的标准目录公开事项（国办发〔2019〕54号）。",
    )
    revision_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name="修订的信息",
    )

    status = models.CharField("状态", max_length=12, choices=ItemStatus.choices, default=ItemStatus.DRAFT)
    index_number = models.CharField("索引号", max_length=80, unique=True, null=True, blank=True, editable=False)
    publication_date = models.DateField("发布日期", null=True, blank=True, editable=False, db_index=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True, editable=False)
    updated_on = models.DateField("更新日期", null=True, blank=True, editable=False)
    publication_working_days = models.PositiveIntegerField(
        "形成至发布的工作日数", null=True, blank=True, editable=False
    )
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True, editable=False)
    withdrawal_reason = models.TextField("撤回原因", blank=True, editable=False)
    version_number = models.PositiveIntegerField("版本", default=1, editable=False)
    legacy_import = models.BooleanField(
        "从原目录导入",
        default=False,
        editable=False,
        help_text="原网站已发布的信息：审核通过后保留原索引号和发布日期。",
    )
    lock_version = models.PositiveIntegerField(default=0, editable=False)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="起草人"
    )
    created_at = models.DateTimeField("起草时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = "政府信息"
        verbose_name_plural = "政府信息"
        ordering = ["-publication_date", "-id"]
        indexes = [
            # Each list page is one ordered range of one of these, whatever the catalogue's size.
            models.Index(fields=["channel", "column", "status", "-publication_date", "-id"], name="item_column_list"),
            models.Index(
                fields=["channel", "column_kind", "status", "-publication_date", "-id"], name="item_kind_list"
            ),
            models.Index(fields=["status", "-publication_date", "-id"], name="item_recent"),
            # a list filtered by one value (a topic, a genre, a validity, a publisher) is one range of one of
            # these, and so is its capped count, however rare the value (a scan of the unfiltered list would read
            # the whole column to find the few rows, or none)
            models.Index(
                fields=["channel", "column", "topic", "status", "-publication_date", "-id"], name="item_topic_list"
            ),
            *(
                models.Index(fields=["channel", by, field, "status", "-publication_date", "-id"], name=name)
                for by, field, name in FILTER_LISTS
            ),
            # the dashboard's counts of a period read this alone: publications per organisation, column and month
            models.Index(
                fields=["status", "publication_date", "channel", "column", "publication_working_days"],
                name="item_period_figures",
            ),
            # the obligations of a 公开事项: its publications by the date the information was formed
            models.Index(
                fields=["matter", "written_date", "publication_date"],
                condition=models.Q(status="published"),
                name="item_matter_obligations",
            ),
            # items published without a 内容概述 (an old catalogue's), counted per organisation on the dashboard
            models.Index(
                fields=["channel", "-publication_date"],
                condition=models.Q(status="published", summary=""),
                name="item_summary_missing",
            ),
        ]
        constraints = [
            # the permanent address /gk/i/<索引号>/ ignores case: …XJ/… and …xj/… are one item
            models.UniqueConstraint(Upper("index_number"), name="item_index_number_ci_unique"),
            models.CheckConstraint(condition=models.Q(status__in=ItemStatus.values), name="item_status_valid"),
            models.CheckConstraint(condition=models.Q(genre__in=Genre.values), name="item_genre_valid"),
            models.CheckConstraint(
                condition=models.Q(disclosure_attribute__in=DisclosureAttribute.values),
                name="item_attribute_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ItemStatus.PUBLISHED)
                | (models.Q(index_number__isnull=False) & models.Q(publication_date__isnull=False)),
                name="item_published_has_index_and_date",
            ),
            models.CheckConstraint(
                condition=models.Q(disclosure_attribute=DisclosureAttribute.PROACTIVE) | ~models.Q(attribute_reason=""),
                name="item_non_public_attribute_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        # the column that shows it: an office publishes through its town's column and has no pages of its own
        return reverse("disclosure:item", args=[self.channel.slug, self.pk])

    @property
    def permanent_url(self) -> str:
        return reverse("disclosure:by-index", args=[self.index_number]) if self.index_number else ""

    @property
    def is_late(self) -> bool:
        """条例 第二十六条: published more than 20 working days after it was formed or changed."""
        from disclosure.rules import PUBLICATION_WORKING_DAYS

        return (self.publication_working_days or 0) > PUBLICATION_WORKING_DAYS


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"attachments/{instance.item_id}/{filename}"


class Attachment(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="attachments", verbose_name="信息")
    file = models.FileField("文件", upload_to=attachment_path, max_length=255)
    name = models.CharField("附件名称", max_length=200)
    content_type = models.CharField("类型", max_length=100, blank=True)
    size = models.PositiveBigIntegerField("大小（字节）", default=0)
    text = models.TextField("提取的文本", blank=True, editable=False)
    position = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class ItemVersion(models.Model):
    """A snapshot of a published item before a change replaced it: the item's history."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="versions", verbose_name="信息")
    version_number = models.PositiveIntegerField("版本")
    snapshot = models.JSONField("内容")
    replaced_at = models.DateTimeField("被替换时间", auto_now_add=True)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name="批准人"
    )

    class Meta:
        verbose_name = "历史版本"
        verbose_name_plural = "历史版本"
        ordering = ["-version_number"]
        constraints = [models.UniqueConstraint(fields=["item", "version_number"], name="item_version_unique")]

    def __str__(self) -> str:
        return f"{self.item_id} v{self.version_number}"


class ItemEvent(AppendOnly):
    """Append-only record of what happened to an item (drafted, submitted, published, changed, withdrawn)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="events", verbose_name="信息")
    action = models.CharField("操作", max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name="操作人"
    )
    at = models.DateTimeField("时间", auto_now_add=True)
    note = models.TextField("说明", blank=True)
    detail = models.JSONField("详情", default=dict, blank=True)

    class Meta:
        verbose_name = "信息记录"
        verbose_name_plural = "信息记录"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.item_id} {self.action} {self.at:%Y-%m-%d %H:%M}"


class IndexSerial(models.Model):
    """The last index-number serial given per organisation and year: numbers are never reused."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="index_serial_unique")]

    def __str__(self) -> str:
        return f"{self.organisation_id}/{self.year}: {self.last}"


class PostingChannel(models.TextChoices):
    BULLETIN_BOARD = "bulletin_board", "政府信息公开栏"
    LEAFLET = "leaflet", "宣传单"
    BOOKLET = "booklet", "小册子"
    READING_ROOM = "reading_room", "查阅场所"


def posting_photo_path(instance: Posting, filename: str) -> str:
    return f"postings/{instance.item_id}/{filename}"


class Posting(models.Model):
    """Where and when an item was put up offline (公开栏, leaflets, booklets, reading rooms)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="postings", verbose_name="信息")
    channel = models.CharField("渠道", max_length=20, choices=PostingChannel.choices)
    place = models.CharField("地点", max_length=100, help_text="例如：东坪村村务公开栏、镇便民服务中心。")
    posted_on = models.DateField("张贴或发放日期")
    removed_on = models.DateField("撤下日期", null=True, blank=True)
    photo = models.FileField(
        "张贴照片",
        upload_to=posting_photo_path,
        storage=private_storage,
        max_length=255,
        blank=True,
        help_text="公开栏张贴现场的照片（JPG 或 PNG），作为已张贴的凭证，不对外公开。",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="记录人"
    )
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "线下公开记录"
        verbose_name_plural = "线下公开记录"
        ordering = ["-posted_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(channel__in=PostingChannel.values), name="posting_channel_valid"),
            models.CheckConstraint(
                condition=models.Q(removed_on__isnull=True) | models.Q(removed_on__gte=models.F("posted_on")),
                name="posting_removed_after_posted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.place} {self.posted_on}"
