"""The database itself refuses to change an audit row (append-only security log)."""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER portal_auditevent_no_update BEFORE UPDATE ON portal_auditevent
       BEGIN SELECT RAISE(ABORT, 'portal_auditevent is append-only'); END;""",
]
SQLITE_REVERSE = ["DROP TRIGGER IF EXISTS portal_auditevent_no_update;"]
POSTGRES = [
    """CREATE OR REPLACE FUNCTION portal_auditevent_refuse() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'portal_auditevent is append-only'; END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER portal_auditevent_no_update BEFORE UPDATE OR DELETE ON portal_auditevent
       FOR EACH ROW EXECUTE FUNCTION portal_auditevent_refuse();""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS portal_auditevent_no_update ON portal_auditevent;",
    "DROP FUNCTION IF EXISTS portal_auditevent_refuse();",
]


def forwards(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    statements = {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
