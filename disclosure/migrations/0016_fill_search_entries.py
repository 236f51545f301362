from django.db import migrations


def fill(apps, schema_editor):
    """Search moves from each server's folder into the database: the published items' entries (a migration of
    its own, so that the entries' indexes made by 0015 exist before the rebuild replaces them)."""
    if apps.get_model("disclosure", "Item").objects.filter(status="published").exists():
        from disclosure.search import rebuild

        rebuild()


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0015_search_entries"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
