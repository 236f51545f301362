"""Benchmark of the annual report (issue 12): the report of a year with N applications.

    python bench/annual_report.py                    # SQLite (a temporary file), 10,000 and 100,000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_report python bench/annual_report.py

Target: the whole draft (tables 二, 三, 四, the checks and the facts of section 一) computes in under 1 s at
100,000 applications, with a query count that does not depend on N. Prints time and queries at each size, beside
a baseline (one COUNT of the year's applications) in the same run.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
parser = argparse.ArgumentParser()
parser.add_argument("--sizes", default="10000,100000")
parser.add_argument("--runs", type=int, default=5)
args = parser.parse_args()

workdir = Path(tempfile.mkdtemp(prefix="portal-report-bench-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
os.environ.setdefault("SECRET_KEY", "bench-only-key")
os.environ.setdefault("PERSONAL_DATA_KEYS", "YmVuY2gtb25seS1rZXktMzItYnl0ZXMtbG9uZy4uLi4=")
os.environ.setdefault("AUDIT_CHAIN_KEY", "YmVuY2gtb25seS1hdWRpdC1rZXktMzItYnl0ZXMuLi4=")
os.environ.setdefault("SITE_URL", "http://127.0.0.1:8000")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from portal.credit_code import make_credit_code  # noqa: E402
from portal.models import Organisation, OrganisationKind  # noqa: E402
from requests_app.models import Application, Status  # noqa: E402
from requests_app.outcomes import Outcome  # noqa: E402
from supervision.annual_report import services  # noqa: E402
from supervision.models import AnnualReport  # noqa: E402

TZ = ZoneInfo("Asia/Shanghai")
YEAR = 2025
TYPES = ["person"] * 8 + ["business", "research", "nonprofit", "legal_service", "other_organisation"]
OUTCOMES = list(Outcome.values)


def fill(organisation: Organisation, n: int) -> None:
    random.seed(n)
    rows = []
    for i in range(n):
        received = date(YEAR - 1, 7, 1) + timedelta(days=random.randrange(540))  # mid-2024 to end-2025
        closed = received + timedelta(days=random.randrange(5, 60)) if random.random() < 0.9 else None
        rows.append(Application(
            organisation=organisation, number=f"B{n}-{i:07d}", channel="online",
            submitted_at=datetime(received.year, received.month, received.day, 9, tzinfo=TZ),
            arrived_on=received, received_on=received, clock_start=received, applicant_type=random.choice(TYPES),
            name="申请人", description="所需信息", form="electronic", way="email",
            status=Status.ARCHIVED if closed else Status.RECEIVED, outcome=random.choice(OUTCOMES) if closed else "",
            replied_on=closed, closed_on=closed, deadline=received + timedelta(days=28),
        ))  # fmt: skip
        if len(rows) == 5000:
            Application.objects.bulk_create(rows)
            rows = []
    Application.objects.bulk_create(rows)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE requests_app_application")


def measure(report: AnnualReport) -> tuple[float, int, float]:
    times, queries = [], 0
    for _ in range(args.runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            services.compute(report)
            services.facts(report.organisation, report.scope, report.year)
            times.append(time.perf_counter() - started)
        queries = len(captured)
    baseline = []
    for _ in range(args.runs):
        started = time.perf_counter()
        Application.objects.filter(organisation=report.organisation, received_on__year=YEAR).count()
        baseline.append(time.perf_counter() - started)
    return statistics.median(times), queries, statistics.median(baseline)


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_calendar", verbosity=0)
    author, _ = User.objects.get_or_create(username="bench")
    print(f"database: {connection.vendor}; median of {args.runs} runs")
    print(f"{'applications':>13}{'report ms':>11}{'queries':>9}{'baseline COUNT ms':>19}")
    for n in [int(x) for x in args.sizes.split(",")]:
        serial = f"{n % 10**8:08d}"
        organisation = Organisation.objects.create(
            slug=f"bench-{n}", name=f"基准镇{n}", short_name=f"基准{n}", kind=OrganisationKind.TOWN_GOVERNMENT,
            credit_code=make_credit_code("11", "430599", serial), runs_own_column=True,
        )  # fmt: skip
        fill(organisation, n)
        report = AnnualReport(organisation=organisation, year=YEAR, created_by=author)
        seconds, queries, baseline = measure(report)
        failures = services.compute(report).failures
        print(f"{n:>13,}{seconds * 1000:>11.0f}{queries:>9}{baseline * 1000:>19.1f}"
              f"   checks: {'all pass' if not failures else [f.check for f in failures]}")  # fmt: skip


if __name__ == "__main__":
    main()
