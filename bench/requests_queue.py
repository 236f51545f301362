"""Benchmark of disclosure on application (issue 5): the staff queue and the deadlines at N applications.

    python bench/requests_queue.py --applications 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_portal python bench/requests_queue.py

Targets at 100,000 applications: the staff queue's server time p95 <= 50 ms (first pages and deep pages,
with the filters staff use), the same number of SQL queries at 10 and at N applications, and computing all
N deadlines (read, compute, compare) under 2 s. `--reuse` keeps the generated database between runs.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
parser = argparse.ArgumentParser()
parser.add_argument("--applications", type=int, default=100_000)
parser.add_argument("--requests", type=int, default=200, help="requests per measured page kind")
parser.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "portal-bench"))
parser.add_argument("--reuse", action="store_true", help="keep an existing generated database")
args = parser.parse_args()

workdir = Path(args.workdir)
workdir.mkdir(parents=True, exist_ok=True)
os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench-requests-{args.applications}.sqlite3")
os.environ.setdefault("SECRET_KEY", "bench-only-key")
os.environ.setdefault("PERSONAL_DATA_KEYS", "YmVuY2gtb25seS1rZXktMzItYnl0ZXMtbG9uZy4uLi4=")
os.environ.setdefault("AUDIT_CHAIN_KEY", "YmVuY2gtb25seS1hdWRpdC1rZXktMzItYnl0ZXMuLi4=")
os.environ.setdefault("SITE_URL", "http://127.0.0.1:8000")
os.environ["STATIC_ROOT"] = str(workdir / "static")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ["SECURE_SSL_REDIRECT"] = "false"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from portal.credit_code import make_credit_code  # noqa: E402
from portal.crypto import encrypt, mask_id_number, mask_phone  # noqa: E402
from portal.models import Organisation, OrganisationKind, Role  # noqa: E402
from portal.services import grant_role, load_package_calendar  # noqa: E402
from portal.workdays import calendar_changed  # noqa: E402
from requests_app.models import Application, ApplicationSerial, Status  # noqa: E402
from requests_app.outcomes import Outcome  # noqa: E402
from requests_app.receipt import Channel  # noqa: E402
from requests_app.services import reckon  # noqa: E402
from requests_app.tasks import recompute_deadlines  # noqa: E402

TZ = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 11, 27)
OUTCOMES = [o for o in Outcome if not o.value.startswith("other_")]
CLOSED = [Status.REPLIED, Status.ARCHIVED, Status.CLOSED]


def generate(organisation: Organisation, n: int, start_serial: int = 0, days: int = 3 * 365) -> None:
    """N applications over three years; the last two months' are open, as in a real register."""
    rng = random.Random(7)
    token_id = encrypt("430599198503120018", context="bench:id_number")  # one ciphertext reused: fast to generate
    token_phone = encrypt("13807301234", context="bench:phone")
    batch: list[Application] = []
    first = TODAY - timedelta(days=days)
    for i in range(start_serial, start_serial + n):
        received = first + timedelta(days=int(days * (i - start_serial) / max(n, 1)))
        recent = (TODAY - received).days < 60
        status = rng.choice([Status.RECEIVED, Status.RECEIVED, Status.CONSULTING, Status.FEE, Status.CORRECTION,
                             Status.SUBMITTED]) if recent else rng.choice(CLOSED)  # fmt: skip
        closed = status in CLOSED
        application = Application(
            organisation=organisation,
            number=f"{received.year}-{organisation.pk:03d}-{i + 1:06d}",
            channel=rng.choice(list(Channel)),
            submitted_at=datetime.combine(received, datetime.min.time(), tzinfo=TZ),
            arrived_on=received,
            received_on=None if status == Status.SUBMITTED else received,
            clock_start=None if status == Status.SUBMITTED else received,
            applicant_type="person",
            name=f"申请人{i}",
            id_type="resident_id",
            id_number_encrypted=token_id,
            id_number_masked=mask_id_number("430599198503120018"),
            phone_encrypted=token_phone,
            phone_masked=mask_phone("13807301234"),
            description="示例镇农村危房改造补助对象名单及补助标准",
            form="paper",
            way="pick_up",
            status=status,
            extension_working_days=rng.choice([0, 0, 0, 10, 20]),
            outcome=rng.choice(OUTCOMES) if closed else "",
            replied_on=received + timedelta(days=20) if closed else None,
            closed_on=received + timedelta(days=20) if closed else None,
        )
        reckon(application, [])
        batch.append(application)
        if len(batch) == 5000:
            Application.objects.bulk_create(batch)
            batch = []
    Application.objects.bulk_create(batch)


def build(n: int) -> tuple[Organisation, Organisation]:
    call_command("migrate", verbosity=0)
    if args.reuse and Application.objects.filter(organisation__slug="benchtown").count() == n:
        return Organisation.objects.get(slug="benchtown"), Organisation.objects.get(slug="smalltown")
    Application.objects.all().delete()
    load_package_calendar()
    calendar_changed()
    town, _ = Organisation.objects.update_or_create(
        slug="benchtown",
        defaults={"name": "基准镇人民政府", "short_name": "基准镇", "kind": OrganisationKind.TOWN_GOVERNMENT,
                  "credit_code": make_credit_code("11", "430599", "90000001"), "runs_own_column": True},
    )  # fmt: skip
    small, _ = Organisation.objects.update_or_create(
        slug="smalltown",
        defaults={"name": "小镇人民政府", "short_name": "小镇", "kind": OrganisationKind.TOWN_GOVERNMENT,
                  "credit_code": make_credit_code("11", "430599", "90000002"), "runs_own_column": True},
    )  # fmt: skip
    for username, organisation in (("bench_officer", town), ("small_officer", small)):
        user, _ = User.objects.get_or_create(username=username)
        grant_role(user=user, organisation=organisation, role=Role.CASE_OFFICER)
    began = time.perf_counter()
    with transaction.atomic():
        generate(town, n)
        generate(small, 10, start_serial=n, days=50)
        ApplicationSerial.objects.all().delete()
    print(f"generated {n:,} applications in {time.perf_counter() - began:.1f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE requests_app_application")
    return town, small


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(len(ordered) * p), len(ordered) - 1)]


def timed(client: Client, urls: list[str]) -> list[float]:
    times = []
    for url in urls:
        began = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, url
    return times


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def main() -> None:
    n = args.applications
    call_command("collectstatic", interactive=False, verbosity=0)
    build(n)
    client, small_client = Client(), Client()
    client.force_login(User.objects.get(username="bench_officer"))
    small_client.force_login(User.objects.get(username="small_officer"))
    rng = random.Random(3)
    total = Application.objects.filter(organisation__slug="benchtown").count()
    last_page = max(total // 50, 1)
    open_pages = max(Application.objects.filter(organisation__slug="benchtown", in_open_queue=True).count() // 50, 1)
    number = Application.objects.filter(organisation__slug="benchtown", status=Status.ARCHIVED).order_by("?")[0].number
    kinds = {
        "open queue (default)": ["/staff/ysq/"] * args.requests,
        "open queue, random page": [f"/staff/ysq/?page={rng.randint(1, open_pages)}" for _ in range(args.requests)],
        "open queue, overdue": ["/staff/ysq/?due=overdue"] * args.requests,
        "all, by deadline, random page": [
            f"/staff/ysq/?status=all&page={rng.randint(1, last_page)}" for _ in range(args.requests)
        ],
        "all, newest received, random page": [
            f"/staff/ysq/?status=all&sort=received&page={rng.randint(1, last_page)}" for _ in range(args.requests)
        ],
        "archived, by number": [f"/staff/ysq/?status=archived&q={number}"] * args.requests,
    }
    client.get("/staff/ysq/")
    print(
        f"staff queue at {total:,} applications (server time through the test client, {args.requests} requests each):"
    )
    worst = 0.0
    for label, urls in kinds.items():
        ms = timed(client, urls)
        worst = max(worst, pct(ms, 0.95))
        print(f"  {label:<36} p50 {pct(ms, 0.5):6.1f} ms, p95 {pct(ms, 0.95):6.1f} ms")
    print(f"  worst p95 {worst:.1f} ms (target <= 50)")
    for url in ("/staff/ysq/", "/staff/ysq/?status=all&page=2", "/staff/ysq/?due=overdue"):
        print(
            f"  SQL queries {url}: {queries(small_client, url)} at 10 applications, {queries(client, url)} at {total:,}"
        )

    began = time.perf_counter()
    changed = recompute_deadlines(open_only=False)
    seconds = time.perf_counter() - began
    print(f"all deadlines computed again (read, compute, compare): {seconds:.2f} s for "
          f"{Application.objects.count():,} applications, {changed} changed (target < 2 s)")  # fmt: skip


if __name__ == "__main__":
    main()
