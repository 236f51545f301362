"""The personal-data scanner (regulation.md §3): precision and recall on the labelled corpus, and the time to
check a long document as the review does it (text out of a 200-page DOCX, then the scan).

Targets: recall 100% on true personal data and markings, including full-width digits, 15-digit and grouped ID
numbers, mobiles with separators and name lists as table rows; no false positive on the look-alikes (masked
values, landlines, labels without a value, 8-digit local numbers); a 200-page DOCX in under 2 s.
    python bench/scanner.py
"""

import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from disclosure.extract import extract_text  # noqa: E402
from review.scanner import Text, scan  # noqa: E402
from tests.review.scanner_corpus import LOOKALIKES, POSITIVES  # noqa: E402

PAGES = 200
ROWS_PER_PAGE = 25  # a name-list table row per line of an A4 page
ID = "430524197511203185"


def corpus() -> None:
    expected = {(i, kind, text) for i, (_, hits) in enumerate(POSITIVES) for kind, text in hits}
    found = set()
    began = time.perf_counter()
    for i, (text, _) in enumerate(POSITIVES):
        found |= {(i, str(h.kind), h.text) for h in scan([Text("body", text)])}
    false_alarms = [(text, [h.text for h in scan([Text("body", text)])]) for text in LOOKALIKES]
    false_alarms = [(t, hits) for t, hits in false_alarms if hits]
    elapsed = (time.perf_counter() - began) * 1000
    true_positive = len(found & expected)
    precision = true_positive / len(found) if found else 1.0
    recall = true_positive / len(expected)
    print(f"corpus: {len(POSITIVES)} texts with {len(expected)} true hits, {len(LOOKALIKES)} look-alike texts")
    print(f"recall {recall:.1%} (target 100%), precision {precision:.1%} on the positives")
    print(f"look-alikes flagged: {len(false_alarms)} (target 0)")
    for text, hits in false_alarms:
        print(f"  false positive in {text!r}: {hits}")
    for miss in sorted(expected - found):
        print(f"  missed: {miss}")
    print(f"scanned in {elapsed:.1f} ms")


def long_docx() -> bytes:
    """200 pages: on each, a paragraph of prose and a name-list table in which one row in five holds an ID."""
    import docx

    document = docx.Document()
    for page in range(PAGES):
        document.add_paragraph(
            f"第{page + 1}页 根据《社会救助暂行办法》，经村民代表会议评议、镇人民政府审核，现将名单公示如下。" * 3
        )
        table = document.add_table(rows=0, cols=4)
        for row in range(ROWS_PER_PAGE):
            cells = table.add_row().cells
            cells[0].text, cells[1].text = str(row + 1), "赵某某"
            cells[2].text = ID if row % 5 == 0 else "43************185"
            cells[3].text = "360元"
        document.add_page_break()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_timing() -> None:
    data = long_docx()
    began = time.perf_counter()
    text = extract_text("名单.docx", io.BytesIO(data))
    extracted = time.perf_counter()
    hits = scan([Text("attachment:名单.docx", text)])
    done = time.perf_counter()
    expected = PAGES * ROWS_PER_PAGE // 5
    print(f"200-page DOCX ({len(data) / 1024:.0f} KB, {len(text):,} characters): extract {extracted - began:.2f} s, "
          f"scan {done - extracted:.2f} s, total {done - began:.2f} s (target < 2 s); "
          f"{len(hits)} hits of {expected} expected")  # fmt: skip


if __name__ == "__main__":
    corpus()
    docx_timing()
