from django.db import migrations


def mark_the_pages(apps, schema_editor):
    """The pages are ranges of 2,000 ids now (were 10,000): count them again."""
    from disclosure.tallies import rebuild_sitemap_pages

    rebuild_sitemap_pages(apps.get_model("disclosure", "Item"), apps.get_model("disclosure", "SitemapPage"))


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0013_filter_list_indexes"),
    ]

    operations = [migrations.RunPython(mark_the_pages, migrations.RunPython.noop)]
