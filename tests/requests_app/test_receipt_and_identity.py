"""Receipt (条例 第三十一条), the applicant's identity (第二十九条) and personal data at rest."""

from typing import Any

import pytest
from django.core import mail

from portal.workdays import add_working_days
from requests_app import services
from requests_app.models import Status
from requests_app.receipt import Channel

from .conftest import RECEIVED, person_data

pytestmark = pytest.mark.django_db


def test_article_31_online_application_receipt_is_the_day_staff_confirm(
    town: Any, personas: Any, calendar: None
) -> None:
    submitted = services.submit_online(
        organisation=town.town, data=person_data(), submission_key=__import__("uuid").uuid4()
    )
    application = submitted.application
    assert application.status == Status.SUBMITTED and application.received_on is None and application.deadline is None
    day = application.arrived_on  # the day it was submitted (today, in Beijing)
    confirmed = services.confirm(application=application, actor=personas["case_officer"], today=day)
    assert confirmed.received_on == day
    assert confirmed.deadline == add_working_days(day, 20).value
    assert confirmed.assignee == personas["case_officer"]


def test_article_31_only_an_ordinary_letter_is_asked_why_it_was_confirmed_after_it_arrived(
    town: Any, personas: Any, calendar: None, client_for: Any
) -> None:
    """第三十一条第二项: a letter has an arrival day before the confirmation; online (第三项) only the confirmation."""
    import uuid

    online = services.submit_online(organisation=town.town, data=person_data(), submission_key=uuid.uuid4())
    letter = services.register(organisation=town.town, data=person_data(), channel=Channel.ORDINARY_LETTER,
                               arrived_on=RECEIVED, actor=personas["case_officer"]).application  # fmt: skip
    client = client_for("case_officer")
    online_page = client.get(f"/staff/ysq/{online.application.pk}/act/confirm/").content.decode()
    letter_page = client.get(f"/staff/ysq/{letter.pk}/act/confirm/").content.decode()
    assert "确认收到" in online_page and "晚于到达日确认的原因" not in online_page
    assert "无法联系到申请人" not in online_page
    assert "晚于到达日确认的原因" in letter_page and "到达当日无法联系到申请人" in letter_page
    done = client.post(f"/staff/ysq/{online.application.pk}/act/confirm/", {}, follow=True)
    assert "已完成" in done.content.decode()


def test_article_31_ordinary_letter_without_confirmation_waits(town: Any, personas: Any, calendar: None) -> None:
    application = services.register(
        organisation=town.town,
        data=person_data(),
        channel=Channel.ORDINARY_LETTER,
        arrived_on=RECEIVED,
        actor=personas["case_officer"],
    ).application
    assert application.status == Status.SUBMITTED and application.received_on is None
    signed = services.register(
        organisation=town.town,
        data=person_data(),
        channel=Channel.SIGNED_POST,
        arrived_on=RECEIVED,
        actor=personas["case_officer"],
    ).application
    assert signed.received_on == RECEIVED and signed.status == Status.RECEIVED


def test_article_29_oral_application_records_that_staff_filled_it_in(town: Any, personas: Any, calendar: None) -> None:
    application = services.register(
        organisation=town.town,
        data=person_data(),
        channel=Channel.ORAL,
        arrived_on=RECEIVED,
        actor=personas["case_officer"],
    ).application
    assert application.filled_in_by_staff and application.received_on == RECEIVED


def test_personal_data_is_encrypted_at_rest_and_masked(received: Any) -> None:
    application = received()
    assert "13812345678" not in application.phone_encrypted
    assert application.phone_masked == "138****5678"
    assert application.id_number_masked == "110***********002X"
    assert application.personal("id_number") == "11010519491231002X"
    assert application.personal("address") == "示例县示例镇人民路8号"


def test_a_ciphertext_copied_to_another_application_does_not_decrypt(received: Any) -> None:
    from portal.crypto import DecryptionError

    first, second = received(), received(id_number="430599198503120018")
    second.id_number_encrypted = first.id_number_encrypted
    with pytest.raises(DecryptionError):
        second.personal("id_number")


def test_confirming_an_online_application_tells_the_applicant(
    town: Any, personas: Any, calendar: None, django_capture_on_commit_callbacks: Any
) -> None:
    """条例 第三十一条: for an online form both sides confirm; the applicant is told the day of receipt."""
    import uuid

    submitted = services.submit_online(organisation=town.town, data=person_data(), submission_key=uuid.uuid4())
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm(application=submitted.application, actor=personas["case_officer"],
                         today=submitted.application.arrived_on)  # fmt: skip
    assert mail.outbox[-1].to == ["zhangsan@example.com"]
    from portal.templatetags.portal_tags import cn_date

    day = submitted.application.arrived_on
    assert cn_date(day) in mail.outbox[-1].body and cn_date(add_working_days(day, 20).value) in mail.outbox[-1].body
