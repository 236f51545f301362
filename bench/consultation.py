"""The consultation pages with 10,000 comments (issue 13), served by gunicorn under load on SQLite.

    python bench/consultation.py                      # 10,000 comments, 20 s, one user and one worker per core
    python bench/consultation.py --comments 50000 --users 16 --seconds 60

Builds the demo town, gives the open consultation and the answered one 10,000 comments each (half of them shown
after moderation), then lets concurrent users read, in a mix: the consultation page (open, and closed with its
adoption report), the published comments, the list, the hearing notice and the comments' CSV; beside a baseline
(a static file) and the town's home page (a first-level page) in the same run. Prints p50/p95 per address.
Target: p95 of the consultation page <= 30 ms. All traffic stays on 127.0.0.1; the load generator shares the
machine's cores with gunicorn, so on a 2-core machine run --users 1 --workers 1 to see the service time.
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
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
parser = argparse.ArgumentParser()
parser.add_argument("--comments", type=int, default=10_000)
parser.add_argument("--users", type=int, default=os.cpu_count() or 2)
parser.add_argument("--seconds", type=int, default=20)
parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
args = parser.parse_args()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


PORT = free_port()
workdir = Path(tempfile.mkdtemp(prefix="portal-consultation-bench-"))
ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "portal.settings",
    "DEBUG": "false",
    "DATABASE_URL": f"sqlite:///{workdir}/bench.sqlite3",
    "MEDIA_ROOT": str(workdir / "media"),
    "PRIVATE_MEDIA_ROOT": str(workdir / "private"),
    "STATIC_ROOT": str(workdir / "static"),
    "SECRET_KEY": "consultation-bench-only-key-0123456789abcdefghijklmnopqrstuvwxyz",
    "PERSONAL_DATA_KEYS": "bG9hZC1iZW5jaC1vbmx5LWtleS0zMi1ieXRlcy4uLi4=",
    "AUDIT_CHAIN_KEY": "YmVuY2gtb25seS1hdWRpdC1rZXktMzItYnl0ZXMuLi4=",
    "SITE_URL": "http://127.0.0.1:8000",
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "false",
    "SESSION_COOKIE_SECURE": "false",
    "CSRF_COOKIE_SECURE": "false",
    "SECURE_HSTS_SECONDS": "0",
    "STAFF_SECOND_FACTOR": "false",
}
os.environ.update(ENV)
PY = sys.executable
BASE = f"http://127.0.0.1:{PORT}"
ORG = "shifanzhen"


def manage(*command: str) -> None:
    subprocess.run([PY, "manage.py", *command], cwd=ROOT, env=ENV, check=True, stdout=subprocess.DEVNULL)


def build() -> dict[str, str]:
    """The demo, 10,000 comments on two consultations; returns the addresses to read."""
    import django

    django.setup()
    from django.db import connection

    from consultations.models import Comment, Consultation, Hearing

    open_one = Consultation.objects.get(title__contains="村级公益事业")
    answered = Consultation.objects.get(title__contains="生活垃圾")
    Consultation.objects.filter(pk__in=[open_one.pk, answered.pk]).update(publish_comments=True)
    for consultation, outcome in ((open_one, ""), (answered, "not_adopted")):
        Comment.objects.bulk_create(
            (Comment(consultation=consultation, text=f"第{n}条意见：建议明确资金监督。", shown=n % 2 == 0,
                     receipt_hash=f"{consultation.pk}{n:063d}", public_text=f"第{n}条意见：建议明确资金监督。",
                     outcome=outcome, answer="已有规定。" if outcome else "") for n in range(args.comments)),
            batch_size=5000,
        )  # fmt: skip
    hearing = Hearing.objects.get()
    connection.close()
    return {
        "page (open)": f"/gk/{ORG}/yjzj/{open_one.pk}/",
        "page (answered)": f"/gk/{ORG}/yjzj/{answered.pk}/",
        "shown comments": f"/gk/{ORG}/yjzj/{open_one.pk}/comments/",
        "list": f"/gk/{ORG}/yjzj/",
        "hearing": f"/gk/{ORG}/yjzj/tzh/{hearing.pk}/",
        "comments.csv": f"/gk/{ORG}/yjzj/{answered.pk}/comments.csv",
        "home (baseline)": f"/gk/{ORG}/",
        "baseline": "/static/css/site.css",
    }


results: dict[str, list[float]] = defaultdict(list)
errors: list[str] = []
lock = threading.Lock()
WEIGHTS = {"page (open)": 40, "page (answered)": 20, "shown comments": 10, "list": 10, "hearing": 10,
           "comments.csv": 1, "home (baseline)": 10, "baseline": 9}  # fmt: skip


def user(stop_at: float, addresses: dict[str, str]) -> None:
    kinds = list(WEIGHTS)
    while time.monotonic() < stop_at:
        kind = random.choices(kinds, weights=[WEIGHTS[k] for k in kinds])[0]
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(BASE + addresses[kind], timeout=60) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        with lock:
            results[kind].append(time.perf_counter() - started)
            if status != 200:
                errors.append(f"{kind} {status}")


def main() -> None:
    manage("migrate", "--no-input", "-v", "0")
    manage("seed_demo")
    manage("collectstatic", "--no-input", "-v", "0")
    addresses = build()
    log = open(workdir / "gunicorn.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        [PY, "-m", "gunicorn", "portal.wsgi", "-w", str(args.workers), "-b", f"127.0.0.1:{PORT}", "--timeout", "60"],
        cwd=ROOT, env=ENV, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(BASE + addresses["baseline"], timeout=2).close()
                break
            except OSError:
                time.sleep(0.2)
        for address in addresses.values():  # warm each worker's caches and templates
            for _ in range(args.workers * 2):
                urllib.request.urlopen(BASE + address, timeout=60).read()
        print(f"{args.comments:,} comments on each of two consultations; {args.users} users for {args.seconds} s "
              f"against gunicorn ({args.workers} workers) on SQLite", flush=True)  # fmt: skip
        stop_at = time.monotonic() + args.seconds
        threads = [threading.Thread(target=user, args=(stop_at, addresses)) for _ in range(args.users)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"{'address':<18}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for kind in WEIGHTS:
        times = sorted(results[kind])
        if not times:
            continue
        p95 = times[max(int(len(times) * 0.95) - 1, 0)]
        print(f"{kind:<18}{len(times):>7}{statistics.median(times) * 1000:>9.1f}{p95 * 1000:>9.1f}"
              f"{times[-1] * 1000:>9.1f}")  # fmt: skip
    print(f"errors: {len(errors)}" + (f" ({', '.join(sorted(set(errors))[:5])})" if errors else ""))


if __name__ == "__main__":
    main()
