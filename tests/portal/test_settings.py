"""Settings come from the environment and refuse unsafe production starts (issue 2 §2)."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    unset = {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL",
             "PERSONAL_DATA_KEYS", "AUDIT_CHAIN_KEY", "SITE_URL"}  # fmt: skip
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    clean.update(env, DJANGO_SETTINGS_MODULE="portal.settings")
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


def test_refuses_to_start_without_secret_key_when_debug_is_off() -> None:
    result = run_manage("check", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "p" * 20 + "roduction-secret-key-with-enough-entropy-8f3k2j1h",
    "PERSONAL_DATA_KEYS": "cHJvZHVjdGlvbi1saWtlLWtleS0zMi1ieXRlcy4uLi4=",
    "AUDIT_CHAIN_KEY": "cHJvZHVjdGlvbi1saWtlLWF1ZGl0LWtleS0zMmJ5dGU=",
    "ALLOWED_HOSTS": "gk.example.gov.cn",
    "SITE_URL": "https://gk.example.gov.cn",
}


def test_check_deploy_passes_on_a_migrated_production_deployment(tmp_path: Path) -> None:
    """A deployment script can use `check --deploy --fail-level WARNING`: next year's unconfirmed calendar is a
    reminder (INFO), not a warning that fails it."""
    env = {**PRODUCTION, "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}", "STATIC_ROOT": str(tmp_path)}
    assert run_manage("migrate", "--no-input", **env).returncode == 0
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "portal.I001" in result.stdout + result.stderr  # the calendar reminder is still shown


def test_refuses_to_start_without_the_audit_key_when_debug_is_off() -> None:
    """等保 2.0 §8.1.4.3: the audit log's key is required in production, and never in the database."""
    env = {key: value for key, value in PRODUCTION.items() if key != "AUDIT_CHAIN_KEY"}
    result = run_manage("check", **env)
    assert result.returncode != 0 and "AUDIT_CHAIN_KEY 未设置" in result.stderr


def test_check_deploy_warns_while_site_url_is_the_development_address(tmp_path: Path) -> None:
    """Mailed links would point at 127.0.0.1: the deployment check names SITE_URL."""
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", DEBUG="false",
        SECRET_KEY="p" * 20 + "roduction-secret-key-with-enough-entropy-8f3k2j1h",
        PERSONAL_DATA_KEYS="cHJvZHVjdGlvbi1saWtlLWtleS0zMi1ieXRlcy4uLi4=", ALLOWED_HOSTS="gk.example.gov.cn",
        AUDIT_CHAIN_KEY=PRODUCTION["AUDIT_CHAIN_KEY"], SITE_URL="http://127.0.0.1:8000",
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}", STATIC_ROOT=str(tmp_path / "static"),
    )  # fmt: skip
    assert result.returncode != 0 and "portal.W004" in result.stdout + result.stderr


def test_refuses_to_start_without_the_portals_address_when_debug_is_off() -> None:
    """Mailed links carry SITE_URL: a production start without it would mail links to nowhere."""
    result = run_manage(
        "check", DEBUG="false", SECRET_KEY="p" * 20 + "roduction-secret-key-with-enough-entropy-8f3k2j1h",
        PERSONAL_DATA_KEYS="cHJvZHVjdGlvbi1saWtlLWtleS0zMi1ieXRlcy4uLi4=",
        AUDIT_CHAIN_KEY=PRODUCTION["AUDIT_CHAIN_KEY"],
    )  # fmt: skip
    assert result.returncode != 0 and "SITE_URL 未设置" in result.stderr


def test_language_and_time_zone() -> None:
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.USE_TZ


def test_sqlite_runs_in_wal_mode_with_immediate_transactions() -> None:
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.sqlite3":
        return
    assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]
    assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert db["OPTIONS"]["timeout"] >= 5
