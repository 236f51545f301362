"""Drafting, checking and publishing the annual report. A draft is computed afresh from the records each time it
is read; publishing stores every cell as the report's snapshot (next year's 二 reads it)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from disclosure.models import Item, ItemStatus, ItemVersion, Posting
from portal.models import AuditKind, Organisation, PlatformProfile
from portal.services import record_audit
from portal.workdays import working_days_between
from requests_app.models import Application

from . import checks, layout
from .models import AnnualReport, ReportStatus, Scope
from .tables import Grid, applications, behind, table_four, table_three, table_two, values


def organisation_ids(organisation: Organisation, scope: str) -> list[int]:
    """The organisation alone, or with its offices (the organisations whose parent it is)."""
    ids = [organisation.pk]
    if scope == Scope.WITH_OFFICES:
        ids += list(Organisation.objects.filter(parent=organisation).values_list("pk", flat=True))
    return ids


def last_published(organisation: Organisation, year: int) -> AnnualReport | None:
    return AnnualReport.objects.filter(organisation=organisation, year=year, status=ReportStatus.PUBLISHED).first()


@dataclass
class Content:
    two: dict[str, Any]
    three: Grid
    four: Grid
    failures: list[checks.Failure]
    carried_in_from: str  # where 二 comes from, for the notes


def compute(report: AnnualReport) -> Content:
    ids = organisation_ids(report.organisation, report.scope)
    previous = last_published(report.organisation, report.year - 1)
    carried: dict[str, int] | None = None
    if previous is not None:
        carried = previous.cells["三"][layout.CARRIED_OUT]
        source = f"上年已发布报告（第{previous.version}版）的“四、结转下年度继续办理”"
    else:
        source = "办理记录（含导入的历史台账）：上年末尚未办结的申请"
    three = table_three(ids, report.year, carried)
    four = table_four(ids, report.year)
    failures = checks.run(three, four, carried, lambda check, column: behind(ids, report.year, check, column))
    return Content(table_two(ids, report.year), three, four, failures, source)


def cells(content: Content) -> dict[str, Any]:
    """Every cell keyed by its row and column labels, and the check results: the published snapshot and the
    JSON of `manage.py annual_report`."""
    return {
        "二": content.two,
        "三": values(content.three),
        "四": values(content.four),
        "二的来源": content.carried_in_from,
        "校验": [{"规则": f.check, "位置": f.cells, "说明": f.detail} for f in content.failures],
    }


def facts(organisation: Organisation, scope: str, year: int) -> dict[str, Any]:
    """What section 一 and 六 are pre-filled with."""
    ids = organisation_ids(organisation, scope)
    start, end = date(year, 1, 1), date(year, 12, 31)
    published = Item.objects.filter(
        organisation_id__in=ids, status=ItemStatus.PUBLISHED, publication_date__range=(start, end)
    )
    by_column = list(published.values("column__name").annotate(n=Count("id")).order_by("-n", "column__name"))
    received = applications(ids).filter(received_on__range=(start, end))
    closed = applications(ids).closed_between(start, end)  # as table 三(七) totals them
    count = closed.count()
    on_time = closed.on_time().count()
    replied = closed.filter(replied_on__isnull=False)
    replies = replied.count()
    days = _working_days_total(replied)
    mine = Item.objects.filter(organisation_id__in=ids)
    postings = Posting.objects.filter(item__organisation_id__in=ids, posted_on__range=(start, end))
    fees = Application.objects.filter(organisation_id__in=ids, fee_notified_on__range=(start, end))
    paid = fees.filter(fee_paid_on__range=(start, end)).aggregate(total=Sum("fee_amount"))["total"] or 0
    from consultations.selectors import held_in

    from ..assessments.services import result_sentence
    from ..complaints.models import Complaint
    from ..inspections.models import Inspection, LeadershipMeeting

    held = {"organisation_id__in": ids, "held_on__range": (start, end)}

    return {
        "assessment": result_sentence(ids, year),
        "meetings": LeadershipMeeting.objects.filter(**held).count(),
        "inspections": Inspection.objects.filter(**held).count(),
        "complaints": Complaint.objects.filter(organisation_id__in=ids, received_on__range=(start, end)).count(),
        "consultations": held_in(ids, year),
        "items": published.count(),
        "by_column": [(row["column__name"], row["n"]) for row in by_column],
        "received": received.count(),
        "closed": count,
        "on_time_rate": round(on_time * 100 / count, 1) if count else None,
        "average_working_days": round(days / replies, 1) if replies else None,
        "withdrawn": mine.filter(withdrawn_at__date__range=(start, end)).count(),
        "revised": ItemVersion.objects.filter(item__in=mine, replaced_at__date__range=(start, end)).count(),
        "no_longer_valid": mine.filter(validity_changed_on__range=(start, end)).count(),
        "postings": postings.count(),
        "posting_places": postings.values("place").distinct().count(),
        "fee_notices": fees.count(),
        "fees_paid": paid,
    }


def _working_days_total(closed: Any) -> int:
    """Σ working days from receipt to reply, from two grouped counts: the working days between two dates are
    W(reply) − W(receipt) for any fixed origin, so the sum needs W only at each distinct date."""
    origin = date(2000, 1, 1)

    def weighted(field: str) -> int:
        per_day = closed.values_list(field).annotate(n=Count("id")).values_list(field, "n")
        return sum(working_days_between(origin, day).value * n for day, n in per_day)

    return weighted("replied_on") - weighted("received_on")


def overview_text(organisation: Organisation, year: int, known: dict[str, Any]) -> str:
    """Section 一, written from the same records as the tables (办结 is table 三(七)'s total); each sub-section
    says what the records show, for the office to complete."""
    columns = "、".join(f"{name}{n}条" for name, n in known["by_column"][:8])
    published = f"全年主动公开政府信息{known['items']}条，其中{columns}" if known["items"] else "全年未主动公开政府信息"
    on_time, days = "无办结申请", ""
    if known["closed"]:
        on_time = f"按期答复率{known['on_time_rate']}%"
    if known["average_working_days"] is not None:
        days = f"，平均{known['average_working_days']}个工作日作出答复"
    managed = [f"严格执行先审后发，经保密审查、内容审核和终审后公开信息{known['items']}条"]
    for key, what in (("revised", "修订已公开信息{}条"), ("withdrawn", "撤回已公开信息{}条"),
                      ("no_longer_valid", "标注失效或废止的文件{}件")):  # fmt: skip
        if known[key]:
            managed.append(what.format(known[key]))
    offline = (f"，在{known['posting_places']}处政务公开栏等线下场所张贴公开信息{known['postings']}次"
               if known["postings"] else "")  # fmt: skip
    return (
        f"{year}年，{organisation.name}认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作。\n\n"
        f"（一）主动公开。{published}；就决策草案公开征求意见{known['consultations']}次。\n\n"
        f"（二）依申请公开。全年新收政府信息公开申请{known['received']}件，办结{known['closed']}件，{on_time}{days}。\n\n"
        f"（三）政府信息管理。{'，'.join(managed)}。\n\n"
        f"（四）政府信息公开平台建设。依托“{PlatformProfile.load().site_name}”公开政府信息{offline}。\n\n"
        f"（五）监督保障。全年召开政府信息公开工作领导小组会议{known['meetings']}次，开展监督检查{known['inspections']}次，"
        f"受理政府信息公开工作投诉举报{known['complaints']}件。{known['assessment']}"
    )


SUBHEADING = re.compile(r"^（[一二三四五六七八九十]+）[^。\n]{1,20}。", re.M)


def empty_subsections(text: str) -> list[str]:
    """The sub-headings of a section with nothing written under them (（三）政府信息管理。 and then the next)."""
    found = list(SUBHEADING.finditer(text))
    ends = [m.start() for m in found[1:]] + [len(text)] * bool(found)
    return [m.group(0) for m, end in zip(found, ends, strict=True) if not text[m.end() : end].strip()]


def other_matters_text(known: dict[str, Any]) -> str:
    if not known["fee_notices"]:
        return "本年度未收取信息处理费。"
    return (
        f"本年度发出收费通知{known['fee_notices']}件，收取信息处理费{known['fees_paid']}元"
        "（《政府信息公开信息处理费管理办法》）。"
    )


@transaction.atomic
def draft(*, organisation: Organisation, year: int, scope: str, actor: Any, today: date | None = None) -> AnnualReport:
    """A new draft, with sections 一 and 六 pre-filled from the records; a draft already open is returned."""
    today = today or timezone.localdate()
    if year >= today.year:
        raise ValidationError({"year": f"年度报告在年度结束后编制：{year}年尚未结束。"})
    existing = AnnualReport.objects.filter(
        organisation=organisation, year=year, status__in=[ReportStatus.DRAFT, ReportStatus.IN_REVIEW]
    ).first()
    if existing is not None:
        return existing
    published = last_published(organisation, year)
    version = (AnnualReport.objects.filter(organisation=organisation, year=year).count() or 0) + 1
    known = facts(organisation, scope, year)
    return AnnualReport.objects.create(
        organisation=organisation,
        year=year,
        version=version,
        scope=published.scope if published else scope,
        overview=published.overview if published else overview_text(organisation, year, known),
        problems=published.problems if published else "",
        other_matters=published.other_matters if published else other_matters_text(known),
        created_by=actor,
    )


def submission_problems(report: AnnualReport) -> list[str]:
    """Why the report cannot go to review yet ([] when it can)."""
    problems = [f"{f.check}（{f.cells}）：{f.detail}" for f in compute(report).failures]
    for label, text in ((layout.SECTIONS[0], report.overview), (layout.SECTIONS[4], report.problems)):
        if len(text.strip()) < 20:
            problems.append(f"请填写“{label}”（至少20字）。")
        problems += [f"“{label}”中的“{heading}”下尚未填写内容。" for heading in empty_subsections(text)]
    if report.version > 1 and len(report.correction_reason.strip()) < 4:
        problems.append("更正版本须说明更正理由。")
    return problems


def submit(*, report: AnnualReport, actor: Any) -> AnnualReport:
    """To the review queue, once every check passes and the prose is written."""
    from review import services as review

    with transaction.atomic():
        current = AnnualReport.objects.select_for_update().get(pk=report.pk)
        if current.status != ReportStatus.DRAFT:
            raise ValidationError("只有草稿可以提交审核。")
        problems = submission_problems(current)
        if problems:
            raise ValidationError(problems)
        current.status = ReportStatus.IN_REVIEW
        current.save(update_fields=["status", "updated_at"])
        review.submit(content=current, actor=actor)
    return current


@transaction.atomic
def publish(*, report: AnnualReport, approver: Any, now: Any) -> AnnualReport:
    """Called by the review queue after the last stage: every cell is stored as the report's snapshot, and the
    version it corrects stays beside it, marked as replaced."""
    from review.services import approved_for_publication

    current = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if not approved_for_publication(current):
        raise PermissionDenied("未经审核通过的年度报告不能发布（先审后发）。")
    content = compute(current)
    if content.failures:
        raise ValidationError([f"{f.check}（{f.cells}）：{f.detail}" for f in content.failures])
    AnnualReport.objects.filter(
        organisation=current.organisation, year=current.year, status=ReportStatus.PUBLISHED
    ).update(status=ReportStatus.SUPERSEDED)
    current.cells = cells(content)
    current.status = ReportStatus.PUBLISHED
    current.published_at = now
    current.save(update_fields=["cells", "status", "published_at", "updated_at"])
    record_audit(kind=AuditKind.ITEM_PUBLISHED, actor=approver, target=current.title)
    return current


@transaction.atomic
def send_back(*, report: AnnualReport, actor: Any, reason: str) -> AnnualReport:
    current = AnnualReport.objects.select_for_update().get(pk=report.pk)
    current.status = ReportStatus.DRAFT
    current.save(update_fields=["status", "updated_at"])
    return current


def mask(*, report: AnnualReport, hits: list[Any], actor: Any) -> list[str]:
    """A reviewer replaces personal data in the prose by the masked forms (the tables hold only counts)."""
    from disclosure.masking import mask_text

    current = AnnualReport.objects.select_for_update().get(pk=report.pk)
    for name in PROSE:
        wanted = {(str(h.kind), h.text) for h in hits if h.source == name}
        setattr(current, name, mask_text(getattr(current, name), wanted))
    current.save(update_fields=[*PROSE, "updated_at"])
    return []


PROSE = ["overview", "problems", "other_matters", "correction_reason"]


def correct(*, report: AnnualReport, actor: Any) -> AnnualReport:
    """A published report is corrected only by a new version, which states why; the old one stays public."""
    if report.status != ReportStatus.PUBLISHED:
        raise ValidationError("只有已发布的报告可以更正。")
    return draft(organisation=report.organisation, year=report.year, scope=report.scope, actor=actor)
