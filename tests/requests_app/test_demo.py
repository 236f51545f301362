"""The demo applications: every state and every outcome, and each case page renders."""

import re
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from requests_app.models import Application, Status
from requests_app.outcomes import Outcome

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_applications_in_every_state_and_outcome() -> None:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert set(Application.objects.values_list("status", flat=True)) == set(Status.values)
    assert set(Application.objects.exclude(outcome="").values_list("outcome", flat=True)) == set(Outcome.values)
    number, code = re.search(r"编号 (\S+)，查询码 (\S+)（", out.getvalue()).groups()
    count = Application.objects.count()
    call_command("seed_demo", stdout=StringIO())
    assert Application.objects.count() == count

    visitor = Client()
    page = visitor.post(reverse("requests_app:track"), {"number": number, "code": code}, follow=True)
    assert "待确认收到" in page.content.decode()

    staff = Client()
    staff.force_login(User.objects.get(username="case_officer"))
    assert staff.get(reverse("requests-staff:queue"), {"status": "all"}).status_code == 200
    for application in Application.objects.all():
        response = staff.get(reverse("requests-staff:case", args=[application.pk]))
        assert response.status_code == 200, application.number
    for notice_pk in Application.objects.values_list("notices", flat=True).exclude(notices=None)[:5]:
        assert staff.get(reverse("requests-staff:notice", args=[notice_pk])).status_code == 200


def test_the_demo_town_has_a_carry_over_and_an_appeal_for_last_years_report() -> None:
    from django.utils import timezone

    from portal.models import Organisation
    from supervision.annual_report import layout
    from supervision.annual_report.tables import table_four, table_three, values

    call_command("seed_demo", stdout=StringIO())
    town = Organisation.objects.get(slug="shifanzhen")
    last = timezone.localdate().year - 1
    assert values(table_three([town.pk], last))[layout.CARRIED_OUT]["总计"] >= 1
    assert values(table_three([town.pk], last + 1))[layout.CARRIED_IN]["总计"] >= 1
    assert values(table_four([town.pk], last))["行政复议"]["结果维持"] == 1
