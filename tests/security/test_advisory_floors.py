"""The installed security-relevant packages are at or above the version their latest known advisory names
(security/advisory_floors.toml; OWASP ASVS 14.2.1, 等保 2.0 §8.1.4.5 漏洞和风险管理)."""

import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from packaging.version import Version

FLOORS = Path(__file__).resolve().parents[2] / "security" / "advisory_floors.toml"


def test_every_installed_package_is_at_or_above_its_advisory_floor() -> None:
    floors = tomllib.loads(FLOORS.read_text(encoding="utf-8"))
    below = []
    for package, entry in floors.items():
        assert entry["advisory"].strip() and Version(entry["floor"]), package  # each floor names its advisory
        try:
            installed = version(package)
        except PackageNotFoundError:
            below.append(f"{package} 未安装")
            continue
        if Version(installed) < Version(entry["floor"]):
            below.append(f"{package} {installed} < {entry['floor']}（{entry['advisory']}）")
    assert not below, "低于安全公告最低版本：" + "；".join(below)


def test_the_floors_cover_the_packages_that_parse_what_strangers_send() -> None:
    """Files, pages and requests from outside pass through these: each must have a floor."""
    floors = tomllib.loads(FLOORS.read_text(encoding="utf-8"))
    assert {"django", "pillow", "cryptography", "lxml", "pypdf", "gunicorn"} <= set(floors)
