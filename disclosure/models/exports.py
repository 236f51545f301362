"""The whole catalogue as files (CSV, Excel), built in the background and served as they were last completed."""

from __future__ import annotations

from django.db import models

from portal.models import Organisation


class CatalogueExport(models.Model):
    """The last complete export of one organisation's catalogue in one format, and whether a rebuild is due."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "Excel"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    format = models.CharField(max_length=4, choices=Format.choices)
    file_name = models.CharField(max_length=200, blank=True, help_text="under EXPORT_ROOT; empty before the first")
    size = models.PositiveBigIntegerField(default=0)
    rows = models.PositiveIntegerField(default=0)
    built_at = models.DateTimeField(null=True, blank=True)
    build_seconds = models.FloatField(default=0)
    queued = models.BooleanField(default=False, help_text="a rebuild is waiting in the task queue")

    class Meta:
        verbose_name = "目录导出文件"
        verbose_name_plural = "目录导出文件"
        constraints = [models.UniqueConstraint(fields=["organisation", "format"], name="catalogue_export_unique")]

    def __str__(self) -> str:
        return f"{self.organisation_id}.{self.format}"
