import disclosure.models.search
import django.db.models.deletion
from django.db import migrations, models

# The index over the pairs, which a model cannot declare for both databases (disclosure/search.py keeps the
# same statements for its rebuild).
TABLE = "disclosure_searchentry"
FTS = "disclosure_searchpairs"
INDEX_SQL = {
    "postgresql": [
        f"CREATE INDEX search_pairs ON {TABLE} USING gin (pairs) WITH (fastupdate = off)",
        f"CREATE INDEX search_title_pairs ON {TABLE} USING gin (title_pairs) WITH (fastupdate = off)",
        f"CREATE INDEX search_newest_titles ON {TABLE} (publication_date DESC, item_id DESC) INCLUDE (title)",
    ],
    "sqlite": [
        f"CREATE VIRTUAL TABLE {FTS} USING fts5(title_pairs, pairs, content='{TABLE}', content_rowid='item_id', "
        "tokenize='ascii', detail='column')",
        f"CREATE TRIGGER {FTS}_insert AFTER INSERT ON {TABLE} BEGIN INSERT INTO {FTS}(rowid, title_pairs, pairs) "  # nosec B608
        "VALUES (new.item_id, new.title_pairs, new.pairs); END",
        f"CREATE TRIGGER {FTS}_delete AFTER DELETE ON {TABLE} BEGIN INSERT INTO {FTS}({FTS}, rowid, title_pairs, "  # nosec B608
        "pairs) VALUES ('delete', old.item_id, old.title_pairs, old.pairs); END",
        f"CREATE TRIGGER {FTS}_update AFTER UPDATE ON {TABLE} BEGIN INSERT INTO {FTS}({FTS}, rowid, title_pairs, "  # nosec B608
        "pairs) VALUES ('delete', old.item_id, old.title_pairs, old.pairs); INSERT INTO "
        f"{FTS}(rowid, title_pairs, pairs) VALUES (new.item_id, new.title_pairs, new.pairs); END",
    ],
}


def create_index(apps, schema_editor):
    for sql in INDEX_SQL[schema_editor.connection.vendor]:
        schema_editor.execute(sql)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE {FTS}")  # its triggers go with the entries' table


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0014_sitemap_pages_of_2000"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "item",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="disclosure.item",
                    ),
                ),
                ("organisation_id", models.BigIntegerField()),
                ("column_id", models.BigIntegerField()),
                ("topic_id", models.BigIntegerField(null=True)),
                ("genre", models.CharField(max_length=30)),
                ("validity", models.CharField(blank=True, max_length=10)),
                ("publication_date", models.DateField()),
                ("title", models.TextField(help_text="folded")),
                (
                    "text",
                    models.TextField(help_text="folded: title, summary, 文号, 索引号, body, attachments, one per line"),
                ),
                ("title_pairs", disclosure.models.search.PairsField()),
                ("pairs", disclosure.models.search.PairsField()),
            ],
            options={
                "verbose_name": "检索条目",
                "verbose_name_plural": "检索条目",
                "indexes": [
                    models.Index(fields=["-publication_date", "-item"], name="search_newest"),
                    models.Index(
                        fields=["organisation_id", "-publication_date", "-item"], name="search_organisation_id_newest"
                    ),
                    models.Index(fields=["column_id", "-publication_date", "-item"], name="search_column_id_newest"),
                    models.Index(fields=["topic_id", "-publication_date", "-item"], name="search_topic_id_newest"),
                    models.Index(fields=["genre", "-publication_date", "-item"], name="search_genre_newest"),
                    models.Index(fields=["validity", "-publication_date", "-item"], name="search_validity_newest"),
                ],
            },
        ),
        migrations.RunPython(create_index, drop_index),
    ]
