"""Demo data, the calendar system check and the calendar's admin screens."""

from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from portal import workdays
from portal.checks import calendar_years_confirmed
from portal.models import (
    AuditEvent,
    AuditKind,
    CalendarAdjustment,
    CalendarYear,
    Membership,
    Organisation,
    Origin,
)


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_prints_the_personas() -> None:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    counts = (Organisation.objects.count(), User.objects.count(), Membership.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (Organisation.objects.count(), User.objects.count(), Membership.objects.count()) == counts

    printed = out.getvalue()
    assert "shifan-demo-2026" in printed
    for persona in ("editor", "reviewer", "office_head", "case_officer", "inspector", "auditadmin"):
        assert persona in printed
    town = Organisation.objects.get(slug="shifanzhen")
    assert town.phone == "0730-5180118" and town.email == "1033317741@qq.com"
    assert town.remedy_government_name() == "示例县人民政府"
    assert {o.short_name for o in town.children.all()} >= {"党政办", "社会事务办"}
    assert CalendarYear.objects.filter(year=2026, confirmed=True).exists()
    assert Client().post("/staff/login/", {"username": "editor", "password": "shifan-demo-2026"}).status_code == 302


@pytest.mark.django_db
def test_system_check_warns_while_the_coming_year_is_not_confirmed(monkeypatch: pytest.MonkeyPatch) -> None:
    """regulation.md §1.3: a check warns when next year's rows are missing."""
    monkeypatch.setattr("portal.checks.timezone.localdate", lambda: date(2026, 11, 28))
    CalendarYear.objects.create(year=2026, confirmed=True)
    warnings = calendar_years_confirmed()
    assert [w.id for w in warnings] == ["portal.I001"]
    assert "2027年" in warnings[0].msg

    CalendarYear.objects.create(year=2027, confirmed=True, source="国办发明电〔2026〕X号")
    assert calendar_years_confirmed() == []


def test_workbench_warns_about_the_unconfirmed_year(client_for: Any) -> None:
    CalendarYear.objects.create(year=date.today().year, confirmed=True)
    page = client_for("case_officer").get("/staff/").content.decode()
    assert "工作日历待确认" in page and f"{date.today().year + 1}年" in page
    assert "录入并确认" not in page  # only the system administrator gets the link
    sysadmin = client_for("sysadmin")
    workbench = sysadmin.get("/staff/").content.decode()
    next_year = date.today().year + 1
    link = f'href="/admin/portal/calendaryear/add/?year={next_year}"'
    assert "录入并确认" in workbench and link in workbench  # the year to enter, not a list without it
    form = sysadmin.get(f"/admin/portal/calendaryear/add/?year={next_year}").content.decode()
    assert f'value="{next_year}"' in form and "部分节假日安排的通知" in form  # filled in, with what to do
    CalendarYear.objects.create(year=next_year, confirmed=False)
    workbench = sysadmin.get("/staff/").content.decode()
    assert f'href="/admin/portal/calendaryear/{next_year}/change/"' in workbench  # entered but not confirmed


def test_system_admin_enters_next_years_arrangement(
    client_for: Any, personas: dict[str, User], django_capture_on_commit_callbacks: Any
) -> None:
    """The State Council's arrangement for a new year goes in through the admin and is used at once."""
    workdays.calendar_changed()
    assert workdays.is_working_day(date(2027, 2, 8)).value  # a Monday, before the arrangement is known
    form = {
        "year": "2027",
        "confirmed": "on",
        "source": "国务院办公厅关于2027年部分节假日安排的通知",
        "adjustments-TOTAL_FORMS": "2",
        "adjustments-INITIAL_FORMS": "0",
        "adjustments-0-date": "2027-02-08",
        "adjustments-0-kind": "holiday",
        "adjustments-0-name": "春节",
        "adjustments-1-date": "2027-02-20",
        "adjustments-1-kind": "workday",
        "adjustments-1-name": "春节",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("sysadmin").post("/admin/portal/calendaryear/add/", form)
    assert response.status_code == 302, response.content.decode()[:2000]

    year = CalendarYear.objects.get(year=2027)
    assert year.confirmed and year.updated_by == personas["sysadmin"] and year.origin == Origin.ADMIN
    assert set(CalendarAdjustment.objects.filter(calendar_year=year).values_list("origin", flat=True)) == {"admin"}
    assert AuditEvent.objects.filter(kind=AuditKind.CALENDAR_CHANGED, actor=personas["sysadmin"]).exists()
    assert not workdays.is_working_day(date(2027, 2, 8)).value
    assert workdays.is_working_day(date(2027, 2, 20)).value
    assert not workdays.is_working_day(date(2027, 2, 8)).provisional


def test_a_make_up_day_on_a_weekday_is_refused_with_a_clear_message(client_for: Any) -> None:
    form = {
        "year": "2027",
        "source": "",
        "adjustments-TOTAL_FORMS": "1",
        "adjustments-INITIAL_FORMS": "0",
        "adjustments-0-date": "2027-02-09",
        "adjustments-0-kind": "workday",
        "adjustments-0-name": "春节",
    }
    response = client_for("sysadmin").post("/admin/portal/calendaryear/add/", form)
    assert response.status_code == 200
    assert "调休上班日只能是星期六或星期日" in response.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()


@pytest.mark.django_db
def test_migrations_are_complete() -> None:
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())
