"""The minimum consultation periods (regulation.md §4; 《重大行政决策程序暂行条例》第十五条, 国办发〔2018〕37号).
A period counts from the day after the draft is published (民法典 第二百零一条), as the time limits of
applications do (portal/workdays.py): 30 days from 2 March end on 1 April; 7 working days from 28 September
(National Day between) end on 13 October."""

from __future__ import annotations

from datetime import date, timedelta

from portal.workdays import add_working_days

from .models import MatterKind

MAJOR_DECISION_DAYS = 30
NORMATIVE_WORKING_DAYS = 7
MARKET_RELATED_DAYS = 30


def minimum_closing(kind: str, market_related: bool, opens_on: date) -> date | None:
    """The earliest closing date the law allows, or None where it sets no minimum."""
    if kind == MatterKind.MAJOR_DECISION or (kind == MatterKind.NORMATIVE and market_related):
        return opens_on + timedelta(days=MAJOR_DECISION_DAYS)
    if kind == MatterKind.NORMATIVE:
        return add_working_days(opens_on, NORMATIVE_WORKING_DAYS).value
    return None


def minimum_text(kind: str, market_related: bool) -> str:
    if kind == MatterKind.MAJOR_DECISION:
        return f"重大行政决策征求意见期限不少于{MAJOR_DECISION_DAYS}日"
    if kind == MatterKind.NORMATIVE and market_related:
        return f"与市场主体生产经营活动密切相关的行政规范性文件征求意见期限不少于{MARKET_RELATED_DAYS}日"
    if kind == MatterKind.NORMATIVE:
        return f"行政规范性文件征求意见期限不少于{NORMATIVE_WORKING_DAYS}个工作日"
    return ""


def period_problems(kind: str, market_related: bool, opens_on: date, closes_on: date, reason: str) -> dict[str, str]:
    """What is wrong with a consultation's dates, by field ({} when they are lawful)."""
    if closes_on < opens_on:
        return {"closes_on": "截止日期不能早于开始日期。"}
    earliest = minimum_closing(kind, market_related, opens_on)
    if earliest is not None and closes_on < earliest and len(reason.strip()) < 4:
        return {
            "short_reason": f"{minimum_text(kind, market_related)}（自开始之日的次日起算，"
            f"至少到{earliest:%Y年%-m月%-d日}）；期限更短的，须说明理由，理由将在公开页面上显示。"
        }
    return {}


def is_short(kind: str, market_related: bool, opens_on: date, closes_on: date) -> bool:
    earliest = minimum_closing(kind, market_related, opens_on)
    return earliest is not None and closes_on < earliest
