"""The publication deadline of 政府网站工作年度报表 and what follows from it: on time or late, the workbench
line, the platform's list and the self-check's item.

国办发〔2017〕47号 (《政府网站发展指引》) asks every government website to publish its yearly report; 国办函〔2018〕12号
fixes the date: 每年1月31日前 on the site's home page. A report on `year` is on time when published on or before
31 January of `year + 1`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.urls import reverse
from django.utils import timezone

from portal.models import Organisation, Role
from portal.permissions import organisation_ids
from portal.templatetags.portal_tags import cn_date
from portal.workbench import Block, Line

from .models import WebsiteReport, WebsiteReportStatus

DEADLINE_MONTH, DEADLINE_DAY = 1, 31  # 国办函〔2018〕12号: 每年1月31日前
# Who drafts and submits an organisation's report: the head of its disclosure office and its editors.
DRAFTERS = (Role.OFFICE_HEAD, Role.EDITOR)
ON_TIME, LATE, MISSING, NOT_DUE = "按时", "逾期", "未公开", "未到期限"


def deadline_for(year: int) -> date:
    return date(year + 1, DEADLINE_MONTH, DEADLINE_DAY)


def published_on(report: WebsiteReport | None) -> date | None:
    if report is None or report.status != WebsiteReportStatus.PUBLISHED or report.published_at is None:
        return None
    return timezone.localdate(report.published_at)


def timeliness(year: int, published: date | None, today: date) -> str:
    """按时 (published by 31 January of the next year), 逾期 (published after it), 未公开 (not published and the
    day has passed), 未到期限 (not published yet, still in time)."""
    due = deadline_for(year)
    if published is not None:
        return ON_TIME if published <= due else LATE
    return MISSING if today > due else NOT_DUE


def reporting_organisations() -> Any:
    """Every organisation that runs a site or sub-site of its own (a 政府信息公开 column)."""
    return Organisation.objects.with_column().order_by("position", "name")


@dataclass
class PlatformRow:
    organisation: Organisation
    report: WebsiteReport | None
    published: date | None
    state: str


def platform_rows(year: int, today: date) -> list[PlatformRow]:
    """Every reporting organisation with its report of the year (one query for the reports)."""
    reports = {r.organisation_id: r for r in WebsiteReport.objects.filter(year=year)}
    rows = []
    for organisation in reporting_organisations():
        report = reports.get(organisation.pk)
        published = published_on(report)
        rows.append(PlatformRow(organisation, report, published, timeliness(year, published, today)))
    return rows


def workbench_block(user: Any, today: date) -> Block | None:
    """From 1 January until last year's report is published: the deadline, then that it has passed."""
    own = organisation_ids(user, *DRAFTERS)
    if not own:
        return None
    year = today.year - 1
    due = deadline_for(year)
    states = dict(
        WebsiteReport.objects.filter(organisation_id__in=own, year=year).values_list("organisation_id", "status")
    )
    lines = []
    for organisation in Organisation.objects.filter(pk__in=own).with_column().order_by("position", "name"):
        status = states.get(organisation.pk)
        if status == WebsiteReportStatus.PUBLISHED:
            continue
        state = WebsiteReportStatus(status).label if status else "尚未编制"
        late = f"已逾期（应于{cn_date(due)}前公开）" if today > due else ""
        text = f"{organisation.short_name}{year}年政府网站工作年度报表（{state}）：须于1月31日前公开"
        lines.append(Line(text, reverse("website-report:reports"), late))
    return Block("政府网站工作年度报表", lines) if lines else None
