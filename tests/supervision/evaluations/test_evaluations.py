"""Public evaluation (社会评议, 条例 第四十七条; seed §五): one 有用 / 没用 vote per item per browser, the applicant's
rating of a replied application, a 评议会's results registered by staff; aggregated per organisation and period,
the comments never public."""

from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from requests_app import services as requests
from requests_app.outcomes import Outcome
from supervision.dashboard import selectors as dashboard
from supervision.dashboard.selectors import Period
from supervision.evaluations.models import Evaluation, HandlingRating, ItemVote
from tests.requests_app.test_applicants_side import opened, registered

THIS_YEAR = Period.year(timezone.localdate().year)


def row(town: Any) -> dashboard.Row:
    return dashboard.rows([town.town], THIS_YEAR, timezone.localdate())[0]


def test_one_vote_per_item_per_browser(published: Any, town: Any) -> None:
    item = published(when=timezone.localdate())
    reader = Client()
    page = reader.get(item.get_absolute_url()).content.decode()
    assert "这条信息对您有用吗" in page
    response = reader.post(f"/gk/pj/{item.pk}/", {"useful": "yes"}, follow=True)
    assert "感谢您的评价" in response.content.decode()
    again = reader.post(f"/gk/pj/{item.pk}/", {"useful": "no"}, follow=True)
    assert "您已经评价过这条信息" in again.content.decode()
    Client().post(f"/gk/pj/{item.pk}/", {"useful": "no"})
    assert ItemVote.objects.count() == 2
    assert (row(town).useful, row(town).votes) == (1, 2)


def test_the_applicant_rates_the_handling_after_the_reply(town: Any, personas: Any, calendar: None) -> None:
    application, code = registered(town, personas, on=timezone.localdate() - timedelta(days=7))
    applicant = opened(application, code)
    refused = applicant.post(f"/ysq/track/{application.number}/rating/", {"satisfaction": "satisfied"}, follow=True)
    assert "答复后才能评价" in refused.content.decode() and not HandlingRating.objects.exists()
    requests.reply(application=application, actor=personas["case_officer"], outcome=Outcome.DISCLOSED,
                   today=timezone.localdate())  # fmt: skip
    page = applicant.get(f"/ysq/track/{application.number}/").content.decode()
    assert "评价本次办理" in page
    applicant.post(f"/ysq/track/{application.number}/rating/", {"satisfaction": "basic", "comment": "答复及时"})
    assert HandlingRating.objects.get().satisfaction == "basic"
    assert "评价本次办理" not in applicant.get(f"/ysq/track/{application.number}/").content.decode()
    assert Client().post(f"/ysq/track/{application.number}/rating/", {"satisfaction": "satisfied"}).status_code == 404
    assert row(town).ratings == {"basic": 1}


def test_a_meetings_results_are_registered_and_counted(town: Any, client_for: Any, personas: Any) -> None:
    head = client_for("office_head")
    today = timezone.localdate()
    data = {"evaluation-organisation": town.town.pk, "evaluation-source": "meeting",
            "evaluation-held_on": f"{today + timedelta(days=1):%Y-%m-%d}", "evaluation-satisfied": "8",
            "evaluation-basic": "1", "evaluation-unsatisfied": "1",
            "evaluation-comments": "希望公开栏字大一些"}  # fmt: skip
    refused = head.post("/staff/evaluations/", data)
    assert refused.status_code == 400 and "日期不能晚于今天" in refused.content.decode()
    assert "希望公开栏字大一些" in refused.content.decode()  # what was typed is kept
    head.post("/staff/evaluations/", data | {"evaluation-held_on": f"{today:%Y-%m-%d}"})
    assert Evaluation.objects.get().responses == 10
    HandlingRating.objects.create(application=registered(town, personas)[0], organisation=town.town,
                                  satisfaction="unsatisfied", rated_on=today)  # fmt: skip
    assert row(town).satisfied_share == 9 / 11  # 8 satisfied and 1 basic of 11
    assert client_for("editor").post("/staff/evaluations/", data).status_code == 404
    assert "希望公开栏字大一些" not in Client().get("/gk/town/").content.decode()
