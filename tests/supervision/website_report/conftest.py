"""The 互动交流 figures come from the public Q&A (consultations/questions, built beside this capability): its
reading is replaced here by what each test says the Q&A holds, so these tests do not depend on it."""

from typing import Any

import pytest

from tests.consultations.conftest import closed  # noqa: F401

QUESTIONS = {"received": 0, "closed": 0, "average_days": None, "published": 0}


@pytest.fixture(autouse=True)
def questions(monkeypatch: Any) -> dict[str, Any]:
    held = dict(QUESTIONS)
    asked: list[tuple[list[int], int]] = []

    def year_figures(organisation_ids: list[int], year: int) -> dict[str, Any]:
        asked.append((sorted(organisation_ids), year))
        return dict(held)

    monkeypatch.setattr("supervision.website_report.figures.question_figures", year_figures)
    held["asked"] = asked  # type: ignore[assignment]
    return held


def pin_today(monkeypatch: Any, day: Any) -> None:
    """`timezone.localdate()` answers `day`; with an argument (a time to convert) it converts as usual."""
    from django.utils import timezone

    original = timezone.localdate
    monkeypatch.setattr("django.utils.timezone.localdate", lambda value=None, *a, **k: original(value, *a, **k)
                        if value is not None else day)  # fmt: skip
