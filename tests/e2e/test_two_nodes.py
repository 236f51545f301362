"""Two application nodes, one platform (design.md "Many nodes"; docs/deployment.md): two gunicorn nodes A and B,
each with its own local folders as two machines would have, one task worker, one PostgreSQL, one Redis and an
S3-compatible object store (moto's server on the loopback address). Driven over HTTP as people use it: an item
published through the three review stages across the nodes with an attachment uploaded on A and read from B; an
online application whose upload reaches B and whose submission reaches A, opened by the case officer on B; the
catalogue's files built once by the worker and served by B; a backup that holds the objects."""

import json
import os
import shlex
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import requests
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from disclosure.models import Attachment, Column, Item
from portal.pdf import render_pdf
from requests_app.models import Application
from tests.requests_app.test_intake import ANSWERS

from .test_review_journey import approve_stage, sign_in

pytestmark = pytest.mark.django_db(transaction=True)  # the nodes read what the test has committed

ROOT = Path(__file__).resolve().parents[2]
REDIS = "redis://127.0.0.1:6379/14"


def unit_command(unit: str, **replaced: str) -> list[str]:
    """The ExecStart of one of deploy/systemd's units, run from this checkout: the program by this Python, the
    options named in `replaced` (--bind, --workers) given the test's values."""
    text = (ROOT / "deploy" / "systemd" / unit).read_text(encoding="utf-8")
    command = shlex.split(next(line for line in text.splitlines() if line.startswith("ExecStart=")).split("=", 1)[1])
    program, arguments = Path(command[0]).name, command[1:]
    for option, value in replaced.items():
        arguments[arguments.index(f"--{option}") + 1] = value
    return [sys.executable, *(["-m", "gunicorn"] if program == "gunicorn" else []), *arguments]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def database_url() -> str:
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )


def wait_for(address: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"节点未能启动：{log.read_text(encoding='utf-8', errors='replace')[-3000:]}")
        try:
            if requests.get(address + "/", timeout=10).status_code == 200:
                return
        except (requests.ConnectionError, requests.Timeout):
            pass
        time.sleep(0.3)
    pytest.fail(f"节点 {address} 60 秒内没有响应")


@pytest.fixture
def nodes(buckets: SimpleNamespace, town: Any, personas: Any, calendar: None, tmp_path: Path,
          settings: Any) -> Iterator[SimpleNamespace]:  # fmt: skip
    if connection.vendor != "postgresql":
        pytest.skip("several nodes share one PostgreSQL (DATABASE_URL=postgres://…)")
    import redis

    try:
        redis.Redis.from_url(REDIS).flushdb()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail("CI 环境应有 Redis（127.0.0.1:6379）。")
        pytest.skip("本机没有运行 Redis（127.0.0.1:6379）")
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS}}
    shared = {
        **os.environ, **buckets.environment, "DJANGO_SETTINGS_MODULE": "tests.node_settings", "DEBUG": "false",
        "DATABASE_URL": database_url(), "CACHE_URL": REDIS, "ALLOWED_HOSTS": "127.0.0.1",
        "SESSION_COOKIE_SECURE": "false", "CSRF_COOKIE_SECURE": "false",  # plain HTTP on the loopback address
    }  # fmt: skip
    processes: list[subprocess.Popen[bytes]] = []
    addresses, folders = {}, {}
    try:
        for name in ("a", "b"):
            own = tmp_path / f"node-{name}"
            folders[name] = own
            environment = {**shared, "MEDIA_ROOT": str(own / "media"), "PRIVATE_MEDIA_ROOT": str(own / "private"),
                           "EXPORT_ROOT": str(own / "exports")}  # fmt: skip
            port = free_port()
            log = tmp_path / f"node-{name}.log"
            processes.append(subprocess.Popen(
                unit_command("portal-node.service", bind=f"127.0.0.1:{port}", workers="2"),
                cwd=ROOT, env=environment, stdout=log.open("wb"), stderr=subprocess.STDOUT,
            ))  # fmt: skip
            addresses[name] = f"http://127.0.0.1:{port}"
            wait_for(addresses[name], processes[-1], log)
            if name == "a":  # the worker runs beside node A, with A's folders
                processes.append(subprocess.Popen(
                    unit_command("portal-worker.service", interval="0.2"),
                    cwd=ROOT, env=environment, stdout=(tmp_path / "worker.log").open("wb"), stderr=subprocess.STDOUT,
                ))  # fmt: skip
        yield SimpleNamespace(a=addresses["a"], b=addresses["b"], folders=folders)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=20)


def publish(page: Any, nodes: SimpleNamespace, title: str, attachment: bytes | None = None) -> Item:
    """Drafted and uploaded on A, the three review stages on B, A and B."""
    sign_in(page, nodes.a, "editor")
    page.goto(nodes.a + "/staff/items/new/")
    page.get_by_label("栏目").select_option(str(Column.objects.get(slug="shjz").pk))
    page.get_by_label("体裁").select_option("notice")
    page.get_by_label("名称").fill(title)
    page.get_by_label("成文日期").fill("2026-11-20")
    page.get_by_label("内容概述").fill("组织开展冬季送温暖活动。")
    page.get_by_label("正文").fill("各村：请组织走访困难群众。")
    page.get_by_role("button", name="保存草稿").click()
    if attachment is not None:
        page.get_by_label("附件", exact=True).set_input_files(
            files=[{"name": "走访名单说明.pdf", "mimeType": "application/pdf", "buffer": attachment}]
        )
        page.get_by_role("button", name="上传", exact=True).click()
        assert page.get_by_text("走访名单说明").first.is_visible()
    page.get_by_role("button", name="提交审核").click()
    assert page.get_by_text("已提交审核").is_visible()
    for base, reviewer in ((nodes.b, "reviewer"), (nodes.a, "social_reviewer"), (nodes.b, "office_head")):
        sign_in(page, base, reviewer)
        approve_stage(page, base, title)
    return Item.objects.get(title=title)


def csrf_post(session: requests.Session, address: str, data: dict[str, str], **kwargs: Any) -> requests.Response:
    session.get(address)
    return session.post(address, data={**data, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
                        allow_redirects=False, **kwargs)  # fmt: skip


def build_tasks() -> int:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path="disclosure.tasks.build_exports").count()


def test_a_platform_of_two_nodes_keeps_nothing_on_one_node_that_the_other_needs(
    nodes: SimpleNamespace, page: Any, buckets: SimpleNamespace, tmp_path: Path
) -> None:
    title = "关于开展冬季送温暖活动的通知"
    pdf = render_pdf("<p>走访名单说明：各村按户登记。</p>")
    item = publish(page, nodes, title, attachment=pdf)
    attachment = Attachment.objects.get(item=item)
    assert attachment.file.name in buckets.public()
    with attachment.file.open("rb") as handle:
        kept = handle.read()  # the published copy: the PDF without its document properties
    assert kept.startswith(b"%PDF") and b"/Producer" not in kept
    for base in (nodes.a, nodes.b):  # uploaded on A, read from either
        response = requests.get(f"{base}/gk/attachment/{attachment.pk}/", timeout=10)
        assert response.status_code == 200 and response.content == kept
        assert title in requests.get(base + item.get_absolute_url(), timeout=10).text

    # the worker builds the catalogue's files once; B serves them, and its requests ask for no build
    deadline = time.monotonic() + 60
    while requests.get(nodes.b + "/gk/town/catalogue.csv", timeout=10).status_code != 200:
        assert time.monotonic() < deadline, (tmp_path / "worker.log").read_text(errors="replace")[-3000:]
        time.sleep(0.5)
    asked = build_tasks()
    assert asked <= 1
    for _ in range(10):
        response = requests.get(nodes.b + "/gk/town/catalogue.csv", timeout=10)
        assert response.status_code == 200 and title in response.content.decode("utf-8-sig")
    assert build_tasks() == asked and [key for key in buckets.public() if key.startswith("exports/town/")]

    # an online application: the upload reaches B, the submission A; the case officer opens it on B
    citizen = requests.Session()
    for step, answers in ANSWERS:
        address = nodes.b + reverse("requests_app:apply-step", args=["town", step])
        assert csrf_post(citizen, address, answers).status_code == 302, step
    upload = nodes.b + reverse("requests_app:apply-step", args=["town", "attachments"])
    sent = csrf_post(citizen, upload, {"upload": "1"}, files={"uploads": ("身份证.pdf", pdf, "application/pdf")})
    assert sent.status_code == 302 and [key for key in buckets.private() if key.startswith("pending/")]
    check = nodes.a + reverse("requests_app:apply-check", args=["town"])
    assert csrf_post(citizen, check, {"agree": "on"}).status_code == 302
    application = Application.objects.get()
    stored = application.attachments.get()
    sign_in(page, nodes.b, "case_officer")
    page.goto(f"{nodes.b}/staff/ysq/{application.pk}/")
    assert page.get_by_text(application.number).first.is_visible()
    download = page.request.get(f"{nodes.b}/staff/ysq/attachments/{stored.pk}/")
    assert download.status == 200 and download.body() == pdf

    # nothing either node needs lies in the other's folders
    kept = [
        p for folder in nodes.folders.values() for p in folder.rglob("*") if p.is_file() and "search" not in p.parts
    ]
    assert kept == []

    # a backup holds the objects of both buckets, and its restore check passes
    call_command("backup", output=tmp_path / "backups", stdout=StringIO())
    (folder,) = (tmp_path / "backups").iterdir()
    files = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert f"media/{attachment.file.name}" in files and f"private/{stored.file.name}" in files
    out = StringIO()
    call_command("restore_check", folder, stdout=out)
    assert "恢复检查通过" in out.getvalue()


def test_an_item_published_on_one_node_is_found_on_every_node_at_once(nodes: SimpleNamespace, page: Any) -> None:
    """Search reads the database: the final approval on B makes the item findable on A and B, anonymous or
    signed in, and the empty result B kept for the query before is not served afterwards by either node."""
    title = "示例镇2026年冬季道路养护公告"
    for base in (nodes.b, nodes.a):  # each node keeps the page of no result
        assert "没有找到" in requests.get(base + "/search/", params={"q": "道路养护"}, timeout=10).text
    address = publish(page, nodes, title).get_absolute_url()
    for base in (nodes.b, nodes.a):
        assert address in requests.get(base + "/search/", params={"q": "道路养护"}, timeout=10).text
        page.goto(base + "/search/?q=" + "道路养护")  # signed in as the office head: a page built for them
        assert page.get_by_role("link", name=title).first.is_visible()
