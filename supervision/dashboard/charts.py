"""Charts of the dashboard as inline SVG, drawn by leather: presentation attributes only (no style attribute,
no script), so the page's Content-Security-Policy needs no exception; every label goes through ElementTree,
which escapes it. Each chart is shown beside a table of the same numbers for screen readers."""

from __future__ import annotations

import leather
from django.utils.safestring import SafeString

FONT = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, sans-serif"
for name in ("title_font_family", "tick_font_family", "legend_font_family", "axis_title_font_family"):
    setattr(leather.theme, name, FONT)
leather.theme.background_color = "#ffffff"
leather.theme.default_series_colors = ["#1d5fa8", "#b8322a", "#2e7d32", "#6d4c41"]


def bars(pairs: list[tuple[str, int]], width: int = 560) -> SafeString:
    """Horizontal bars, one per (label, value); an empty chart when there is nothing to draw."""
    chart = leather.Chart()
    chart.add_bars([(value, label) for label, value in pairs] or [(0, "—")])
    height = 60 + 26 * max(len(pairs), 1)
    svg = chart.to_svg(width=width, height=height)
    # scales to the page's width (a 375 px phone too); decorative beside its table, which screen readers read
    opening = f'<svg width="{width}" height="{height}" '
    if not svg.startswith(opening):
        raise ValueError(f"leather wrote an unexpected SVG opening: {svg[:80]}")
    start = f'<svg class="chart" viewBox="0 0 {width} {height}" aria-hidden="true" focusable="false" '
    # reviewed: every label was escaped by ElementTree (tests/security/test_code_review.py)
    return SafeString(start + svg[len(opening) :])  # nosec B703
