"""Benchmark: 100,000 statutory deadlines (条例 第三十三条, 20 working days) from the maintained calendar.

Target (issue 2): under 1 s. Run with `make bench`; prints the figures.
"""

import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
workdir = tempfile.mkdtemp(prefix="bench-deadlines-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
os.environ.setdefault("SECRET_KEY", "bench-only-key")
os.environ.setdefault("PERSONAL_DATA_KEYS", "YmVuY2gtb25seS1rZXktMzItYnl0ZXMtbG9uZy4uLi4=")
os.environ.setdefault("AUDIT_CHAIN_KEY", "YmVuY2gtb25seS1hdWRpdC1rZXktMzItYnl0ZXMuLi4=")
os.environ.setdefault("SITE_URL", "http://127.0.0.1:8000")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from portal import workdays  # noqa: E402
from portal.services import load_package_calendar  # noqa: E402

N = 100_000
TARGET_SECONDS = 1.0


def main() -> None:
    call_command("migrate", verbosity=0)
    load_package_calendar()
    rng = random.Random(20261128)
    starts = [date(2024, 1, 1) + timedelta(days=rng.randrange(3 * 365)) for _ in range(N)]

    began = time.perf_counter()
    workdays.calendar_changed()
    workdays.current_calendar()
    load_seconds = time.perf_counter() - began

    began = time.perf_counter()
    deadlines = [workdays.add_working_days(start, 20) for start in starts]
    add_seconds = time.perf_counter() - began

    began = time.perf_counter()
    for start, deadline in zip(starts, deadlines, strict=True):
        workdays.working_days_between(start, deadline.value)
    between_seconds = time.perf_counter() - began

    provisional = sum(d.provisional for d in deadlines)
    print(f"calendar load from the database: {load_seconds * 1000:.1f} ms")
    print(f"add_working_days(start, 20) x {N:,}: {add_seconds:.3f} s (target < {TARGET_SECONDS:.0f} s)")
    print(f"working_days_between x {N:,}: {between_seconds:.3f} s")
    print(f"provisional deadlines (reaching an unconfirmed year): {provisional:,}")
    print("PASS" if add_seconds < TARGET_SECONDS else "FAIL: over target")


if __name__ == "__main__":
    main()
