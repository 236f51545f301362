"""Hearings (听证会, 《重大行政决策程序暂行条例》第十六条、第十七条; regulation.md §4): notice reviewed and published in
advance with the selection method, registration online and on paper, the selection and the published participant
list, materials at least 7 days before, the record signed by participants, the hearing report reviewed and
published."""

import uuid
from datetime import datetime, time, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from consultations.hearings import services as hearings
from consultations.models import Consultation, Hearing, HearingRegistration
from tests.conftest import review_through
from tests.consultations.test_consultations import published
from tests.files import PDF
from tests.pages import error_summary


def notice(days_ahead: int = 20) -> dict[str, str]:
    today = timezone.localdate()
    return {
        "hearing-title": "村级公益事业建设项目管理办法",
        "hearing-draft_summary": "草案共三条，全文见征求意见页面。",
        "hearing-held_at": f"{today + timedelta(days=days_ahead):%Y-%m-%d} 09:30",
        "hearing-place": "镇政府三楼会议室",
        "hearing-seats": "2",
        "hearing-registration_closes_on": f"{today + timedelta(days=5):%Y-%m-%d}",
        "hearing-selection_method": "群众代表1名、企业代表1名；报名超过名额的，按类别公开随机抽取。",
    }


@pytest.fixture
def hearing(client_for: Any, personas: Any, town: Any, calendar: None) -> Hearing:
    consultation = published(client_for("editor"), town, personas)
    staff = client_for("editor")
    response = staff.post(f"/staff/consultations/{consultation.pk}/hearings/", notice())
    assert response.status_code == 302, response.content.decode()[:3000]
    found = Hearing.objects.get()
    staff.post(f"/staff/consultations/hearings/{found.pk}/action/", {"action": "submit"})
    review_through(found, personas)
    found.refresh_from_db()
    return found


def register(hearing: Hearing, name: str, contact: str, category: str = "resident") -> HearingRegistration:
    return hearings.register(hearing=hearing, name=name, contact=contact, category=category, statement="支持",
                             submission_key=uuid.uuid4())  # fmt: skip


def test_a_hearing_from_notice_to_published_report(hearing: Hearing, client_for: Any, personas: Any) -> None:
    """第十六条: notice, selection method and participant list published in advance; 第十七条: signed record."""
    public = f"/gk/town/yjzj/tzh/{hearing.pk}/"
    page = Client().get(public).content.decode()
    assert "听证参加人遴选办法" in page and "按类别公开随机抽取" in page and "报名参加听证会" in page
    assert f"/gk/town/yjzj/tzh/{hearing.pk}/" in Client().get("/gk/town/yjzj/").content.decode()

    response = Client().post(public, {"name": "张三", "contact": "13812345678", "category": "resident",
                                      "statement": "支持", "submission_key": str(uuid.uuid4())})  # fmt: skip
    assert response.status_code == 200 and "报名已提交" in response.content.decode()
    staff = client_for("editor")
    response = staff.post(f"/staff/consultations/hearings/{hearing.pk}/registrations/",
                          {"name": "某某农业公司 李四", "contact": "0730-5180000", "category": "enterprise",
                           "statement": "建议明确资金监督", "submission_key": str(uuid.uuid4())})  # fmt: skip
    assert response.status_code == 302
    assert HearingRegistration.objects.filter(channel="paper").count() == 1
    ids = [str(pk) for pk in HearingRegistration.objects.values_list("pk", flat=True)]
    staff.post(f"/staff/consultations/hearings/{hearing.pk}/action/",
               {"action": "select", "registration": ids, "note": "报名2人，未超过名额，全部入选。"})  # fmt: skip
    staff.post(f"/staff/consultations/hearings/{hearing.pk}/action/", {"action": "publish_list"})
    page = Client().get(public).content.decode()
    assert "听证参加人名单" in page and "张三" in page and "企业代表" in page
    assert "13812345678" not in page and "0730-5180000" not in page and "报名参加听证会" not in page

    # the hearing takes place; the record is uploaded and signed, then the report goes through review
    held = timezone.make_aware(datetime.combine(timezone.localdate() - timedelta(days=1), time(9, 30)))
    Hearing.objects.filter(pk=hearing.pk).update(held_at=held)
    response = staff.post(f"/staff/consultations/hearings/{hearing.pk}/action/",
                          {"action": "submit_report", "text": "听证会于昨日举行，参加人2名……"})  # fmt: skip
    assert "听证笔录" in str(list(response.wsgi_request._messages))
    staff.post(f"/staff/consultations/hearings/{hearing.pk}/record/",
               {"upload": SimpleUploadedFile("笔录.pdf", PDF, "application/pdf"),
                "signed_on": f"{timezone.localdate():%Y-%m-%d}"})  # fmt: skip
    hearing.refresh_from_db()
    assert hearing.record and hearing.record_signed_on == timezone.localdate()
    staff.post(f"/staff/consultations/hearings/{hearing.pk}/action/",
               {"action": "submit_report", "text": "听证会于昨日举行，参加人2名，主要意见如下……"})  # fmt: skip
    assert hearing.report.status == "in_review"
    assert "听证报告" not in Client().get(public).content.decode().split("听证参加人名单")[1]
    review_through(hearing.report, personas)
    page = Client().get(public).content.decode()
    assert "《村级公益事业建设项目管理办法》听证报告" in page and "主要意见如下" in page
    assert staff.get(f"/staff/consultations/hearings/{hearing.pk}/record/file/").status_code == 200
    assert Client().get(f"/staff/consultations/hearings/{hearing.pk}/record/file/").status_code == 302


def test_each_line_of_the_registration_error_summary_names_what_is_missing_once(hearing: Hearing) -> None:
    response = Client().post(f"/gk/town/yjzj/tzh/{hearing.pk}/", {"submission_key": str(uuid.uuid4())})
    assert response.status_code == 400
    lines = error_summary(response.content.decode())
    assert lines == ["请填写姓名。", "请填写联系电话或电子邮箱。", "请选择身份类别。"]


def test_materials_less_than_seven_days_before_the_hearing_are_warned(hearing: Hearing) -> None:
    """第十六条: materials delivered to participants at least 7 days before the hearing."""
    early, late, waiting = (register(hearing, name, "13800000000") for name in ("早送", "晚送", "未送"))
    hearings.select(hearing=hearing, chosen=[early.pk, late.pk], note="按类别抽取。")
    Hearing.objects.filter(pk=hearing.pk).update(seats=3)
    hearing.refresh_from_db()
    hearings.select(hearing=hearing, chosen=[early.pk, late.pk, waiting.pk], note="按类别抽取。")
    day = hearings.hearing_day(hearing)
    assert hearings.materials_due(hearing) == day - timedelta(days=7)
    hearings.deliver(hearing=hearing, chosen=[early.pk], on=day - timedelta(days=7), today=day - timedelta(days=7))
    hearings.deliver(hearing=hearing, chosen=[late.pk], on=day - timedelta(days=6), today=day - timedelta(days=6))
    warnings = {w.registration.pk: w.text for w in hearings.materials_warnings(hearing, today=day - timedelta(days=6))}
    assert early.pk not in warnings
    assert "不足7日" in warnings[late.pk]
    assert "尚未送达材料，且距听证会已不足7日" in warnings[waiting.pk]
    before = {w.registration.pk: w.text for w in hearings.materials_warnings(hearing, today=day - timedelta(days=10))}
    assert "应于" in before[waiting.pk] and "不足" not in before[waiting.pk]


def test_the_staff_page_shows_the_materials_warning(hearing: Hearing, client_for: Any) -> None:
    person = register(hearing, "王五", "13900000000")
    hearings.select(hearing=hearing, chosen=[person.pk], note="报名1人，入选。")
    page = client_for("editor").get(f"/staff/consultations/hearings/{hearing.pk}/").content.decode()
    assert "听证材料送达提醒" in page and "王五：尚未送达材料" in page
    assert "139****0000" in page and "13900000000" not in page  # masked in the list
    response = client_for("editor").post(
        f"/staff/consultations/hearings/{hearing.pk}/action/",
        {
            "action": "deliver",
            "registration": [person.pk],
            "on": f"{timezone.localdate() + timedelta(days=1):%Y-%m-%d}",
        },
    )
    assert "送达日期不能晚于今天" in str(list(response.wsgi_request._messages))


def test_a_notice_with_impossible_dates_is_refused_with_what_was_typed_kept(
    client_for: Any, personas: Any, town: Any, calendar: None
) -> None:
    consultation = published(client_for("editor"), town, personas)
    data = notice(days_ahead=3) | {
        "hearing-registration_closes_on": f"{timezone.localdate() + timedelta(days=4):%Y-%m-%d}"
    }
    response = client_for("editor").post(f"/staff/consultations/{consultation.pk}/hearings/", data)
    body = response.content.decode()
    assert response.status_code == 400 and "报名截止日期须早于举行日期" in body and "镇政府三楼会议室" in body
    past = notice(days_ahead=0)
    body = client_for("editor").post(f"/staff/consultations/{consultation.pk}/hearings/", past).content.decode()
    assert "举行时间须晚于今天" in body
    assert not Hearing.objects.exists()


def test_registration_closes_and_a_double_submission_is_one(hearing: Hearing) -> None:
    key = uuid.uuid4()
    first = hearings.register(hearing=hearing, name="赵六", contact="1", category="resident", statement="",
                              submission_key=key)  # fmt: skip
    again = hearings.register(hearing=hearing, name="赵六", contact="1", category="resident", statement="",
                              submission_key=key)  # fmt: skip
    assert first.pk == again.pk and HearingRegistration.objects.count() == 1
    Hearing.objects.filter(pk=hearing.pk).update(registration_closes_on=timezone.localdate() - timedelta(days=1))
    hearing.refresh_from_db()
    data = {"name": "孙七", "contact": "2", "category": "resident", "submission_key": str(uuid.uuid4())}
    body = Client().post(f"/gk/town/yjzj/tzh/{hearing.pk}/", data).content.decode()
    assert "网上报名已于" in body and HearingRegistration.objects.count() == 1


def test_another_towns_staff_cannot_see_or_change_the_hearing(hearing: Hearing, client_for: Any) -> None:
    other = client_for("other_staff")
    assert other.get(f"/staff/consultations/hearings/{hearing.pk}/").status_code == 404
    assert (
        other.post(f"/staff/consultations/hearings/{hearing.pk}/action/", {"action": "publish_list"}).status_code == 404
    )
    inspector = client_for("inspector")
    assert inspector.post(f"/staff/consultations/hearings/{hearing.pk}/action/", {"action": "submit"}).status_code in (
        403,
        404,
    )


def test_an_unpublished_notice_is_not_public(client_for: Any, personas: Any, town: Any, calendar: None) -> None:
    consultation: Consultation = published(client_for("editor"), town, personas)
    client_for("editor").post(f"/staff/consultations/{consultation.pk}/hearings/", notice())
    assert Client().get(f"/gk/town/yjzj/tzh/{Hearing.objects.get().pk}/").status_code == 404


def test_the_full_contacts_are_shown_for_a_reason_that_is_audited(hearing: Hearing, client_for: Any) -> None:
    from portal.models import AuditEvent

    register(hearing, "王五", "13900000000")
    url = f"/staff/consultations/hearings/{hearing.pk}/contacts/"
    refused = client_for("editor").post(url, {"reason": ""})
    assert "13900000000" not in refused.content.decode()
    shown = client_for("editor").post(url, {"reason": "电话通知遴选结果"})
    assert "13900000000" in shown.content.decode() and shown["Cache-Control"] == "no-store"
    assert AuditEvent.objects.filter(kind="data_revealed", target__contains=hearing.title).exists()
