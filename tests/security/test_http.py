"""HTTP hardening (issue 11): staff pages and downloads are never cached; production cookies are __Host- cookies;
`manage.py check` warns when no Chinese font would lay out the PDFs."""

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from portal import checks

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_staff_pages_are_no_store_and_public_pages_are_not(client_for: Any, client: Any, town: Any) -> None:
    assert client_for("editor").get("/staff/")["Cache-Control"] == "no-store"
    assert client_for("sysadmin").get("/admin/")["Cache-Control"] == "no-store"
    assert "no-store" not in client.get("/").get("Cache-Control", "")


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/ysq/track/", "/ysq/town/apply/", "/ysq/town/apply/identity/",
                                  "/ysq/town/apply/check/", "/ysq/track/2026-001-00001/files/1/"])  # fmt: skip
def test_a_citizens_own_application_pages_are_no_store(client: Any, town: Any, path: str) -> None:
    """Filling in (name, ID number) and tracking (notices, provided files): personal data, never cached."""
    assert client.get(path)["Cache-Control"] == "no-store"
    assert "no-store" not in client.get("/ysq/town/").get("Cache-Control", "")


def test_production_cookies_are_host_only_and_secure() -> None:
    key = "dGVzdHMtb25seS1rZXktMzItYnl0ZXMtbG9uZy4uLi4="
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "portal.example.gov.cn",
           "PERSONAL_DATA_KEYS": key, "AUDIT_CHAIN_KEY": key, "DJANGO_SETTINGS_MODULE": "portal.settings"}  # fmt: skip
    code = "import portal.settings as s; print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE)"
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["__Host-sessionid", "__Host-csrftoken", "True"]


def test_check_warns_without_a_chinese_font(monkeypatch: Any) -> None:
    monkeypatch.setattr(checks, "cjk_fonts", list)
    [warning] = checks.chinese_font_installed()
    assert warning.id == "portal.W002" and "fonts-noto-cjk" in (warning.hint or "")


def test_this_machine_has_the_font_ci_installs() -> None:
    if not checks.cjk_fonts() and not os.environ.get("CI"):
        pytest.skip("没有中文字体（apt-get install fonts-noto-cjk）")
    assert checks.chinese_font_installed() == []


@pytest.mark.parametrize(("ci", "outcome"), [("", pytest.skip.Exception), ("true", pytest.fail.Exception)])
def test_pdf_tests_skip_without_a_chinese_font_outside_ci_and_fail_in_ci(
    monkeypatch: Any, request: Any, ci: str, outcome: type[BaseException]
) -> None:
    """A PDF laid out without a CJK font holds boxes: its tests say why they did not run instead of failing
    on garbage text; CI, which installs the font, fails instead."""
    monkeypatch.setattr(checks, "cjk_fonts", list)
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="中文字体"):
        request.getfixturevalue("pdf_support")


@pytest.mark.django_db
def test_a_refused_request_carries_the_security_headers() -> None:
    """400 responses (here a host the portal does not serve) carry the same headers as any page."""
    from django.test import Client

    response = Client(raise_request_exception=False).get("/", HTTP_HOST="evil.example.com")
    assert response.status_code == 400
    assert response["X-Frame-Options"] == "DENY" and response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
