"""Named reads of the annual report, and its line on the workbench."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse

from portal.models import Organisation, PlatformProfile, Role
from portal.permissions import organisation_ids
from portal.templatetags.portal_tags import cn_date
from portal.workbench import Block, Line
from portal.workdays import working_days_between

from .models import AnnualReport, ReportStatus

# The drafters are reminded from this many working days before the deadline (and after it, until published).
REMIND_WORKING_DAYS = 20
# Who drafts and submits an organisation's report: the head of its disclosure office and its editors.
DRAFTERS = (Role.OFFICE_HEAD, Role.EDITOR)
STATES: dict[str | None, str] = {None: "尚未编制", ReportStatus.DRAFT: "草稿", ReportStatus.IN_REVIEW: "审核中"}


def deadline_for(year: int) -> date:
    """The publication deadline of the report on `year` (条例 第四十九条: 1月31日; the platform may set another)."""
    profile = PlatformProfile.load(fresh=True)
    return date(year + 1, profile.annual_report_deadline_month, profile.annual_report_deadline_day)


def workbench_block(user: Any, today: date) -> Block | None:
    """For those who draft it, from 20 working days before the deadline: whether last year's report is out."""
    own = organisation_ids(user, *DRAFTERS)
    if not own:
        return None
    year = today.year - 1
    due = deadline_for(year)
    if today < due and working_days_between(today, due).value > REMIND_WORKING_DAYS:
        return None
    lines = []
    reports = reverse("supervision:reports")
    for organisation in Organisation.objects.filter(pk__in=own, runs_own_column=True).order_by("position", "name"):
        status = (
            AnnualReport.objects.filter(organisation=organisation, year=year)
            .order_by("-version")
            .values_list("status", flat=True)
            .first()
        )
        if status in (ReportStatus.PUBLISHED, ReportStatus.SUPERSEDED):
            continue
        state = STATES[status]
        late = f"已超过发布期限（{cn_date(due)}）" if today > due else ""
        lines.append(Line(f"{organisation.short_name}{year}年度报告：{state}，{cn_date(due)}前发布", reports, late))
    return Block("政府信息公开工作年度报告", lines) if lines else None
