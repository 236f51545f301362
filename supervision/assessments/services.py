"""Scoring the year-end assessment: every computed indicator from the dashboard's figures of the year, with the
evidence written beside the points; the scored ones by an inspector with a note; the assessment fixed (定档)
once every indicator has a score; the ranking of a year."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum

from portal.models import Organisation

from ..dashboard import selectors as dashboard
from ..dashboard.selectors import Period, Row
from .models import Assessment, AssessmentStatus, Indicator, Rule, Score


def _points(value: float) -> Decimal:
    return Decimal(str(max(value, 0))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _report_on_time(organisation: Organisation, year: int) -> tuple[bool, str]:
    from ..annual_report.models import AnnualReport, ReportStatus
    from ..annual_report.selectors import deadline_for

    due = deadline_for(year - 1)
    first = (
        AnnualReport.objects.filter(organisation=organisation, year=year - 1, published_at__isnull=False)
        .exclude(status=ReportStatus.DRAFT)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    if first is None:
        return False, f"{year - 1}年度报告未发布"
    on = first.date()
    return on <= due, f"{year - 1}年度报告于{on:%Y年%-m月%-d日}发布，期限{due:%Y年%-m月%-d日}"


def computed(indicator: Indicator, row: Row, year: int) -> tuple[Decimal, str]:
    """(points, evidence) of a computed indicator for one organisation's row of the year."""
    w = indicator.weight
    match indicator.rule:
        case Rule.ON_TIME:
            share = row.on_time_share
            return _points(w * (share if share is not None else 1)), f"办结{row.closed}件，按期{row.on_time}件"
        case Rule.LATE:
            return _points(w - row.late), f"超过20个工作日公开{row.late}条（共公开{row.published}条）"
        case Rule.BLANK:
            blank = len(row.blank_columns)
            names = "、".join(c.name for c in row.blank_columns[:10])
            return _points(0 if row.fails_blank else w - 2 * blank), f"空白栏目{blank}个" + (
                f"：{names}" if names else ""
            )
        case Rule.STALE:
            stale = len(row.stale_columns)
            return _points(w - 2 * stale), f"不更新栏目{stale}个" + "".join(
                f"、{c.name}" for c, _ in row.stale_columns[:10]
            )
        case Rule.COMPLAINTS:
            return _points(
                w - 5 * row.complaints_upheld
            ), f"投诉举报{row.complaints}件，成立或部分成立{row.complaints_upheld}件"
        case Rule.REPORT:
            on_time, evidence = _report_on_time(row.organisation, year)
            return _points(w if on_time else 0), evidence
        case Rule.CONSULTATION:
            figures = row.consultations
            share = figures.answered_share if figures else None
            evidence = (f"意见征集{figures.held}次，收到意见{figures.comments}条，已答复{figures.answered}条"
                        if figures and figures.held else "无意见征集")  # fmt: skip
            return _points(w * (share if share is not None else 1)), evidence
        case Rule.SATISFACTION:
            share = row.satisfied_share
            total = sum(row.ratings.values())
            return _points(w * (share if share is not None else 1)), f"评价{total}人次，满意和基本满意{share or 0:.0%}"
        case Rule.INTERACTION:
            return _interaction(w, row)
        case Rule.OBLIGATIONS:
            return _obligations(w, row)
        case Rule.INTERPRETATION:
            return _interpretation(w, row)
    raise ValueError(indicator.rule)


def _obligations(weight: int, row: Row) -> tuple[Decimal, str]:
    """国办发〔2019〕54号: each 公开事项 due in the year published on time; one 应公开未公开 costs a point more."""
    tally = row.obligations
    if tally is None or not tally.due:
        return _points(weight), "无到期的标准目录事项"
    evidence = f"到期事项{tally.due}个：按时公开{tally.met}个，逾期公开{tally.late}个，应公开未公开{tally.missing}个"
    return _points(max(weight * tally.met / tally.due - tally.missing, 0)), evidence


def _interpretation(weight: int, row: Row) -> tuple[Decimal, str]:
    """国办发〔2016〕80号 实施细则 三同步: policies whose interpretation followed within the limit."""
    figures = row.policies
    decided = figures.timely + figures.without_timely if figures else 0
    if not decided:
        return _points(weight), "无到期的行政规范性文件"
    evidence = f"行政规范性文件{figures.policies}件：按时解读{figures.timely}件，逾期或未解读{figures.without_timely}件"
    return _points(weight * figures.timely / decided), evidence


def _interaction(weight: int, row: Row) -> tuple[Decimal, str]:
    """互动回应: the share answered on time; a question unanswered for three months fails the website inspection
    (国办秘函〔2019〕19号, 互动回应差), so it scores nothing."""
    figures = row.questions
    if figures is None or not (figures.received or figures.answered or figures.open_now):
        return _points(weight), "无政务咨询"
    evidence = f"收到政务咨询{figures.received}条，答复{figures.answered}条，按期{figures.on_time}条"
    if figures.oldest_open:
        evidence += f"；最早未答复的收到于{figures.oldest_open:%Y年%-m月%-d日}"
    if figures.past_veto:
        return _points(0), evidence + f"；{len(figures.past_veto)}条超过3个月未答复（单项否决项）"
    share = figures.on_time_share
    return _points(weight * (share if share is not None else 1)), evidence


@transaction.atomic
def start(*, year: int, organisations: list[Organisation], today: date) -> list[Assessment]:
    """The year's assessments, with the computed scores (again, while a draft, as the records change)."""
    if year > today.year:
        raise ValidationError("不能考核尚未开始的年度。")
    rows = {r.organisation.pk: r for r in dashboard.rows(organisations, Period.year(year), today)}
    indicators = [i for i in Indicator.objects.filter(is_active=True) if i.rule != Rule.SCORED]
    made = []
    for organisation in organisations:
        assessment, _ = Assessment.objects.get_or_create(organisation=organisation, year=year)
        if assessment.status == AssessmentStatus.FINAL:
            made.append(assessment)
            continue
        for indicator in indicators:
            points, evidence = computed(indicator, rows[organisation.pk], year)
            Score.objects.update_or_create(assessment=assessment, indicator=indicator,
                                           defaults={"points": points, "evidence": evidence})  # fmt: skip
        _total(assessment)
        made.append(assessment)
    return made


def _total(assessment: Assessment) -> None:
    assessment.total = assessment.scores.aggregate(t=Sum("points"))["t"] or Decimal(0)
    assessment.save(update_fields=["total"])


@transaction.atomic
def score(*, assessment: Assessment, indicator: Indicator, points: Decimal, note: str, actor: Any) -> Score:
    """An inspector's score of an indicator scored by hand, with the reason."""
    if assessment.status == AssessmentStatus.FINAL:
        raise ValidationError("考核已定档，不能再修改。")
    if indicator.rule != Rule.SCORED:
        raise ValidationError("该指标由系统根据数据计算。")
    if not Decimal(0) <= points <= indicator.weight:
        raise ValidationError({"points": f"得分应在0至{indicator.weight}分之间。"})
    if len(note.strip()) < 4:
        raise ValidationError({"note": "请说明评分理由。"})
    values = {"points": points, "note": note.strip(), "scored_by": actor}
    found, _ = Score.objects.update_or_create(assessment=assessment, indicator=indicator, defaults=values)
    _total(assessment)
    return found


def missing(assessment: Assessment) -> list[Indicator]:
    scored = set(assessment.scores.values_list("indicator_id", flat=True))
    return [i for i in Indicator.objects.filter(is_active=True) if i.pk not in scored]


@transaction.atomic
def finalise(*, assessment: Assessment, actor: Any, today: date) -> Assessment:
    current = Assessment.objects.select_for_update().get(pk=assessment.pk)
    waiting = missing(current)
    if waiting:
        raise ValidationError("还有指标未评分：" + "、".join(i.name for i in waiting))
    current.status, current.finalised_on, current.finalised_by = AssessmentStatus.FINAL, today, actor
    current.save(update_fields=["status", "finalised_on", "finalised_by"])
    return current


def ranking(year: int) -> list[tuple[int, Assessment]]:
    """The fixed assessments of a year by total, ties sharing a place."""
    ranked, place, previous = [], 0, None
    for n, assessment in enumerate(
        Assessment.objects.filter(year=year, status=AssessmentStatus.FINAL).select_related("organisation")
        .order_by("-total", "organisation__name"), start=1
    ):  # fmt: skip
        if assessment.total != previous:
            place, previous = n, assessment.total
        ranked.append((place, assessment))
    return ranked


def result_sentence(organisation_ids: list[int], year: int) -> str:
    """For section 一 of the annual report (第五十条第四项): the year's assessment result."""
    found = (
        Assessment.objects.filter(organisation_id__in=organisation_ids, year=year, status=AssessmentStatus.FINAL)
        .order_by("-total")
        .first()
    )
    if found is None:
        return ""
    places = {a.pk: place for place, a in ranking(year)}
    return f"{year}年度政府信息公开工作考核得分{found.total}分，在{len(places)}个参评机构中排名第{places[found.pk]}。"
