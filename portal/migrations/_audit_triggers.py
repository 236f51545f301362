"""The SQLite triggers that keep the audit table append-only (made in 0008): a migration that makes SQLite
rebuild the table drops them, and makes them again with this."""

SQLITE_TRIGGERS = [
    "DROP TRIGGER IF EXISTS portal_auditevent_no_update;",
    "DROP TRIGGER IF EXISTS portal_auditevent_no_delete;",
    """CREATE TRIGGER portal_auditevent_no_update BEFORE UPDATE ON portal_auditevent
       BEGIN SELECT RAISE(ABORT, 'portal_auditevent is append-only'); END;""",
    """CREATE TRIGGER portal_auditevent_no_delete BEFORE DELETE ON portal_auditevent
       WHEN portal_audit_guarded(OLD.at) BEGIN SELECT RAISE(ABORT, 'portal_auditevent is append-only'); END;""",
]


def restore(apps, schema_editor):  # noqa: ANN001, ANN201  (a migration's RunPython)
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_TRIGGERS:
            schema_editor.execute(sql)
