"""Load under a mail outage (issue 11): 20 concurrent users for 2 minutes against gunicorn on SQLite, mixing
pages, searches and complete online applications, while the mail server is unreachable; then the mail server
comes back and every queued message must be delivered.

    python bench/load.py                       # 20 users, 120 s, 4 gunicorn workers, loopback only
    python bench/load.py --users 5 --seconds 20

Prints throughput and latency per kind of request (beside a baseline: a static file served in the same run),
the error count (target 0, and no "database is locked" in the server's log), whether stored applications =
successful submissions, and whether every queued mail was delivered once the mail server is back. All traffic
stays on 127.0.0.1. The limits per address (online applications per hour, the proof-of-work challenge) are
raised for the run: every virtual citizen comes from the one loopback address.
"""

from __future__ import annotations

import argparse
import asyncio
import http.cookiejar
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
parser = argparse.ArgumentParser()
parser.add_argument("--users", type=int, default=20)
parser.add_argument("--seconds", type=int, default=120)
parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
parser.add_argument("--workdir", default=str(Path(tempfile.mkdtemp(prefix="portal-load-"))))
args = parser.parse_args()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


PORT, SMTP_PORT = free_port(), free_port()
workdir = Path(args.workdir)
ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "portal.settings",
    "DEBUG": "false",
    "DATABASE_URL": f"sqlite:///{workdir}/load.sqlite3",
    "MEDIA_ROOT": str(workdir / "media"),
    "PRIVATE_MEDIA_ROOT": str(workdir / "private"),
    "STATIC_ROOT": str(workdir / "static"),
    "SECRET_KEY": "load-bench-only-key-0123456789abcdefghijklmnopqrstuvwxyz",
    "PERSONAL_DATA_KEYS": "bG9hZC1iZW5jaC1vbmx5LWtleS0zMi1ieXRlcy4uLi4=",
    "AUDIT_CHAIN_KEY": "YmVuY2gtb25seS1hdWRpdC1rZXktMzItYnl0ZXMuLi4=",
    "SITE_URL": "http://127.0.0.1:8000",
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "false",
    "SESSION_COOKIE_SECURE": "false",
    "CSRF_COOKIE_SECURE": "false",
    "SECURE_HSTS_SECONDS": "0",
    "EMAIL_URL": f"smtp://127.0.0.1:{SMTP_PORT}",  # nothing listens there until the end
    "APPLICATIONS_PER_ADDRESS_HOUR": "1000000",
    "CHALLENGE_AFTER": "1000000",
    "STAFF_SECOND_FACTOR": "false",
}
os.environ.update(ENV)
PY = sys.executable
BASE = f"http://127.0.0.1:{PORT}"
ORG = "shifanzhen"
QUERIES = ["低保", "森林防火", "公开", "补贴", "政府信息公开", "安全生产", "2026年", "财政 预算"]
ANSWERS = [
    ("kind", {"kind": "disclosure"}),
    ("applicant", {"applicant_type": "person"}),
    ("identity", {"name": "李四", "id_type": "resident_id", "id_number": "11010519491231002X"}),
    ("contact", {"phone": "13912345678", "email": "lisi@example.com", "address": "示例镇和平村3组", "postcode": ""}),
    ("information", {"description": "2026年示例镇低保对象名单", "information_title": "", "document_number": "",
                     "purpose": ""}),
    ("provision", {"form": "electronic", "way": "email"}),
    ("attachments", {}),
]  # fmt: skip


def manage(*command: str) -> None:
    subprocess.run([PY, "manage.py", *command], cwd=ROOT, env=ENV, check=True, stdout=subprocess.DEVNULL)


class Citizen:
    """One browser: its own cookies, reading pages and applying online."""

    def __init__(self) -> None:
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(BASE + path, timeout=60) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def post(self, path: str, form: dict[str, str], token: str) -> tuple[int, str]:
        data = urllib.parse.urlencode({**form, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(BASE + path, data=data, headers={"Referer": BASE + path})
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")


def token_of(page: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    return found.group(1) if found else ""


results: dict[str, list[float]] = defaultdict(list)
errors: list[str] = []
submitted: list[str] = []
lock = threading.Lock()


def timed(kind: str, call: Callable[..., tuple[int, str]], *arguments: Any) -> tuple[int, str]:
    started = time.perf_counter()
    status, body = call(*arguments)
    with lock:
        results[kind].append(time.perf_counter() - started)
        if status >= 500 or status == 0:
            errors.append(f"{kind} {status}")
    return status, body


def apply_online(citizen: Citizen) -> None:
    status, page = timed("apply", citizen.get, f"/ysq/{ORG}/apply/{ANSWERS[0][0]}/")
    for step, answers in ANSWERS:
        status, page = timed("apply", citizen.post, f"/ysq/{ORG}/apply/{step}/", answers, token_of(page))
        if status != 200:
            return
    status, page = timed("apply", citizen.get, f"/ysq/{ORG}/apply/check/")
    status, page = timed("apply", citizen.post, f"/ysq/{ORG}/apply/check/", {"agree": "on"}, token_of(page))
    number = re.search(r"申请编号<br><strong>([^<]+)</strong>", page)
    if status == 200 and number:
        with lock:
            submitted.append(number.group(1))
    else:
        with lock:
            errors.append(f"apply: no confirmation ({status})")


def user(stop_at: float, item_paths: list[str]) -> None:
    citizen = Citizen()
    while time.monotonic() < stop_at:
        roll = random.random()
        try:
            if roll < 0.05:  # the baseline: a static file, the floor of what the server can do under this load
                timed("baseline", citizen.get, "/static/css/site.css")
            elif roll < 0.55:
                timed("page", citizen.get, random.choice(["/", f"/gk/{ORG}/", f"/ysq/{ORG}/", *item_paths]))
            elif roll < 0.85:
                timed("search", citizen.get, f"/search/?q={urllib.parse.quote(random.choice(QUERIES))}")
            else:
                apply_online(citizen)
        except OSError as error:
            with lock:
                errors.append(f"connection: {error}")


class SmtpSink:
    """A mail server that accepts everything (the outage is over)."""

    def __init__(self) -> None:
        self.received = 0
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        asyncio.run_coroutine_threadsafe(self._start(), self.loop).result()

    async def _start(self) -> None:
        self.server = await asyncio.start_server(self._session, "127.0.0.1", SMTP_PORT)

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(b"220 localhost ESMTP\r\n")
        while line := await reader.readline():
            verb = line[:4].upper()
            if verb == b"DATA":
                writer.write(b"354 end with .\r\n")
                await writer.drain()
                while (await reader.readline()) not in (b".\r\n", b""):
                    pass
                self.received += 1
                writer.write(b"250 queued\r\n")
            elif verb == b"QUIT":
                writer.write(b"221 bye\r\n")
                break
            else:
                writer.write(b"250 ok\r\n")
            await writer.drain()
        writer.close()


def main() -> None:
    print(f"workdir {workdir}; preparing the demo town …", flush=True)
    manage("migrate", "--no-input", "-v", "0")
    manage("seed_demo")
    manage("collectstatic", "--no-input", "-v", "0")
    import django

    django.setup()
    from django.db import connection

    from requests_app.models import Application

    online_before = Application.objects.filter(channel="online").count()
    connection.close()
    log = open(workdir / "gunicorn.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        [PY, "-m", "gunicorn", "portal.wsgi", "-w", str(args.workers), "-b", f"127.0.0.1:{PORT}", "--timeout", "60"],
        cwd=ROOT, env=ENV, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    worker = subprocess.Popen([PY, "manage.py", "db_worker"], cwd=ROOT, env=ENV, stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(BASE + "/", timeout=2).close()
                break
            except OSError:
                time.sleep(0.2)
        home = Citizen().get(f"/gk/{ORG}/")[1]
        item_paths = sorted(set(re.findall(rf'href="(/gk/{ORG}/[^"/]+/[0-9A-Za-z-]+/)"', home)))[:10]
        print(f"{args.users} users for {args.seconds} s against gunicorn ({args.workers} workers) on SQLite; "
              f"mail server unreachable; {len(item_paths)} item pages in the mix", flush=True)  # fmt: skip
        stop_at = time.monotonic() + args.seconds
        started = time.monotonic()
        threads = [threading.Thread(target=user, args=(stop_at, item_paths)) for _ in range(args.users)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        worker.terminate()
        server.wait(timeout=30)
        worker.wait(timeout=30)
        log.close()

    total = sum(len(v) for v in results.values())
    print(f"\nrequests: {total} in {elapsed:.0f} s = {total / elapsed:.1f} req/s")
    print(f"{'kind':<8}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for kind, times in sorted(results.items()):
        ordered = sorted(times)
        p95 = ordered[int(len(ordered) * 0.95) - 1] if len(ordered) > 1 else ordered[0]
        print(f"{kind:<8}{len(times):>7}{statistics.median(times) * 1000:>9.0f}{p95 * 1000:>9.0f}"
              f"{ordered[-1] * 1000:>9.0f}")  # fmt: skip
    locked = (workdir / "gunicorn.log").read_text(encoding="utf-8", errors="replace").count("database is locked")
    print(f"errors: {len(errors)} {sorted(set(errors))[:5]}; 'database is locked' in the server log: {locked}")

    from django.utils import timezone

    from portal.models import MailStatus, OutgoingMail
    from portal.outbox import deliver_due

    stored = Application.objects.filter(number__in=submitted).count()
    online = Application.objects.filter(channel="online").count() - online_before
    print(f"online applications: {len(submitted)} confirmed to citizens, {online} stored "
          f"({'equal' if stored == online == len(submitted) else 'MISMATCH'})")  # fmt: skip
    waiting = OutgoingMail.objects.exclude(status=MailStatus.SENT).count()
    print(f"mail during the outage: {OutgoingMail.objects.count()} queued, {waiting} not yet delivered")
    sink = SmtpSink()
    sent = deliver_due(now=timezone.now() + timedelta(hours=7))  # the retries' time has come
    left = OutgoingMail.objects.exclude(status=MailStatus.SENT).count()
    print(f"mail server back: {sent} delivered, {sink.received} received by the server, {left} left undelivered")
    ok = not errors and not locked and stored == online == len(submitted) and left == 0
    print("RESULT:", "PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
