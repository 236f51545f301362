"""The receipt-code look-up of 互动交流 on a shared computer (a village service point): the code box is always on
the page, 退出查询 forgets the question at once, another code replaces it, and it is forgotten by itself after
lookup.LOOKUP_MINUTES, so the next person at the terminal does not see the previous person's question."""

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.test import Client

from consultations.questions import lookup, services
from consultations.questions.models import Question

from .test_questions import ask, receipt

pytestmark = pytest.mark.django_db
URL = "/gk/town/hdjl/chaxun/"


def test_after_a_lookup_the_page_still_offers_the_code_box_and_a_way_out(town: Any, calendar: None) -> None:
    terminal = Client()
    code = receipt(ask(terminal, subject="危房改造补助标准", public_allowed="no"))
    shown = terminal.post(URL, {"code": code}, follow=True).content.decode()
    assert "危房改造补助标准" in shown and "退出查询" in shown and "查询其他回执码" in shown
    assert 'name="code"' in shown
    assert terminal.post(URL, {"forget": "1"}).url == URL
    after = terminal.get(URL).content.decode()
    assert "危房改造补助标准" not in after and "退出查询" not in after and 'name="code"' in after


def test_another_code_replaces_the_question_and_a_wrong_one_shows_none(town: Any, calendar: None) -> None:
    terminal = Client()
    first = receipt(ask(terminal, subject="危房改造补助标准"))
    second = receipt(ask(terminal, subject="低保申请需要哪些材料"))
    terminal.post(URL, {"code": first})
    shown = terminal.post(URL, {"code": second}, follow=True).content.decode()
    assert "低保申请需要哪些材料" in shown and "危房改造补助标准" not in shown
    wrong = terminal.post(URL, {"code": "AAAA-BBBB-CCCC"})
    assert wrong.status_code == 400 and "回执码不正确" in wrong.content.decode()
    assert "低保申请需要哪些材料" not in terminal.get(URL).content.decode()


def test_the_question_is_forgotten_after_the_lookup_minutes(town: Any, personas: Any, calendar: None) -> None:
    terminal = Client()
    code = receipt(ask(terminal, subject="申请超期没有答复"))
    services.propose(question=Question.objects.get(), into="complaint", note="建议作为投诉办理。",
                     actor=personas["editor"])  # fmt: skip
    terminal.post(URL, {"code": code})
    session = terminal.session
    opened = datetime.fromisoformat(session[lookup.KEY]["at"])
    long_ago = opened - timedelta(minutes=lookup.LOOKUP_MINUTES, seconds=1)
    session[lookup.KEY] = {**session[lookup.KEY], "at": long_ago.isoformat()}
    session.save()
    page = terminal.get(URL).content.decode()
    assert "申请超期没有答复" not in page and 'name="code"' in page
    assert terminal.post(f"{URL}convert/").status_code == 404  # nor can the next person agree to the conversion
