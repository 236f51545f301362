"""What search reads: one row per published item, written in the transaction that publishes, revises or
withdraws it (disclosure/search.py says how it is searched)."""

from __future__ import annotations

from typing import Any

from django.db import models

from .items import Item


class PairsField(models.Field):
    """The character pairs of a text, as search.py writes them: a `tsvector` on PostgreSQL (no parser, no
    positions: a pair is a lexeme as it is); on SQLite the pairs as ASCII words that an FTS5 table reads
    from this column (migration 0015 creates it and its triggers)."""

    def db_type(self, connection: Any) -> str:
        return "tsvector" if connection.vendor == "postgresql" else "text"


class SearchEntry(models.Model):
    """A published item as search reads it: its text folded (disclosure/chinese.py), the pairs of characters of
    its title and of all its text for the index, and what the search page filters and sorts by."""

    item = models.OneToOneField(Item, on_delete=models.CASCADE, primary_key=True, related_name="+")
    organisation_id = models.BigIntegerField()
    column_id = models.BigIntegerField()
    topic_id = models.BigIntegerField(null=True)
    genre = models.CharField(max_length=30)
    validity = models.CharField(max_length=10, blank=True)
    publication_date = models.DateField()
    title = models.TextField(help_text="folded")
    text = models.TextField(help_text="folded: title, summary, 文号, 索引号, body, attachments, one per line")
    title_pairs = PairsField()
    pairs = PairsField()

    class Meta:
        verbose_name = "检索条目"
        verbose_name_plural = "检索条目"
        # the newest first, overall and within each filter of the search page (search.py walks these)
        indexes = [
            models.Index(fields=["-publication_date", "-item"], name="search_newest"),
            *(
                models.Index(fields=[name, "-publication_date", "-item"], name=f"search_{name}_newest")
                for name in ("organisation_id", "column_id", "topic_id", "genre", "validity")
            ),
        ]

    def __str__(self) -> str:
        return self.title
