"""Browser tests: Playwright for Python driving the system's Chromium (never a downloaded browser).

Without Chromium they are skipped with the reason shown; in CI (CI=true) a missing browser fails the run.
"""

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from tests.requests_app.conftest import received  # noqa: F401  (applications in known states)

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in this thread; the live server's database work is synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("CI 环境缺少 Chromium：.ci/run 应安装 Debian 的 chromium 和 fonts-noto-cjk。")
        pytest.skip("未找到 Chromium（apt-get install chromium fonts-noto-cjk 后可运行浏览器测试）")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def axe_check() -> Any:
    """Run axe-core on the page; fail on any serious or critical violation, naming it."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page: Any, label: str) -> None:
        results = axe.run(
            page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
        )
        bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        details = [f"{v['id']}: {v['help']} @ {[n['target'] for n in v['nodes']][:3]}" for v in bad]
        assert not bad, f"{label}: {details}"

    return check
