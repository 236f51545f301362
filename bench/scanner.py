"""Precision and recall of the personal-data scanner on the labelled corpus (issue 4).

Targets: recall 100% on the true personal data and markings; no false positive on the look-alikes.
    python bench/scanner.py
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from review.scanner import Text, scan  # noqa: E402
from tests.review.scanner_corpus import LOOKALIKES, POSITIVES  # noqa: E402


def main() -> None:
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


if __name__ == "__main__":
    main()
