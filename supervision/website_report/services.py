"""Drafting, entering, submitting and publishing the website's yearly report. The figures the records hold are
counted and frozen when the report is drafted; a draft may count them again; publication keeps them as they are."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from portal.models import AuditKind, Organisation
from portal.services import record_audit

from . import figures, layout
from .models import WebsiteReport, WebsiteReportStatus


def suggestions(counted: dict[str, Any]) -> dict[str, Any]:
    """Entered rows pre-filled from what the portal knows, for staff to confirm."""
    return {
        "topics_new": counted.get("suggested_topics_new", 0),
        "drills": "yes" if counted.get("restore_drills") else None,
        "accessible": "yes",  # the platform's elder and high-contrast modes (GB/T 37668-2019)
    }


@transaction.atomic
def draft(*, organisation: Organisation, year: int, actor: Any, today: date | None = None) -> WebsiteReport:
    """The year's report with its figures counted now; the report already begun is returned."""
    today = today or timezone.localdate()
    if year >= today.year:
        raise ValidationError({"year": f"年度报表在年度结束后编制：{year}年尚未结束。"})
    existing = WebsiteReport.objects.filter(organisation=organisation, year=year).first()
    if existing is not None:
        return existing
    counted = figures.compute(organisation, year)
    return WebsiteReport.objects.create(
        organisation=organisation, year=year, figures=counted, computed_at=timezone.now(),
        entered=suggestions(counted), created_by=actor,
    )  # fmt: skip


@transaction.atomic
def recompute(*, report: WebsiteReport, actor: Any) -> WebsiteReport:
    current = WebsiteReport.objects.select_for_update().get(pk=report.pk)
    if current.status != WebsiteReportStatus.DRAFT:
        raise ValidationError("只有草稿可以重新统计。")
    current.figures = figures.compute(current.organisation, current.year)
    current.computed_at = timezone.now()
    current.save(update_fields=["figures", "computed_at", "updated_at"])
    return current


@transaction.atomic
def save_entered(*, report: WebsiteReport, values: dict[str, Any], actor: Any) -> WebsiteReport:
    current = WebsiteReport.objects.select_for_update().get(pk=report.pk)
    if current.status != WebsiteReportStatus.DRAFT:
        raise ValidationError("只有草稿可以修改。")
    current.entered = values
    current.save(update_fields=["entered", "updated_at"])
    return current


def value(report: WebsiteReport, key: str) -> Any:
    """One cell: counted, entered or added up (None where nothing is known)."""
    row = layout.BY_KEY[key]
    if row.source == layout.Source.TOTAL:
        parts = [value(report, part) for part in row.parts]
        return sum(parts) if all(p is not None for p in parts) else None
    store = report.figures if row.source == layout.Source.COMPUTED else report.entered
    return store.get(key)


def submission_problems(report: WebsiteReport) -> list[str]:
    """Why the report cannot go to review yet ([] when it can)."""
    entered = report.entered
    problems = []
    blank = [row for row in layout.ENTERED if row.kind != "text" and entered.get(row.key) is None]
    missing = [row.label.removeprefix("其中：") for row in blank]
    if missing:
        problems.append(f"请填写：{'、'.join(missing[:8])}{'等' if len(missing) > 8 else ''}（共{len(missing)}项）。")
    if entered.get("new_media") == "yes" and not (entered.get("weibo_name") or entered.get("wechat_name")
                                                  or entered.get("other_media")):  # fmt: skip
        problems.append("有移动新媒体的，请填写微博、微信或其他移动新媒体的名称。")
    people = [label for name, label in layout.PEOPLE if not entered.get(name)]
    if people:
        problems.append(f"请填写{'、'.join(people)}。")
    return problems


def submit(*, report: WebsiteReport, actor: Any, now: datetime | None = None) -> WebsiteReport:
    from review import services as review

    with transaction.atomic():
        current = WebsiteReport.objects.select_for_update().get(pk=report.pk)
        if current.status != WebsiteReportStatus.DRAFT:
            raise ValidationError("只有草稿可以提交审核。")
        problems = submission_problems(current)
        if problems:
            raise ValidationError(problems)
        current.status = WebsiteReportStatus.IN_REVIEW
        current.save(update_fields=["status", "updated_at"])
        review.submit(content=current, actor=actor, now=now)
    return current


@transaction.atomic
def publish(*, report: WebsiteReport, approver: Any, now: Any) -> WebsiteReport:
    """Called by the review queue after its last stage (先审后发)."""
    from review.services import approved_for_publication

    current = WebsiteReport.objects.select_for_update().get(pk=report.pk)
    if not approved_for_publication(current):
        raise PermissionDenied("未经审核通过的年度报表不能公开（先审后发）。")
    current.status = WebsiteReportStatus.PUBLISHED
    current.published_at = now
    current.save(update_fields=["status", "published_at", "updated_at"])
    record_audit(kind=AuditKind.ITEM_PUBLISHED, actor=approver, target=current.title)
    return current


@transaction.atomic
def send_back(*, report: WebsiteReport, actor: Any, reason: str) -> WebsiteReport:
    current = WebsiteReport.objects.select_for_update().get(pk=report.pk)
    current.status = WebsiteReportStatus.DRAFT
    current.save(update_fields=["status", "updated_at"])
    return current


TEXTS = [row.key for row in layout.ENTERED if row.kind == "text"] + [name for name, _ in layout.PEOPLE[:4]]


@transaction.atomic
def mask(*, report: WebsiteReport, hits: list[Any], actor: Any) -> list[str]:
    """A reviewer replaces personal data in the typed text by its masked form (the rest are counts)."""
    from disclosure.masking import mask_text

    current = WebsiteReport.objects.select_for_update().get(pk=report.pk)
    entered = dict(current.entered)
    for name in TEXTS:
        wanted = {(str(h.kind), h.text) for h in hits if h.source == name}
        if wanted and entered.get(name):
            entered[name] = mask_text(entered[name], wanted)
    current.entered = entered
    current.save(update_fields=["entered", "updated_at"])
    return []
