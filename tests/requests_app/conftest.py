"""Applications in known states, made through the services as staff and applicants would."""

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User

from requests_app import services
from requests_app.models import Application
from requests_app.receipt import Channel

VALID_ID = "11010519491231002X"
RECEIVED = date(2026, 11, 2)  # a Monday; 20 working days later is 2026-11-30


def person_data(**changes: Any) -> dict[str, Any]:
    data = {
        "kind": "disclosure",
        "applicant_type": "person",
        "name": "张三",
        "id_type": "resident_id",
        "id_number": VALID_ID,
        "phone": "13812345678",
        "email": "zhangsan@example.com",
        "address": "示例县示例镇人民路8号",
        "postcode": "415000",
        "description": "2025年示例镇农村危房改造补助资金发放名单",
        "information_title": "危房改造补助资金发放名单",
        "document_number": "",
        "purpose": "",
        "form": "electronic",
        "way": "email",
    }
    data.update(changes)
    return data


@pytest.fixture
def received(town: Any, personas: dict[str, User], calendar: None) -> Callable[..., Application]:
    """An application handed in at the office on `on` (receipt date that day, 条例 第三十一条)."""

    def make(on: date = RECEIVED, organisation: Any = None, **changes: Any) -> Application:
        return services.register(
            organisation=organisation or town.town,
            data=person_data(**changes),
            channel=Channel.IN_PERSON,
            arrived_on=on,
            actor=personas["case_officer"],
        ).application

    return make


def correct(application: Any, personas: Any, today: date = date(2026, 11, 5)) -> Any:
    """The case officer's one correction notice (条例 第三十条): two items, 10 working days."""
    return services.request_correction(
        application=application,
        actor=personas["case_officer"],
        items=["请写明所需信息的年份", "请补充文号"],
        period_working_days=10,
        today=today,
    )
