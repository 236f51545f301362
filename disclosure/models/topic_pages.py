"""专题: curated pages grouping published items, for the publicity the seed asks for (§五)."""

from django.db import models

from portal.models import Organisation

from .items import Item


class TopicPage(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="topic_pages", verbose_name="机构"
    )
    title = models.CharField("专题名称", max_length=100)
    slug = models.SlugField("网址标识", max_length=40)
    introduction = models.TextField("专题介绍")
    items = models.ManyToManyField(Item, through="TopicPageEntry", related_name="topic_pages", verbose_name="信息")
    is_active = models.BooleanField("展示", default=True)
    position = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "专题"
        verbose_name_plural = "专题"
        ordering = ["position", "-id"]
        constraints = [models.UniqueConstraint(fields=["organisation", "slug"], name="topic_page_slug_unique")]

    def __str__(self) -> str:
        return self.title


class TopicPageEntry(models.Model):
    page = models.ForeignKey(TopicPage, on_delete=models.CASCADE, related_name="entries", verbose_name="专题")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="topic_page_entries", verbose_name="信息")
    position = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "专题信息"
        verbose_name_plural = "专题信息"
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["page", "item"], name="topic_page_entry_unique")]

    def __str__(self) -> str:
        return f"{self.page_id}:{self.item_id}"
