"""The ways search could be answered from PostgreSQL, measured side by side (docs/adr/0011 records the choice).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_portal python bench/search_alternatives.py --rows 100000

Reads the search entries bench/catalogue.py built (run it first on the same database), copies the newest
--rows of them into scratch tables and, for the query mix of bench/catalogue.py (rare and zero-hit terms
included), times the 20 newest matches by each way: a sequential scan with strpos (what `icontains` does);
pg_trgm's trigram GIN index under LIKE (an extension; it cannot use its index below three characters); the
character pairs' GIN index alone, candidates confirmed by strpos; and the same behind a read of the newest
entries (disclosure/search.py). Every way must return the same ids; index sizes and build times printed.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
parser = argparse.ArgumentParser()
parser.add_argument("--rows", type=int, default=100_000)
parser.add_argument("--runs", type=int, default=5)
args = parser.parse_args()
os.environ.setdefault("SECRET_KEY", "bench-only-key")
os.environ.setdefault("PERSONAL_DATA_KEYS", "YmVuY2gtb25seS1rZXktMzItYnl0ZXMtbG9uZy4uLi4=")
os.environ.setdefault("AUDIT_CHAIN_KEY", "YmVuY2gtb25seS1hdWRpdC1rZXktMzItYnl0ZXMuLi4=")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from disclosure import search  # noqa: E402

QUERIES = ["公开栏", "低保", "东坪村", "临时救助 公示", "森林防火", "财政 预算 公开", "宅基地", "2026年", "村",
           "河长制 巡查", "补贴 发放 名单", "政府信息公开", "危房改造", "养老保险", "安全生产 检查", "新河村 低保",
           "土地承包经营权流转", "湾", "示范项目", "疫苗", "东坪村疫苗接种", "乾隆", "量子计算", "不存在的词语组合",
           "鲸"]  # fmt: skip
NEWEST = "ORDER BY publication_date DESC, item_id DESC LIMIT 20"


def timed(sql: str, params: list[Any]) -> tuple[float, list[int]]:
    with connection.cursor() as cursor:
        began = time.perf_counter()
        cursor.execute(sql, params)
        ids = [row[0] for row in cursor.fetchall()]
    return (time.perf_counter() - began) * 1000, ids


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(len(ordered) * p), len(ordered) - 1)]


def main() -> None:
    assert connection.vendor == "postgresql", "PostgreSQL only: set DATABASE_URL"
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cursor.execute("DROP TABLE IF EXISTS alt_entries")
        cursor.execute(
            f"CREATE TABLE alt_entries AS SELECT * FROM {search.TABLE} ORDER BY publication_date DESC, item_id DESC "
            "LIMIT %s",
            [args.rows],
        )
        cursor.execute("CREATE INDEX alt_newest ON alt_entries (publication_date DESC, item_id DESC)")
        built = {}
        indexes = {"pairs GIN": "CREATE INDEX alt_pairs ON alt_entries USING gin (pairs)",
                   "trigram GIN": "CREATE INDEX alt_trgm ON alt_entries USING gin (text gin_trgm_ops)"}  # fmt: skip
        for name, sql in indexes.items():
            began = time.perf_counter()
            cursor.execute(sql)
            built[name] = time.perf_counter() - began
        cursor.execute("VACUUM ANALYZE alt_entries")
        cursor.execute("SELECT pg_relation_size('alt_pairs'), pg_relation_size('alt_trgm'), "
                       "pg_total_relation_size('alt_entries')")  # fmt: skip
        pairs_size, trgm_size, table_size = cursor.fetchone()

    def scan(terms: list[str]) -> tuple[str, list[Any]]:
        return (f"SELECT item_id FROM alt_entries WHERE {' AND '.join(['strpos(text, %s) > 0'] * len(terms))} "
                f"{NEWEST}", list(terms))  # fmt: skip

    def trigram(terms: list[str]) -> tuple[str, list[Any]]:
        likes = " AND ".join(["text LIKE %s"] * len(terms))
        escaped: list[Any] = [
            "%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" for t in terms
        ]
        return f"WITH m AS MATERIALIZED (SELECT item_id, publication_date FROM alt_entries WHERE {likes}) " \
               f"SELECT item_id FROM m {NEWEST}", [f"%{t}%" for t in escaped]  # fmt: skip

    def pairs(terms: list[str]) -> tuple[str, list[Any]]:
        match, match_params = search._pairs_match("pairs", terms)
        found, found_params = search._contains("text", terms)
        return (f"WITH m AS MATERIALIZED (SELECT item_id, publication_date FROM alt_entries WHERE {match} AND "
                f"{found}) SELECT item_id FROM m {NEWEST}", [*match_params, *found_params])  # fmt: skip

    ways = {"sequential scan (icontains)": scan, "pg_trgm GIN, LIKE": trigram, "pairs GIN + strpos": pairs}
    times: dict[str, list[float]] = {name: [] for name in [*ways, "newest first, then pairs GIN"]}
    worst: dict[str, tuple[float, str]] = {name: (0.0, "") for name in times}
    original = search.TABLE
    for query in QUERIES:
        terms = search.split_terms(query)
        answers = {}
        for name, way in ways.items():
            sql, params = way(terms)
            timed(sql, params)
            runs = [timed(sql, params) for _ in range(args.runs)]
            times[name] += [ms for ms, _ in runs]
            answers[name] = runs[0][1]
            worst[name] = max(worst[name], (max(ms for ms, _ in runs), query))
        search.TABLE = "alt_entries"
        try:
            search._page(terms, search.NO_FILTERS, "date", 0, 20)
            runs_ms = []
            for _ in range(args.runs):
                began = time.perf_counter()
                ids, _, _ = search._page(terms, search.NO_FILTERS, "date", 0, 20)
                runs_ms.append((time.perf_counter() - began) * 1000)
        finally:
            search.TABLE = original
        times["newest first, then pairs GIN"] += runs_ms
        worst["newest first, then pairs GIN"] = max(worst["newest first, then pairs GIN"], (max(runs_ms), query))
        answers["newest first, then pairs GIN"] = ids
        assert len({tuple(a) for a in answers.values()}) == 1, (query, answers)
    print(f"\n== {args.rows:,} entries ({table_size / 1e6:.0f} MB with their indexes), {len(QUERIES)} queries, "
          f"{args.runs} runs each, the 20 newest matches (page and count: disclosure/search.py)")  # fmt: skip
    print(f"pairs GIN {pairs_size / 1e6:.0f} MB built in {built['pairs GIN']:.1f} s; trigram GIN "
          f"{trgm_size / 1e6:.0f} MB built in {built['trigram GIN']:.1f} s")  # fmt: skip
    for name, values in times.items():
        slowest, query = worst[name]
        print(f"{name:<32} p50 {pct(values, .5):7.1f} ms  p95 {pct(values, .95):7.1f} ms  slowest {slowest:7.1f} ms "
              f"({query})")  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE alt_entries")


if __name__ == "__main__":
    main()
