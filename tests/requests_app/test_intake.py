"""The online application (条例 第二十七条至第二十九条): one question per page, nothing typed is lost, one
application however often it is submitted, and a tracking page that shows the case but not the person."""

import re
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from requests_app.intake import PRIVACY_NOTICE_VERSION
from requests_app.models import Application, ApplicationAttachment, Status
from tests.files import PDF

from .conftest import VALID_ID

pytestmark = pytest.mark.django_db

ANSWERS = [
    ("kind", {"kind": "disclosure"}),
    ("applicant", {"applicant_type": "person"}),
    ("identity", {"name": "李四", "id_type": "resident_id", "id_number": VALID_ID}),
    ("contact", {"phone": "13912345678", "email": "lisi@example.com", "address": "示例镇和平村3组", "postcode": ""}),
    (
        "information",
        {"description": "2026年示例镇低保对象名单", "information_title": "", "document_number": "", "purpose": ""},
    ),
    ("provision", {"form": "electronic", "way": "email"}),
]


def step_url(step: str) -> str:
    return reverse("requests_app:apply-step", args=["town", step])


def fill_in(client: Client) -> None:
    for step, answers in ANSWERS:
        response = client.post(step_url(step), answers)
        assert response.status_code == 302, (step, response.content.decode()[:2000])
    assert client.post(step_url("attachments"), {}).status_code == 302


def test_each_page_asks_one_question_and_leads_to_the_check_page(town: Any, calendar: None) -> None:
    client = Client()
    start = client.get(reverse("requests_app:apply", args=["town"]))
    assert "个人信息处理告知" in start.content.decode()
    fill_in(client)
    check = client.get(reverse("requests_app:apply-check", args=["town"])).content.decode()
    assert "李四" in check and "2026年示例镇低保对象名单" in check and "电子邮件" in check
    assert "修改申请人身份" in check


def test_article_29_a_wrong_id_number_is_refused_and_what_was_typed_is_kept(town: Any, calendar: None) -> None:
    client = Client()
    client.post(step_url("kind"), {"kind": "disclosure"})
    client.post(step_url("applicant"), {"applicant_type": "person"})
    response = client.post(
        step_url("identity"), {"name": "李四", "id_type": "resident_id", "id_number": "110105194912310021"}
    )
    page = response.content.decode()
    assert response.status_code == 400  # refused, what was typed kept
    assert "最后一位（校验码）与前17位不符" in page and 'value="李四"' in page and "110105194912310021" in page
    assert "提交的内容有误" in page and "应为18位" not in page  # the slip, not a rule the number meets


@pytest.mark.parametrize(
    ("typed", "told"),
    [
        ("11010519491231002", "应为18位（您填写了17位）"),
        ("1101051949123100211", "应为18位（您填写了19位）"),
        ("99010519491231002X", "前两位（省份代码）不正确"),
        ("11010519491331002X", "第7至14位（出生日期）不是有效的日期"),
        ("110105194912310021", "最后一位（校验码）与前17位不符"),
    ],
)
def test_article_29_a_wrong_id_number_says_which_part_is_wrong(typed: str, told: str) -> None:
    from requests_app.forms.public import check_id_number

    with pytest.raises(ValidationError, match=re.escape(told)):
        check_id_number("resident_id", typed)
    assert check_id_number("resident_id", "11010519491231002X") == "11010519491231002X"


def test_article_29_an_organisation_gives_a_valid_credit_code(town: Any, calendar: None) -> None:
    client = Client()
    client.post(step_url("kind"), {"kind": "disclosure"})
    client.post(step_url("applicant"), {"applicant_type": "business"})
    page = client.get(step_url("identity")).content.decode()
    assert "统一社会信用代码" in page and "证件号码" not in page
    response = client.post(
        step_url("identity"), {"name": "示例公司", "credit_code": "914305991234567880", "contact_name": "王五"}
    )
    assert response.status_code == 400 and "校验" in response.content.decode()
    response = client.post(
        step_url("identity"), {"name": "示例公司", "credit_code": "914305991234567889", "contact_name": "王五"}
    )
    assert response.status_code == 302


def test_article_29_post_as_the_way_of_provision_needs_an_address(town: Any, calendar: None) -> None:
    client = Client()
    for step, answers in ANSWERS[:4]:
        client.post(step_url(step), {**answers, "address": ""} if step == "contact" else answers)
    client.post(step_url("information"), ANSWERS[4][1])
    response = client.post(step_url("provision"), {"form": "paper", "way": "post"})
    assert "请先在“联系方式”中填写通信地址" in response.content.decode()


def test_submitting_twice_creates_one_application_and_shows_number_and_code(
    town: Any, calendar: None, personas: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = Client()
    fill_in(client)
    check = reverse("requests_app:apply-check", args=["town"])
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(check, {"agree": "on"})
    second = client.post(check, {"agree": "on"})  # a double click or a retry
    assert first.status_code == second.status_code == 302
    assert Application.objects.count() == 1
    application = Application.objects.get()
    assert application.status == Status.SUBMITTED and application.privacy_notice_version == PRIVACY_NOTICE_VERSION
    done = client.get(reverse("requests_app:apply-done", args=["town"])).content.decode()
    assert application.number in done
    code = done.split("查询码<br><strong>")[1].split("</strong>")[0]
    assert len(code) == 14
    # the case officer hears about it
    assert any("待确认" in m.subject for m in mail.outbox)
    # the tracking page opens with number and code, and shows no personal data
    other = Client()
    bad = other.post(reverse("requests_app:track"), {"number": application.number, "code": "AAAA-AAAA-AAAA"})
    assert "不正确" in bad.content.decode()
    response = other.post(reverse("requests_app:track"), {"number": application.number, "code": code}, follow=True)
    page = response.content.decode()
    assert "待确认收到" in page and application.number in page
    for private in ("李四", VALID_ID, "13912345678", "139****5678", "和平村", "lisi@example.com"):
        assert private not in page


def test_a_bookmarked_tracking_address_asks_for_the_code_then_opens(town: Any, calendar: None, received: Any) -> None:
    """Nothing of the case without the code in this session; a bookmark opens the lookup, not a 404."""
    application = received()
    client = Client()
    address = reverse("requests_app:track-detail", args=[application.number])
    page = client.get(address, follow=True)
    assert (
        page.redirect_chain[-1][0].startswith("/ysq/track/?number=")
        and application.asked_for not in page.content.decode()
    )
    assert f'value="{application.number}"' in page.content.decode()


def test_attachments_are_private(town: Any, calendar: None, client_for: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = Client()
    for step, answers in ANSWERS:
        client.post(step_url(step), answers)
    upload = SimpleUploadedFile("委托书.pdf", PDF, content_type="application/pdf")
    response = client.post(step_url("attachments"), {"uploads": upload, "upload": "1"})
    assert response.status_code == 302, response.content.decode()
    step = client.get(step_url("attachments")).content.decode()
    assert "委托书.pdf" in step
    client.post(step_url("attachments"), {})
    size = step.split("委托书.pdf（")[1].split("）")[0]  # the check page says the size the upload step said
    assert size in client.get(reverse("requests_app:apply-check", args=["town"])).content.decode()
    client.post(reverse("requests_app:apply-check", args=["town"]), {"agree": "on"})
    attachment = ApplicationAttachment.objects.get()
    assert attachment.name == "委托书.pdf"
    url = reverse("requests-staff:attachment", args=[attachment.pk])
    assert Client().get(url).status_code == 302  # to the login page
    assert client_for("other_staff").get(url).status_code == 404
    response = client_for("case_officer").get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    from portal.models import AuditEvent, AuditKind

    assert AuditEvent.objects.get(kind=AuditKind.ATTACHMENT_READ).target.endswith("委托书.pdf")
    assert "/media/" not in attachment.file.path


def test_tracking_codes_cannot_be_guessed(received: Any, settings: Any) -> None:
    settings.CHALLENGE_AFTER = 100  # the challenge that comes first: tests/security/test_challenge.py
    application = received()
    client = Client()
    for _ in range(10):
        page = client.post(reverse("requests_app:track"), {"number": application.number, "code": "AAAA-AAAA-AAAA"})
        assert "不正确" in page.content.decode()
    page = client.post(reverse("requests_app:track"), {"number": application.number, "code": "BBBB-BBBB-BBBB"})
    assert "失败次数过多" in page.content.decode()


def test_a_later_question_waits_for_the_earlier_ones(town: Any, calendar: None) -> None:
    client = Client()
    response = client.get(step_url("provision"))
    assert response.status_code == 302 and response["Location"] == step_url("kind")


@pytest.mark.parametrize(
    ("id_type", "bad", "good"),
    [
        ("hk_macao_permit", "12345678", "H12345678"),
        ("passport", "E1", "E12345678"),
        ("taiwan_permit", "1234", "12345678"),
    ],
)
def test_article_29_other_identity_documents_are_checked(
    town: Any, calendar: None, id_type: str, bad: str, good: str
) -> None:
    client = Client()
    client.post(step_url("kind"), {"kind": "disclosure"})
    client.post(step_url("applicant"), {"applicant_type": "person"})
    refused = client.post(step_url("identity"), {"name": "陈某", "id_type": id_type, "id_number": bad})
    assert refused.status_code == 400 and "field__error" in refused.content.decode()
    accepted = client.post(step_url("identity"), {"name": "陈某", "id_type": id_type, "id_number": good})
    assert accepted.status_code == 302


def test_a_record_correction_asks_what_to_correct(town: Any, calendar: None) -> None:
    client = Client()
    client.post(step_url("kind"), {"kind": "record_correction"})
    for step, answers in ANSWERS[1:4]:
        client.post(step_url(step), answers)
    page = client.get(step_url("information")).content.decode()
    assert "需要更正的记录及更正内容" in page and "用途" not in page


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_submits_of_one_form_make_one_application(town: Any, calendar: None) -> None:
    """A double click sends two requests at once: the unique submission key lets only one through."""
    import threading
    import uuid

    from django.db import connection

    from requests_app import services

    from .conftest import person_data

    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("SQLite's in-memory test database refuses a second writer at once; the file database waits")
    key, results, errors = uuid.uuid4(), [], []
    start = threading.Barrier(2)

    def submit() -> None:
        try:
            start.wait()
            results.append(services.submit_online(organisation=town.town, data=person_data(), submission_key=key))
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Application.objects.count() == 1
    assert {r.application.pk for r in results} == {Application.objects.get().pk}
    assert results[0].tracking_code == results[1].tracking_code


def test_the_form_fields_tell_the_browser_what_they_hold(client: Any, town: Any) -> None:
    """WCAG 1.3.5: name, phone, e-mail and address carry autocomplete, so phones and assistive tools fill them."""
    from requests_app.forms.public import ContactForm, IdentityForm

    identity = IdentityForm(applicant_type="person")
    assert identity.fields["name"].widget.attrs["autocomplete"] == "name"
    organisation = IdentityForm(applicant_type="business")
    assert organisation.fields["name"].widget.attrs["autocomplete"] == "organization"
    html = str(ContactForm())
    for value in ('autocomplete="tel"', 'autocomplete="email"', 'autocomplete="street-address"',
                  'autocomplete="postal-code"'):  # fmt: skip
        assert value in html
