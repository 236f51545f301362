"""Personal-data retention (issue 11; 个人信息保护法 第十九条): after the configured period from closing, an
application's ID number, phone, address and e-mail are destroyed by a scheduled job that is safe to run twice
and audited; the case and its statistics stay."""

from datetime import date, timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from portal.models import AuditEvent, AuditKind
from requests_app import services
from requests_app.models import Application, Outcome

REPLIED = date(2026, 11, 20)


@pytest.fixture
def closed(received: Any, personas: Any) -> Application:
    application = received()
    services.reply(application=application, actor=personas["case_officer"], outcome=Outcome.DISCLOSED, today=REPLIED)
    application.refresh_from_db()
    assert application.closed_on == REPLIED
    return application


def run(today: date) -> str:
    out = StringIO()
    call_command("erase_personal_data", today=today, stdout=out)
    return out.getvalue()


def test_personal_data_is_destroyed_after_the_period_and_the_case_stays(
    closed: Application, received: Any, client_for: Any, settings: Any
) -> None:
    settings.PERSONAL_DATA_RETENTION_DAYS = 730
    still_open = received()
    assert "0 件" in run(REPLIED + timedelta(days=729))
    closed.refresh_from_db()
    assert closed.personal("id_number") and closed.phone_masked

    assert "1 件" in run(REPLIED + timedelta(days=730))
    closed.refresh_from_db()
    assert (closed.id_number_encrypted, closed.phone_encrypted, closed.address_encrypted, closed.email) == ("",) * 4
    assert closed.id_number_masked == closed.phone_masked == "" and closed.applicant_key == ""
    assert closed.personal_data_erased_on == REPLIED + timedelta(days=730)
    assert closed.name and closed.outcome == Outcome.DISCLOSED and closed.description  # the case stays
    still_open.refresh_from_db()
    assert still_open.personal("phone") == "13812345678"

    event = AuditEvent.objects.get(kind=AuditKind.PERSONAL_DATA_ERASED)
    assert event.detail["申请编号"] == [closed.number]
    page = client_for("case_officer").get(f"/staff/ysq/{closed.pk}/").content.decode()
    assert "已于2028年11月19日销毁" in page and "查看完整个人信息" not in page


def test_running_the_job_twice_erases_and_audits_once(closed: Application) -> None:
    later = REPLIED + timedelta(days=800)
    run(later)
    assert "0 件" in run(later)
    assert AuditEvent.objects.filter(kind=AuditKind.PERSONAL_DATA_ERASED).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_nodes_running_the_job_at_the_same_minute_erase_and_audit_once(closed: Application) -> None:
    """个人信息保护法 第十九条, on a platform of several nodes: cron starts the job on each at once."""
    import threading

    from django.db import connection

    from requests_app.services.retention import erase_expired

    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("SQLite's in-memory test database refuses a second writer at once; several nodes need PostgreSQL")
    start, counts, errors = threading.Barrier(2), [], []

    def node() -> None:
        try:
            start.wait()
            counts.append(erase_expired(REPLIED + timedelta(days=800)))
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=node) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and sorted(counts) == [0, 1]
    assert AuditEvent.objects.filter(kind=AuditKind.PERSONAL_DATA_ERASED).count() == 1
