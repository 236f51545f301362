"""The supervision dashboard at scale (issue 14): 50 towns, 100,000 applications and 1,000,000 items, the
dashboard for a year served by gunicorn to a signed-in inspector, beside the workbench in the same run.

    python bench/dashboard.py                                   # SQLite in a temporary directory
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_dashboard python bench/dashboard.py
    python bench/dashboard.py --items 100000 --applications 10000   # a quicker look

Target: the dashboard under 300 ms, its figures computed (publications per month and column come from the
maintained tally, `disclosure.tallies`; the bench loads items in bulk and rebuilds the tally once). Prints the
time to generate, then for the dashboard and the baseline the first request (the figures computed) and
p50/p95/max of 20 more (the figures kept DASHBOARD_CACHE_SECONDS, each gunicorn worker computing its own once),
and the dashboard's query count (not depending on the organisations).
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
parser = argparse.ArgumentParser()
parser.add_argument("--orgs", type=int, default=50)
parser.add_argument("--items", type=int, default=1_000_000)
parser.add_argument("--applications", type=int, default=100_000)
parser.add_argument("--requests", type=int, default=20)
args = parser.parse_args()

workdir = Path(tempfile.mkdtemp(prefix="portal-dashboard-bench-"))
ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings",
    "DEBUG": "false",
    "SECRET_KEY": "dashboard-bench-only-key-0123456789abcdefghijklmnopqrstuvwxyz",
    "PERSONAL_DATA_KEYS": "bG9hZC1iZW5jaC1vbmx5LWtleS0zMi1ieXRlcy4uLi4=",
    "AUDIT_CHAIN_KEY": "YmVuY2gtb25seS1hdWRpdC1rZXktMzItYnl0ZXMuLi4=",
    "SITE_URL": "http://127.0.0.1:8000",
    "STATIC_ROOT": str(workdir / "static"),
    "ALLOWED_HOSTS": "127.0.0.1,testserver",
    "SECURE_SSL_REDIRECT": "false",
    "SESSION_COOKIE_SECURE": "false",
    "CSRF_COOKIE_SECURE": "false",
    "SECURE_HSTS_SECONDS": "0",
    "STAFF_SECOND_FACTOR": "false",
    "PASSWORD_CHANGE_ON_RESET": "false",
}
os.environ.update(ENV)
os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
TZ = ZoneInfo("Asia/Shanghai")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from disclosure import tallies  # noqa: E402
from disclosure.models import Column, Item, ItemStatus  # noqa: E402
from portal.credit_code import make_credit_code  # noqa: E402
from portal.models import Organisation, OrganisationKind, Role  # noqa: E402
from portal.services import grant_role  # noqa: E402
from requests_app.models import Application, Status  # noqa: E402
from requests_app.outcomes import Outcome  # noqa: E402


def towns() -> list[Organisation]:
    county, _ = Organisation.objects.get_or_create(
        slug="benchcounty",
        defaults={"name": "基准县人民政府", "kind": OrganisationKind.COUNTY_GOVERNMENT,
                  "credit_code": make_credit_code("11", "430599", "00000001")},
    )  # fmt: skip
    made = []
    for n in range(args.orgs):
        town, _ = Organisation.objects.get_or_create(
            slug=f"benchtown{n}",
            defaults={"name": f"基准{n}镇人民政府", "short_name": f"基准{n}镇", "parent": county,
                      "kind": OrganisationKind.TOWN_GOVERNMENT, "runs_own_column": True,
                      "credit_code": make_credit_code("11", "430599", f"{n + 100:08d}")},
        )  # fmt: skip
        made.append(town)
    inspector, created = User.objects.get_or_create(username="bench-inspector")
    if created:
        grant_role(user=inspector, organisation=county, role=Role.INSPECTOR)
    return made


def fill(organisations: list[Organisation]) -> None:
    rng = random.Random(20261201)
    author, _ = User.objects.get_or_create(username="bench-editor")
    columns = list(Column.objects.filter(is_active=True, children__isnull=True).exclude(kind="annual_report"))
    began, batch = time.perf_counter(), []
    for i in range(args.items):
        town = organisations[i % len(organisations)]
        day = date(2015, 1, 5) + timedelta(days=rng.randrange(4300))
        column = rng.choice(columns)
        batch.append(Item(
            organisation=town, channel=town, column=column, column_kind=column.kind, genre="notice",
            title=f"关于第{i}项工作的通知", summary="" if rng.random() < 0.01 else "部署相关工作。",
            body_text="", written_date=day, status=ItemStatus.PUBLISHED, index_number=f"{town.credit_code}/{i:08d}",
            publication_date=day, published_at=datetime(day.year, day.month, day.day, 10, tzinfo=TZ),
            publication_working_days=rng.choice([1, 2, 3, 5, 8, 13, 25]), created_by=author,
        ))  # fmt: skip
        if len(batch) == 5000:
            with transaction.atomic():
                Item.objects.bulk_create(batch)
            batch = []
    with transaction.atomic():
        Item.objects.bulk_create(batch)
    print(f"generated {args.items:,} items in {time.perf_counter() - began:.0f} s", flush=True)
    began = time.perf_counter()
    rows = tallies.rebuild()  # bulk_create bypasses publication, which keeps the tallies
    print(f"counted them into {rows:,} tally rows in {time.perf_counter() - began:.1f} s", flush=True)
    began = time.perf_counter()
    cases: list[Application] = []
    outcomes = list(Outcome)
    for i in range(args.applications):
        town = organisations[i % len(organisations)]
        received = date(2024, 1, 2) + timedelta(days=rng.randrange(1000))
        closed = received + timedelta(days=rng.randrange(5, 40)) if rng.random() < 0.9 else None
        cases.append(Application(
            organisation=town, number=f"B{i:07d}", channel="online",
            submitted_at=datetime(received.year, received.month, received.day, 9, tzinfo=TZ), arrived_on=received,
            received_on=received, applicant_type="person", name="申请人", description="所需信息", form="electronic",
            way="email", status=Status.ARCHIVED if closed else Status.RECEIVED, deadline=received + timedelta(days=28),
            replied_on=closed, closed_on=closed, outcome=rng.choice(outcomes) if closed else "",
        ))  # fmt: skip
        if len(cases) == 5000:
            with transaction.atomic():
                Application.objects.bulk_create(cases)
            cases = []
    with transaction.atomic():
        Application.objects.bulk_create(cases)
    print(f"generated {args.applications:,} applications in {time.perf_counter() - began:.0f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def timed(url: str, cookie: str) -> tuple[float, list[float]]:
    """The first request (figures computed) and then N more (kept figures, and the second worker's first)."""
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    started = time.perf_counter()
    urllib.request.urlopen(request, timeout=120).read()
    first = time.perf_counter() - started
    times = []
    for _ in range(args.requests):
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=120) as response:
            response.read()
            assert response.status == 200, response.status
        times.append(time.perf_counter() - started)
    return first, sorted(times)


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--no-input", verbosity=0)
    organisations = towns()
    if not Item.objects.exists():
        fill(organisations)
    client = Client()
    client.force_login(User.objects.get(username="bench-inspector"))
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/staff/supervision/?year=2025").status_code == 200
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    connection.close()
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "portal.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}", "--timeout", "120"],
        cwd=ROOT, env=os.environ.copy(), stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/static/css/site.css", timeout=2).close()
                break
            except OSError:
                time.sleep(0.2)
        base = f"http://127.0.0.1:{port}"
        warm = urllib.request.Request(f"{base}/staff/", headers={"Cookie": cookie})
        for _ in range(6):  # each worker's imports and templates loaded before anything is timed
            urllib.request.urlopen(warm, timeout=120).read()
        figures = {
            "dashboard (2025)": timed(f"{base}/staff/supervision/?year=2025", cookie),
            "workbench (baseline)": timed(f"{base}/staff/", cookie),
        }
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"{args.orgs} towns, {Item.objects.count():,} items, {Application.objects.count():,} applications "
          f"on {connection.vendor}; {len(captured)} queries for the dashboard")  # fmt: skip
    print(f"{'page':<22}{'first ms':>9}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for name, (first, times) in figures.items():
        p95 = times[max(int(len(times) * 0.95) - 1, 0)]
        print(f"{name:<22}{first * 1000:>9.0f}{statistics.median(times) * 1000:>9.0f}{p95 * 1000:>9.0f}"
              f"{times[-1] * 1000:>9.0f}")  # fmt: skip


if __name__ == "__main__":
    main()
