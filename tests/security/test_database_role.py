"""On PostgreSQL the portal connects as a role that does not own its tables (docs/deployment.md, "The database
role"): migrations run as the owner, the portal reads and writes through the grants given there, and so it cannot
switch the audit table's triggers off, truncate it or drop them (等保 2.0 §8.1.4.3). Whoever holds only the
portal's credentials therefore cannot rewrite the audit log; the owner's credentials stay off the nodes."""

import secrets
from typing import Any

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

# The grants of docs/deployment.md, for the role the nodes connect as (here a throwaway one).
GRANTS = [
    "GRANT CONNECT ON DATABASE {database} TO {role}",
    "GRANT USAGE ON SCHEMA public TO {role}",
    "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
    "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
]


@pytest.fixture
def portal_role() -> Any:
    """A login role with the documented grants and nothing more, and a connection as it."""
    if connection.vendor != "postgresql":
        pytest.skip("只有 PostgreSQL 区分表的属主和应用连接的角色；SQLite 没有角色。")
    import psycopg

    settings = connection.settings_dict
    role, password = f"portal_app_{secrets.token_hex(4)}", secrets.token_hex(16)
    where = {"host": settings["HOST"], "port": settings["PORT"], "dbname": settings["NAME"]}
    owner = psycopg.connect(**where, user=settings["USER"], password=settings["PASSWORD"] or None, autocommit=True)
    owner.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'")
    for grant in GRANTS:
        owner.execute(grant.format(database=settings["NAME"], role=role))
    app = psycopg.connect(**where, user=role, password=password, autocommit=True)
    yield app
    app.close()
    owner.execute(f"DROP OWNED BY {role}")
    owner.execute(f"DROP ROLE {role}")
    owner.close()


def refused(app: Any, sql: str) -> str:
    import psycopg

    try:
        app.execute(sql)
    except psycopg.Error as error:
        return str(error)
    return ""


def test_the_portals_role_appends_to_the_audit_log_and_can_do_nothing_else_to_it(portal_role: Any) -> None:
    app = portal_role
    app.execute("INSERT INTO portal_auditevent (at, kind, username, role, succeeded, ip_address, target, detail,"
                " previous_hash, row_hash, key_id) VALUES (now(), 'logout', 'probe', '', TRUE, NULL, '', '{}', '',"
                " '', '')")  # fmt: skip
    assert app.execute("SELECT COUNT(*) FROM portal_auditevent WHERE username = 'probe'").fetchone()[0] == 1
    assert "append-only" in refused(app, "UPDATE portal_auditevent SET target = 'changed'")
    assert "append-only" in refused(app, "DELETE FROM portal_auditevent")
    assert "must be owner" in refused(app, "ALTER TABLE portal_auditevent DISABLE TRIGGER USER")
    assert "must be owner" in refused(app, "DROP TRIGGER portal_auditevent_no_update ON portal_auditevent")
    assert "permission denied" in refused(app, "TRUNCATE portal_auditevent")
    assert "permission denied" in refused(app, "SET session_replication_role = replica")
    replace = "CREATE OR REPLACE FUNCTION portal_auditevent_refuse() RETURNS trigger AS $$ BEGIN RETURN OLD; END; $$"
    assert "permission denied" in refused(app, replace + " LANGUAGE plpgsql")
