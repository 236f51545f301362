"""Documents in a second (issue 26): the notice PDF (告知书 with 1, 12 and 24 withheld parts), the annual
report's PDF and DOCX, each downloaded by a signed-in member of staff from gunicorn, one request at a time as a
person clicks, beside a baseline page (bench/urls.py) in the same run.

    python bench/documents.py              # SQLite (a temporary file) with the demo town, 30 downloads each
    python bench/documents.py --runs 50

Target: p95 ≤ 1 s for each document on this machine. Prints p50, p95 and size per document.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
parser = argparse.ArgumentParser()
parser.add_argument("--runs", type=int, default=30)
args = parser.parse_args()

workdir = Path(tempfile.mkdtemp(prefix="portal-documents-bench-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
os.environ.setdefault("SECRET_KEY", "bench-only-key")
os.environ.setdefault("PERSONAL_DATA_KEYS", "YmVuY2gtb25seS1rZXktMzItYnl0ZXMtbG9uZy4uLi4=")
os.environ.setdefault("AUDIT_CHAIN_KEY", "YmVuY2gtb25seS1hdWRpdC1rZXktMzItYnl0ZXMuLi4=")
os.environ.setdefault("SITE_URL", "http://127.0.0.1:8000")
os.environ.setdefault("MEDIA_ROOT", str(workdir / "media"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ["STAFF_SECOND_FACTOR"] = "false"
os.environ["SECURE_SSL_REDIRECT"] = "false"
os.environ["STATIC_ROOT"] = str(workdir / "static")
os.environ["DEBUG"] = "false"  # as gunicorn serves: pages name the collected, hashed static files

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from portal.models import Organisation  # noqa: E402
from requests_app import services  # noqa: E402
from requests_app.demo import _data, signed_reply  # noqa: E402
from requests_app.models import Channel, Notice, NoticeKind  # noqa: E402
from requests_app.outcomes import Outcome  # noqa: E402
from supervision.models import AnnualReport  # noqa: E402


def documents() -> dict[str, str]:
    """The demo town, three partial disclosures and a draft annual report: the addresses to download."""
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", stdout=quiet)
    town = Organisation.objects.get(slug="shifanzhen")
    officer, head = User.objects.get(username="case_officer"), User.objects.get(username="office_head")
    today = timezone.localdate()
    addresses = {}
    for parts in (1, 12, 24):
        application = services.register(organisation=town, data=_data(100 + parts), channel=Channel.IN_PERSON,
                                        arrived_on=today - timedelta(days=3), actor=officer).application  # fmt: skip
        reason = "属于个人隐私，公开会对第三方合法权益造成损害"
        withheld = [{"part": f"第{n}户的身份证号码、银行账号和家庭住址", "reason": reason} for n in range(1, parts + 1)]
        signed_reply(head, application=application, actor=officer, outcome=Outcome.PARTIALLY_DISCLOSED,
                     withheld_parts=withheld, today=today)  # fmt: skip
        notice = Notice.objects.get(application=application, kind=NoticeKind.REPLY)
        addresses[f"notice PDF, {parts} withheld"] = f"/staff/ysq/notices/{notice.pk}.pdf"
    report = AnnualReport.objects.create(organisation=town, year=today.year - 1,
                                         created_by=head)  # fmt: skip
    addresses["annual report PDF"] = f"/staff/reports/{report.pk}/download.pdf"
    addresses["annual report DOCX"] = f"/staff/reports/{report.pk}/download.docx"
    return addresses


def session_of(username: str) -> str:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def start_node() -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "ALLOWED_HOSTS": "127.0.0.1", "DEBUG": "false"}
    with open(workdir / "server.log", "wb") as log:  # the child keeps its own handle
        server = subprocess.Popen([sys.executable, "-m", "gunicorn", "portal.wsgi", "-w", "2", "-b",
                                   f"127.0.0.1:{port}", "--timeout", "60"], cwd=ROOT, env=env, stdout=log,
                                  stderr=subprocess.STDOUT)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/bench/baseline/", timeout=5).close()  # nosec B310: loopback
            break
        except OSError:
            time.sleep(0.3)
    return server, base


def download(url: str, cookie: str) -> tuple[float, int]:
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    began = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:  # nosec B310: loopback
        assert response.status == 200, url
        size = len(response.read())
    return (time.perf_counter() - began) * 1000, size


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(len(ordered) * p), len(ordered) - 1)]


def main() -> None:
    addresses = documents()
    cookie = f"{settings.SESSION_COOKIE_NAME}={session_of('office_head')}"
    server, base = start_node()
    try:
        print(f"{'document':<28} {'p50 ms':>8} {'p95 ms':>8} {'size KB':>8}   (target p95 ≤ 1000 ms)")
        for name, path in {"baseline page": "/bench/baseline/", **addresses}.items():
            for _ in range(3):
                download(base + path, cookie)
            runs = [download(base + path, cookie) for _ in range(args.runs)]
            times = [elapsed for elapsed, _ in runs]
            print(f"{name:<28} {pct(times, 0.5):>8.0f} {pct(times, 0.95):>8.0f} {runs[0][1] / 1024:>8.0f}")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
