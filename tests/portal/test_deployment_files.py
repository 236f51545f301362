"""The county's deployment files (deploy/, docs/deployment.md) say only what the portal understands: every
command they run exists, every setting they set is one the settings read (and production's required ones are
there), and the load balancer lets an attachment through and passes the client's address on. The units'
ExecStart lines are run by tests/e2e/test_two_nodes.py."""

import re
import shlex
from pathlib import Path

from django.core.management import get_commands

from disclosure.services import MAX_ATTACHMENT_BYTES

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def manage_commands(text: str) -> list[str]:
    return re.findall(r"manage\.py (\w+)", text)


def test_every_command_the_units_and_cron_run_exists() -> None:
    texts = [
        path.read_text(encoding="utf-8") for path in (*(DEPLOY / "systemd").glob("*.service"), DEPLOY / "portal.cron")
    ]
    named = [command for text in texts for command in manage_commands(text)]
    assert {"db_worker", "review_jobs", "send_outbox", "request_reminders", "erase_personal_data", "build_exports",
            "backup"} <= set(named)  # fmt: skip
    assert set(named) <= set(get_commands())
    node = (DEPLOY / "systemd" / "portal-node.service").read_text(encoding="utf-8")
    start = shlex.split(next(line for line in node.splitlines() if line.startswith("ExecStart=")))
    assert start[1] == "portal.wsgi"


def test_the_environment_file_sets_only_what_the_settings_read_and_all_production_needs() -> None:
    settings_source = (ROOT / "portal" / "settings.py").read_text(encoding="utf-8")
    read = set(re.findall(r'env(?:\.\w+)?\("([A-Z0-9_]+)"', settings_source)) | set(
        re.findall(r'"(S3_[A-Z_]+)"', settings_source)
    )
    lines = (DEPLOY / "portal.env.example").read_text(encoding="utf-8").splitlines()
    given = {line.split("=", 1)[0] for line in lines if line and not line.startswith("#")}
    assert given <= read, given - read
    assert {"DEBUG", "SECRET_KEY", "PERSONAL_DATA_KEYS", "AUDIT_CHAIN_KEY", "ALLOWED_HOSTS", "SITE_URL", "DATABASE_URL",
            "CACHE_URL",
            "S3_ENDPOINT_URL", "S3_ACCESS_KEY", "S3_SECRET_KEY", "S3_BUCKET", "S3_PRIVATE_BUCKET", "BEHIND_PROXY",
            "TRUSTED_PROXIES"} <= given  # fmt: skip


def test_the_load_balancer_passes_an_attachment_and_the_clients_address() -> None:
    conf = (DEPLOY / "nginx" / "portal.conf").read_text(encoding="utf-8")
    size = re.search(r"client_max_body_size (\d+)m;", conf)
    assert size and int(size.group(1)) * 1024 * 1024 >= MAX_ATTACHMENT_BYTES
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in conf
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in conf
    assert len(re.findall(r"^\s*server \S+:8000", conf, re.M)) >= 2
