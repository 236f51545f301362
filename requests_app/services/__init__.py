"""Every write to an application: intake, each workflow action (regulation.md §1.3–1.7), notices and reveal.

A transition locks the row, checks the transition table, writes, records an event and schedules mail after
commit. Each action that sends a written notice takes `notice_text`: the text staff edited from the generated
one (None: the generated text as it is). The notice is frozen with its number in the same transaction.
"""

from .handling import (
    CORRECTION_PERIOD_MAX,
    CORRECTION_PERIOD_MIN,
    FEE_METHODS,
    FEE_RATES,
    applications_this_month,
    ask_reasons,
    close_fee_unpaid,
    close_no_correction,
    consult,
    extend,
    notify_fee,
    receive_correction,
    receive_reasons,
    record_opinion,
    record_payment,
    request_correction,
    set_later_date,
)
from .intake import Submitted, assign, confirm, register, submit_online
from .records import (
    CLOSING_OUTCOMES,
    application_number,
    days_left,
    issue_notice,
    new_tracking_code,
    preview,
    reckon,
    record_event,
    tracking_hash,
)
from .replies import DELIVERY_WAYS, archive, deliver, make_proactive, reply, reveal, withdraw

__all__ = [
    "CLOSING_OUTCOMES", "CORRECTION_PERIOD_MAX", "CORRECTION_PERIOD_MIN", "DELIVERY_WAYS", "FEE_METHODS",
    "FEE_RATES", "Submitted", "application_number", "applications_this_month", "archive", "ask_reasons", "assign",
    "close_fee_unpaid", "close_no_correction", "confirm", "consult", "days_left", "deliver", "extend",
    "issue_notice", "make_proactive", "new_tracking_code", "notify_fee", "preview", "receive_correction",
    "receive_reasons", "reckon", "record_event", "record_opinion", "record_payment", "register", "reply",
    "request_correction",
    "reveal", "set_later_date", "submit_online", "tracking_hash", "withdraw",
]  # fmt: skip
