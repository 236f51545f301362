"""The legal rules of disclosure on application that are pure arithmetic: deadlines, fees, outcomes."""

from datetime import date

import pytest

from portal.models import AdjustmentKind
from portal.services import package_arrangements
from portal.workdays import WorkingCalendar
from requests_app.deadlines import (
    Pause,
    correction_notice_due,
    fee_payment_due,
    inter_agency_answer_due,
    reply_deadline,
    third_party_answer_due,
)
from requests_app.fees import fee_per_application, fee_per_page
from requests_app.notices import REPLY_TITLES
from requests_app.outcomes import NEEDS_GROUND_AND_REASON, REPORT_ROW, Outcome


@pytest.fixture(scope="module")
def calendar() -> WorkingCalendar:
    years = package_arrangements()
    days = {d: kind == AdjustmentKind.WORKDAY for y in years.values() for d, (kind, _) in y.items()}
    return WorkingCalendar(days, years.keys(), today=date(2026, 11, 28))


def test_article_33_reply_within_20_working_days(calendar: WorkingCalendar) -> None:
    """条例 第三十三条: 20 working days from receipt; the receipt day is not counted."""
    reckoning = reply_deadline(received=date(2025, 9, 30), calendar=calendar)
    assert reckoning.deadline == date(2025, 11, 4)  # the National Day and Mid-Autumn break is not counted
    assert "自2025年9月30日起算 20 个工作日" in reckoning.explain()


def test_article_33_one_extension_of_at_most_20_working_days(calendar: WorkingCalendar) -> None:
    extended = reply_deadline(received=date(2026, 11, 2), extension_working_days=20, calendar=calendar)
    plain = reply_deadline(received=date(2026, 11, 2), calendar=calendar)
    assert calendar.working_days_between(plain.deadline, extended.deadline).value == 20
    assert "经批准延长 20 个工作日" in extended.explain()
    with pytest.raises(ValueError, match="最长不超过20个工作日"):
        reply_deadline(received=date(2026, 11, 2), extension_working_days=21, calendar=calendar)


def test_article_30_correction_restarts_the_clock(calendar: WorkingCalendar) -> None:
    """条例 第三十条: the reply period runs from the day the corrected application arrives."""
    reckoning = reply_deadline(received=date(2026, 11, 2), correction_received=date(2026, 11, 16), calendar=calendar)
    assert reckoning.clock_start == date(2026, 11, 16)
    assert reckoning.deadline == calendar.add_working_days(date(2026, 11, 16), 20).value


def test_article_30_correction_notice_within_7_working_days(calendar: WorkingCalendar) -> None:
    assert correction_notice_due(date(2026, 9, 30), calendar).value == date(
        2026, 10, 15
    )  # over National Day, Sat 10th worked


def test_article_33_consultation_time_is_not_counted(calendar: WorkingCalendar) -> None:
    """条例 第三十三条第三款: time spent consulting a third party (第三十二条) or another agency (第三十四条)."""
    pause = Pause(started=date(2026, 11, 9), ended=date(2026, 11, 20))  # 9 working days after the letter
    paused = reply_deadline(received=date(2026, 11, 2), pauses=(pause,), calendar=calendar)
    plain = reply_deadline(received=date(2026, 11, 2), calendar=calendar)
    assert paused.paused_working_days == 9
    assert calendar.working_days_between(plain.deadline, paused.deadline).value == 9
    assert "征求意见期间 9 个工作日不计入" in paused.explain()


def test_articles_32_and_34_consultation_answers_within_15_working_days(calendar: WorkingCalendar) -> None:
    assert third_party_answer_due(date(2026, 11, 2), calendar).value == date(2026, 11, 23)
    assert inter_agency_answer_due(date(2026, 11, 2), calendar).value == date(2026, 11, 23)


def test_fee_is_due_20_working_days_after_the_notice(calendar: WorkingCalendar) -> None:
    """信息处理费管理办法: unpaid in 20 working days from the day after the notice → 其他处理 2."""
    assert fee_payment_due(date(2026, 2, 13), calendar).value == calendar.add_working_days(date(2026, 2, 13), 20).value


def test_unconfirmed_years_make_the_deadline_provisional(calendar: WorkingCalendar) -> None:
    reckoning = reply_deadline(received=date(2026, 12, 20), calendar=calendar)
    assert reckoning.unconfirmed_years == {2027}
    assert "2027年放假安排尚未确认" in reckoning.explain()


@pytest.mark.parametrize(
    ("nth", "fee"), [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (55, 400)]
)
def test_article_42_fee_per_application(nth: int, fee: int) -> None:
    """条例 第四十二条, 国办函〔2020〕109号 按件: counted per applicant per calendar month."""
    assert fee_per_application(nth) == fee


@pytest.mark.parametrize(("pages", "fee"), [(30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740)])
def test_article_42_fee_per_page(pages: int, fee: int) -> None:
    """条例 第四十二条, 国办函〔2020〕109号 按量: 1–30 free, 31–100 ¥10, 101–200 ¥20, from 201 ¥40 a page."""
    assert fee_per_page(pages) == fee


def test_every_outcome_has_its_report_row_and_the_withholdings_need_a_ground() -> None:
    """regulation.md §1.4: one enumeration serves the workflow, the letters and table 三 of the annual report."""
    assert set(REPORT_ROW) == set(Outcome.values) and len(Outcome.values) == 21
    assert Outcome.PARTIALLY_DISCLOSED in NEEDS_GROUND_AND_REASON
    assert all(o in NEEDS_GROUND_AND_REASON for o in Outcome if o.startswith("withheld_"))
    assert REPLY_TITLES[Outcome.WITHHELD_STATE_SECRET] == "政府信息不予公开告知书"
    assert REPLY_TITLES[Outcome.WITHHELD_ADMINISTRATIVE_INQUIRY] == "政府信息公开申请告知书"  # 条例 第三十六条第七项
