"""Figures for supervision: review turnaround per stage and organisation, overrides, items returned."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from .models import Decision, DecisionKind, Override

DECIDING = {DecisionKind.APPROVE, DecisionKind.RETURN, DecisionKind.REJECT, DecisionKind.REFER}


@dataclass
class StageFigure:
    organisation: str
    stage: str
    decided: int
    average_hours: float
    longest_hours: float


def stage_turnaround(decisions: QuerySet[Decision]) -> list[StageFigure]:
    """From the moment content reached a stage (the previous decision) to that stage's decision."""
    rows = decisions.select_related("submission__organisation", "stage").order_by("submission_id", "at", "id")
    spans: dict[tuple[str, str], list[float]] = defaultdict(list)
    previous: dict[int, Any] = {}
    for decision in rows:
        started = previous.get(decision.submission_id)
        if decision.kind in DECIDING and started is not None and decision.stage is not None:
            key = (decision.submission.organisation.name, decision.stage.name)
            spans[key].append((decision.at - started).total_seconds() / 3600)
        if decision.kind in (DecisionKind.SUBMIT, DecisionKind.APPROVE, DecisionKind.ANSWER):
            previous[decision.submission_id] = decision.at
    return [
        StageFigure(org, stage, len(hours), sum(hours) / len(hours), max(hours))
        for (org, stage), hours in sorted(spans.items())
    ]


def counts_by_organisation(decisions: QuerySet[Decision], overrides: QuerySet[Override]) -> list[dict[str, Any]]:
    table: dict[str, dict[str, int]] = defaultdict(
        lambda: {"submitted": 0, "returned": 0, "rejected": 0, "overrides": 0}
    )
    for name, kind in decisions.values_list("submission__organisation__name", "kind"):
        if kind == DecisionKind.SUBMIT:
            table[name]["submitted"] += 1
        elif kind == DecisionKind.RETURN:
            table[name]["returned"] += 1
        elif kind == DecisionKind.REJECT:
            table[name]["rejected"] += 1
    for name in overrides.filter(confirmed_by__isnull=False).values_list("submission__organisation__name", flat=True):
        table[name]["overrides"] += 1
    return [{"organisation": name, **values} for name, values in sorted(table.items())]
