"""Visit counting's cost (issue "website inspection"): a kept (cached) public page and the home page served by
gunicorn under wrk, with VISIT_COUNTING on and off, beside the baseline page, in one run on one database.

    python bench/visits.py                 # the demo town on SQLite, Redis as the shared cache, 15 s per run
    python bench/visits.py --seconds 30

Target: with counting on, the kept page's throughput is at least 95% of that with counting off.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
parser = argparse.ArgumentParser()
parser.add_argument("--seconds", type=int, default=15)
parser.add_argument("--workers", type=int, default=2)
parser.add_argument("--rounds", type=int, default=2, help="on/off alternations; the best of each side is kept")
args = parser.parse_args()

workdir = Path(tempfile.mkdtemp(prefix="portal-visits-bench-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
os.environ.setdefault("SECRET_KEY", "bench-only-key")
os.environ.setdefault("PERSONAL_DATA_KEYS", "YmVuY2gtb25seS1rZXktMzItYnl0ZXMtbG9uZy4uLi4=")
os.environ.setdefault("AUDIT_CHAIN_KEY", "YmVuY2gtb25seS1hdWRpdC1rZXktMzItYnl0ZXMuLi4=")
os.environ.setdefault("SITE_URL", "http://127.0.0.1:8000")
os.environ.setdefault("CACHE_URL", "redis://127.0.0.1:6379/9")
os.environ.setdefault("MEDIA_ROOT", str(workdir / "media"))
os.environ["STATIC_ROOT"] = str(workdir / "static")
os.environ["SECURE_SSL_REDIRECT"] = "false"
os.environ["DEBUG"] = "false"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402

from disclosure.models import Item, ItemStatus  # noqa: E402


def prepare() -> str:
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", stdout=quiet)
    cache.clear()
    item = Item.objects.filter(status=ItemStatus.PUBLISHED).order_by("pk").first()
    assert item is not None, "the demo publishes items"
    return item.get_absolute_url()


def start_node(counting: bool) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "ALLOWED_HOSTS": "127.0.0.1", "VISIT_COUNTING": "true" if counting else "false"}
    with open(workdir / f"server-{counting}.log", "wb") as log:  # the child keeps its own handle
        command = [sys.executable, "-m", "gunicorn", "portal.wsgi", "-w", str(args.workers), "-b", f"127.0.0.1:{port}"]
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/bench/baseline/", timeout=5).close()  # nosec B310: loopback
            break
        except OSError:
            time.sleep(0.3)
    return server, base


def wrk(url: str) -> float:
    out = subprocess.run(["wrk", "-t1", "-c4", f"-d{args.seconds}s", url], capture_output=True, text=True).stdout
    found = re.search(r"Requests/sec:\s+([\d.]+)", out)
    return float(found.group(1)) if found else float("nan")


def main() -> None:
    if shutil.which("wrk") is None:
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True, capture_output=True)
    item = prepare()
    results: dict[str, dict[bool, float]] = {}
    for counting in (False, True) * args.rounds:  # interleaved, so that drift of the machine does not pick a side
        server, base = start_node(counting)
        try:
            for name, path in (("baseline page", "/bench/baseline/"), ("kept item page", item), ("home page", "/")):
                urllib.request.urlopen(base + path, timeout=10).close()  # nosec B310: warm, and keep the page
                results.setdefault(name, {}).setdefault(counting, 0.0)
                results[name][counting] = max(results[name][counting], wrk(base + path))
        finally:
            server.terminate()
            server.wait()
    time.sleep(2)  # the last hand-overs reach the worker's queue; they are applied here, as the worker would
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    from portal.models import DailyVisitors

    counted = sum(DailyVisitors.objects.values_list("views", flat=True))
    print(f"{'page':<16} {'off req/s':>10} {'on req/s':>10} {'on/off':>7}   (target: kept page ≥ 95%)")
    for name, rates in results.items():
        print(f"{name:<16} {rates[False]:>10.0f} {rates[True]:>10.0f} {rates[True] / rates[False]:>7.1%}")
    print(f"views counted while on (handed over, then recorded by the worker): {counted}")


if __name__ == "__main__":
    main()
