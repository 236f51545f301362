"""条例 第三十一条: the day of receipt depends on the channel."""

from datetime import date

import pytest

from portal.workdays import WorkingCalendar
from requests_app.receipt import Channel, confirmation_overdue, receipt_date

DAY = date(2026, 11, 23)
LATER = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("channel", "expected"),
    [
        (Channel.IN_PERSON, DAY),  # 当面提交: the day it is handed in
        (Channel.ORAL, DAY),
        (Channel.SIGNED_POST, LATER),  # 需签收的邮件: the day it is signed for
        (Channel.EMAIL, DAY),  # the day the mail arrives
        (Channel.ORDINARY_LETTER, date(2026, 11, 26)),  # 平常信函: the day of confirmation
        (Channel.ONLINE, date(2026, 11, 26)),  # 网上申请: the day both sides confirm
        (Channel.FAX, date(2026, 11, 26)),
    ],
)
def test_article_31_receipt_date_by_channel(channel: Channel, expected: date) -> None:
    assert receipt_date(channel, handed_in=DAY, signed_for=LATER, arrived=DAY, confirmed=date(2026, 11, 26)) == expected


def test_article_31_no_receipt_date_until_confirmed() -> None:
    assert receipt_date(Channel.ONLINE, arrived=DAY) is None


def test_unconfirmed_after_one_working_day_is_flagged() -> None:
    """regulation.md §1.2: online, fax and ordinary-letter applications not confirmed after one working day."""
    calendar = WorkingCalendar({}, [2026])
    friday = date(2026, 11, 27)
    assert not confirmation_overdue(Channel.ONLINE, friday, date(2026, 11, 30), calendar)  # Monday: 1 working day
    assert confirmation_overdue(Channel.ONLINE, friday, date(2026, 12, 1), calendar)
    assert not confirmation_overdue(Channel.EMAIL, friday, date(2026, 12, 10), calendar)
