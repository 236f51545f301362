"""Counts of the published catalogue kept beside it, so that no page or figure counts a million items."""

from __future__ import annotations

from django.db import models

from portal.models import Organisation

from .catalogue import Column


class ItemTally(models.Model):
    """Published items of one column of one organisation's 政府信息公开 column, by publisher and month.

    Kept right by `disclosure.tallies.refresh` inside every publication, revision and withdrawal (recomputed
    from the items of its key under a row lock, so it cannot drift), and rebuilt whole by `rebuild_tallies`."""

    channel = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+", db_index=False)
    column = models.ForeignKey(Column, on_delete=models.CASCADE, related_name="+")
    column_kind = models.CharField(max_length=20)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    month = models.DateField(help_text="the first day of the month of publication")
    published = models.PositiveIntegerField(default=0)
    late = models.PositiveIntegerField(default=0, help_text="published after 20 working days (条例 第二十六条)")

    class Meta:
        verbose_name = "已发布信息计数"
        verbose_name_plural = "已发布信息计数"
        constraints = [
            models.UniqueConstraint(fields=["channel", "column", "organisation", "month"], name="item_tally_key")
        ]
        indexes = [
            models.Index(fields=["channel", "column_kind", "month"], name="item_tally_kind"),
            models.Index(fields=["month", "channel", "column", "published", "late"], name="item_tally_period"),
        ]

    def __str__(self) -> str:
        return f"{self.channel_id}/{self.column_id}/{self.organisation_id}/{self.month:%Y-%m}: {self.published}"


class SitemapPage(models.Model):
    """One page of the items' sitemap: the published items with ids in [number × SIZE, (number + 1) × SIZE), and
    when one of them last changed (its `lastmod` in the sitemap index and the key its cached XML is kept by)."""

    SIZE = 2_000  # the protocol allows 50,000 URLs; a page of 2,000 (200 kB) is built in ~15 ms after a change

    number = models.PositiveIntegerField(primary_key=True)
    changed_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=0, help_text="counts the changes: the key of the cached XML")

    class Meta:
        verbose_name = "站点地图分页"
        verbose_name_plural = "站点地图分页"

    def __str__(self) -> str:
        return f"sitemap-items-{self.number}"
