"""The client's address behind a reverse proxy (issue 11 item 8): read from X-Forwarded-For only when the
connection comes from a trusted proxy; used by the audit log, the sign-in lock-out and the tracking throttle."""

from typing import Any

import pytest
from django.test import Client, RequestFactory

from portal.models import AuditEvent, AuditKind
from portal.services import client_ip


def request(remote: str, forwarded: str = "") -> Any:
    made = RequestFactory().get("/")
    made.META["REMOTE_ADDR"] = remote
    if forwarded:
        made.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return made


def test_without_trusted_proxies_the_connection_is_the_client(settings: Any) -> None:
    settings.TRUSTED_PROXIES = []
    assert client_ip(request("203.0.113.9", "1.2.3.4")) == "203.0.113.9"


def test_behind_a_trusted_proxy_the_forwarded_client_is_used(settings: Any) -> None:
    settings.TRUSTED_PROXIES = ["10.0.0.0/24", "127.0.0.1"]
    assert client_ip(request("10.0.0.2", "198.51.100.7")) == "198.51.100.7"
    # a client that sends its own header: the proxy appends the real address, which is what counts
    assert client_ip(request("10.0.0.2", "6.6.6.6, 198.51.100.7")) == "198.51.100.7"
    assert client_ip(request("127.0.0.1", "198.51.100.7, 10.0.0.5")) == "198.51.100.7"
    assert client_ip(request("10.0.0.2", "not-an-address")) == "10.0.0.2"


def test_a_request_not_from_the_proxy_cannot_pose_as_another_address(settings: Any) -> None:
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    assert client_ip(request("203.0.113.9", "198.51.100.7")) == "203.0.113.9"


@pytest.mark.django_db
def test_the_audit_log_and_the_tracking_throttle_see_each_citizen(settings: Any, town: Any) -> None:
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    settings.CHALLENGE_AFTER = 100  # the wait after ten failures, without the challenge that comes before it
    Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7").post(
        "/staff/login/", {"username": "someone", "password": "wrong-wrong"}
    )
    assert AuditEvent.objects.filter(kind=AuditKind.LOGIN_FAILED).get().ip_address == "198.51.100.7"
    guesser = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
    for _ in range(10):
        guesser.post("/ysq/track/", {"number": "2026-001-00001", "code": "AAAA-BBBB-CCCC"})
    assert "查询失败次数过多" in guesser.post("/ysq/track/", {"number": "x", "code": "y"}).content.decode()
    other = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.8")
    assert "查询失败次数过多" not in other.post("/ysq/track/", {"number": "x", "code": "y"}).content.decode()


@pytest.mark.django_db
def test_one_address_cannot_flood_the_online_form(settings: Any, town: Any, calendar: None) -> None:
    """Issue 11 item 9 (in part): a limit per address and hour; the draft is kept when refused."""
    from requests_app.models import Application
    from tests.requests_app.test_intake import fill_in

    settings.APPLICATIONS_PER_ADDRESS_HOUR = 2
    for _ in range(2):
        client = Client(REMOTE_ADDR="198.51.100.20")
        fill_in(client)
        assert client.post("/ysq/town/apply/check/", {"agree": "on"}).status_code == 302
    flooding = Client(REMOTE_ADDR="198.51.100.20")
    fill_in(flooding)
    refused = flooding.post("/ysq/town/apply/check/", {"agree": "on"}).content.decode()
    assert "一小时内提交的申请过多" in refused and "李四" in refused  # what they typed is still there
    assert Application.objects.count() == 2
    neighbour = Client(REMOTE_ADDR="198.51.100.21")
    fill_in(neighbour)
    assert neighbour.post("/ysq/town/apply/check/", {"agree": "on"}).status_code == 302
