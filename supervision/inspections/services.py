"""Recording inspections and leadership-group meetings, and following up what they require: the organisation
reports a rectification or task done, and it is closed (销号) by the inspector, or for a meeting's task by the
head of the disclosure office; one not done yet is sent back with the reason."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from portal.models import Organisation
from portal.tabular import parse_date
from portal.templatetags.portal_tags import cn_date

from .models import FollowUp, FollowUpStatus, Inspection, InspectionKind, LeadershipMeeting

SEPARATORS = re.compile(r"\s*[|｜；;\t]\s*")


def parse_requirements(text: str, earliest: date) -> list[tuple[str, str, date]]:
    """One a line: 要求；责任人或科室；期限 (e.g. 补齐空白栏目；党政办；2026-12-31)."""
    found, errors = [], []
    for n, line in enumerate(text.strip().splitlines(), start=1):
        if not line.strip():
            continue
        parts = SEPARATORS.split(line.strip())
        due = parse_date(parts[-1]) if len(parts) == 3 else None
        if due is None:
            errors.append(f"第{n}行应为“要求；责任人或科室；期限”，期限如 2026-12-31。")
        elif due < earliest:
            errors.append(f"第{n}行的期限早于{earliest:%Y年%-m月%-d日}。")
        else:
            found.append((parts[0], parts[1], due))
    if errors:
        raise ValidationError({"requirements": errors})
    return found


def _past(day: date, today: date, field: str) -> dict[str, str]:
    return {field: "日期不能晚于今天：事后记录。"} if day > today else {}


@transaction.atomic
def record_inspection(*, organisation: Organisation, kind: str, held_on: date, scope: str, inspectors: str,
                      findings: str, requirements: str, actor: Any, today: date) -> Inspection:  # fmt: skip
    errors: dict[str, Any] = _past(held_on, today, "held_on")
    if kind not in InspectionKind.values:
        errors["kind"] = "请选择定期检查或不定期检查。"
    try:
        required = parse_requirements(requirements, held_on)
    except ValidationError as error:
        errors.update(error.message_dict)
        required = []
    if errors:
        raise ValidationError(errors)
    inspection = Inspection.objects.create(organisation=organisation, kind=kind, held_on=held_on, scope=scope.strip(),
                                           inspectors=inspectors.strip(), findings=findings.strip(),
                                           recorded_by=actor)  # fmt: skip
    FollowUp.objects.bulk_create(
        FollowUp(organisation=organisation, inspection=inspection, requirement=r, owner=o, due_on=d)
        for r, o, d in required
    )
    return inspection


@transaction.atomic
def record_meeting(*, organisation: Organisation, held_on: date, attendees: str, topics: str, decisions: str,
                   tasks: str, actor: Any, today: date) -> LeadershipMeeting:  # fmt: skip
    errors: dict[str, Any] = _past(held_on, today, "held_on")
    try:
        required = parse_requirements(tasks, held_on)
    except ValidationError as error:
        errors["tasks"] = error.message_dict["requirements"]
        required = []
    if errors:
        raise ValidationError(errors)
    meeting = LeadershipMeeting.objects.create(organisation=organisation, held_on=held_on, attendees=attendees.strip(),
                                               topics=topics.strip(), decisions=decisions.strip(),
                                               recorded_by=actor)  # fmt: skip
    FollowUp.objects.bulk_create(
        FollowUp(organisation=organisation, meeting=meeting, requirement=r, owner=o, due_on=d) for r, o, d in required
    )
    return meeting


@transaction.atomic
def report_done(*, follow_up: FollowUp, report: str, today: date) -> FollowUp:
    current = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if current.status == FollowUpStatus.CLOSED:
        raise ValidationError("该事项已销号。")
    if len(report.strip()) < 4:
        raise ValidationError({"report": "请写明完成情况（做了什么、何时完成）。"})
    current.report, current.reported_on, current.status = report.strip(), today, FollowUpStatus.REPORTED
    current.save(update_fields=["report", "reported_on", "status"])
    return current


@transaction.atomic
def close(*, follow_up: FollowUp, actor: Any, today: date) -> FollowUp:
    current = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if current.status != FollowUpStatus.REPORTED:
        raise ValidationError("责任单位报告完成后才能销号。")
    current.status, current.closed_on, current.closed_by = FollowUpStatus.CLOSED, today, actor
    current.save(update_fields=["status", "closed_on", "closed_by"])
    return current


@transaction.atomic
def send_back(*, follow_up: FollowUp, reason: str, today: date) -> FollowUp:
    current = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if current.status != FollowUpStatus.REPORTED:
        raise ValidationError("只有已报告完成的事项可以退回。")
    if len(reason.strip()) < 4:
        raise ValidationError({"reason": "请说明退回理由（还缺什么）。"})
    current.status = FollowUpStatus.OPEN
    current.report = f"{current.report}\n（{cn_date(today)}退回：{reason.strip()}）"
    current.save(update_fields=["status", "report"])
    return current


def workbench_block(user: Any, today: date) -> Any:
    """Office heads: their organisations' open rectifications and tasks; inspectors: those reported done."""
    from django.urls import reverse

    from portal.models import Role
    from portal.permissions import is_inspector, organisation_ids
    from portal.workbench import Block, Line

    own = organisation_ids(user, Role.OFFICE_HEAD)
    waiting = FollowUp.objects.none()
    if own:
        waiting = FollowUp.objects.filter(organisation_id__in=own, status=FollowUpStatus.OPEN)
    if is_inspector(user):
        waiting = waiting | FollowUp.objects.filter(status=FollowUpStatus.REPORTED, inspection__isnull=False)
    page = reverse("inspections:follow-ups")
    lines = [
        Line(f"{f.source}：{f.requirement[:30]}（{f.owner}，{f.due_on:%-m月%-d日}前）", f"{page}#follow-up-{f.pk}",
             "已超期" if f.due_on < today and f.status == FollowUpStatus.OPEN else "")
        for f in waiting.order_by("due_on", "id")[:20]
    ]  # fmt: skip
    return Block("整改和督办事项", lines) if lines else None
