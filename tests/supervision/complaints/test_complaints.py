"""Complaints and reports (投诉、举报, 条例 第四十七条、第五十一条) and 网站纠错: received with a receipt code, answered
within 15 (or 3) working days on the real calendar, the finding and the rectification recorded, the
complainant's personal data never on a public page."""

import re
import uuid
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from supervision.complaints import services
from supervision.complaints.models import Complaint
from supervision.dashboard import selectors as dashboard
from supervision.dashboard.selectors import Period
from tests.pages import error_summary

TZ = ZoneInfo("Asia/Shanghai")
from tests.files import PDF  # noqa: E402


def form(**changes: Any) -> dict[str, Any]:
    return {"kind": "complaint", "subject": "申请超期未答复", "text": "2026年10月申请的低保名单至今未收到答复。",
            "page_url": "", "name": "李四", "contact": "lisi@example.com",
            "submission_key": str(uuid.uuid4())} | changes  # fmt: skip


def test_the_reply_is_due_in_working_days_across_national_day(town: Any, calendar: None) -> None:
    """15 working days from 29 September 2025: 30 Sept, 9, 10, 11 (a make-up Saturday), 13–17, 20–24, 27 Oct."""
    before_holiday = datetime.combine(date(2025, 9, 29), time(10), tzinfo=TZ)
    complaint = services.receive(organisation=town.town, kind="complaint", subject="超期", text="未答复",
                                 page_url="", name="", contact="", submission_key=uuid.uuid4(),
                                 now=before_holiday).complaint  # fmt: skip
    assert complaint.due_on == date(2025, 10, 27)
    site = services.receive(organisation=town.town, kind="site_error", subject="链接打不开", text="附件404",
                            page_url="/gk/town/", name="", contact="", submission_key=uuid.uuid4(),
                            now=datetime.combine(date(2025, 9, 30), time(10), tzinfo=TZ)).complaint  # fmt: skip
    assert site.due_on == date(2025, 10, 11)  # 9, 10 and the make-up Saturday 11 October


def test_a_complaint_from_the_form_to_the_finding(
    town: Any, client_for: Any, calendar: None, django_capture_on_commit_callbacks: Any
) -> None:
    public = Client()
    assert "投诉举报" in public.get("/gk/town/").content.decode()
    data = form(attachment=SimpleUploadedFile("截图.pdf", PDF, "application/pdf"))
    page = public.post("/gk/town/tousu/", data).content.decode()
    assert "已收到" in page and "前答复" in page
    code = page.split("回执码<br><strong>")[1].split("</strong>")[0]
    complaint = Complaint.objects.get()
    assert complaint.personal("contact") == "lisi@example.com" and complaint.attachment_name == "截图.pdf"
    head = client_for("office_head")
    queue = head.get("/staff/complaints/").content.decode()
    assert "申请超期未答复" in queue and "剩余 15 个工作日" in queue
    case = head.get(f"/staff/complaints/{complaint.pk}/").content.decode()
    assert "l***@example.com" in case and "lisi@example.com" not in case  # masked on the page
    refused = head.post(f"/staff/complaints/{complaint.pk}/", {"action": "close", "close-finding": "upheld"})
    assert refused.status_code == 400 and "请先答复投诉人" in refused.content.decode()
    reply = "经核查，该申请因承办人员调整延误，已于今日答复并向申请人致歉。"
    with django_capture_on_commit_callbacks(execute=True):
        head.post(f"/staff/complaints/{complaint.pk}/", {"action": "reply", "reply-reply": reply})
    assert [m.to for m in mail.outbox] == [["lisi@example.com"]] and reply in mail.outbox[0].body
    no_rectification = head.post(f"/staff/complaints/{complaint.pk}/", {"action": "close", "close-finding": "upheld"})
    assert "须写明整改情况" in no_rectification.content.decode()
    closing = {"action": "close", "close-finding": "upheld", "close-rectification": "建立申请办理提醒，每周核对台账。"}
    head.post(f"/staff/complaints/{complaint.pk}/", closing)
    complaint.refresh_from_db()
    assert (
        complaint.status == "closed" and complaint.finding == "upheld" and complaint.closed_on == timezone.localdate()
    )
    track = public.post("/gk/town/tousu/chaxun/", {"code": code}).content.decode()
    assert reply in track and "成立" in track and "建立申请办理提醒" in track
    assert "李四" not in track and "lisi@example.com" not in track
    row = dashboard.rows([town.town], Period.year(timezone.localdate().year), timezone.localdate())[0]
    assert (row.complaints, row.complaints_overdue, row.complaints_upheld) == (1, 0, 1)


def test_bad_input_is_explained_and_what_was_typed_kept(town: Any, calendar: None) -> None:
    response = Client().post("/gk/town/tousu/", form(subject=""))
    body = response.content.decode()
    assert response.status_code == 400 and "请简要写明事项" in body and "低保名单至今未收到答复" in body
    assert not Complaint.objects.exists()
    key = str(uuid.uuid4())
    Client().post("/gk/town/tousu/", form(submission_key=key))
    again = Client().post("/gk/town/tousu/", form(submission_key=key)).content.decode()
    assert "此前已经提交过" in again and Complaint.objects.count() == 1
    wrong = Client().post("/gk/town/tousu/chaxun/", {"code": "AAAA-BBBB-CCCC"})
    assert wrong.status_code == 400 and "回执码不正确" in wrong.content.decode()


def test_each_line_of_the_error_summary_names_what_is_missing_once(town: Any, calendar: None) -> None:
    empty = Client().post("/gk/town/tousu/", {"submission_key": str(uuid.uuid4())})
    assert empty.status_code == 400
    assert error_summary(empty.content.decode()) == ["请选择类别。", "请简要写明事项。", "请写明具体内容。"]
    long = Client().post("/gk/town/tousu/", form(text="长" * 5001)).content.decode()
    assert error_summary(long) == ["具体内容不超过5000字。"]


def test_the_site_error_link_carries_the_page_and_the_head_is_reminded(
    town: Any, client_for: Any, calendar: None
) -> None:
    footer = Client().get("/gk/town/").content.decode()
    assert "/gk/town/tousu/?kind=site_error&amp;page=/gk/town/" in footer
    page = Client().get("/gk/town/tousu/?kind=site_error&page=/gk/town/").content.decode()
    assert 'value="/gk/town/"' in page and re.search(r'value="site_error"[^>]*checked', page)
    Client().post("/gk/town/tousu/", form(kind="site_error", subject="附件打不开", page_url="/gk/town/"))
    workbench = client_for("office_head").get("/staff/").content.decode()
    assert "投诉举报待答复" in workbench and "网站纠错：附件打不开" in workbench
    assert "投诉举报待答复" not in client_for("editor").get("/staff/").content.decode()


def test_the_site_error_link_from_a_staff_page_does_not_carry_the_staff_address(
    town: Any, client_for: Any, calendar: None
) -> None:
    staff_footer = client_for("editor").get("/staff/").content.decode()
    assert '/gk/town/tousu/?kind=site_error"' in staff_footer and "page=/staff/" not in staff_footer
    typed = Client().get("/gk/town/tousu/?kind=site_error&page=/staff/ysq/3/").content.decode()
    assert 'value="/staff/ysq/3/"' not in typed  # an address given by hand is not filled in either


def test_who_reads_and_who_handles(town: Any, client_for: Any, calendar: None) -> None:
    Client().post("/gk/town/tousu/", form())
    complaint = Complaint.objects.get()
    assert client_for("other_staff").get(f"/staff/complaints/{complaint.pk}/").status_code == 404
    assert client_for("editor").get(f"/staff/complaints/{complaint.pk}/").status_code == 200
    reply = {"action": "reply", "reply-reply": "经核查，已经答复申请人。谢谢监督。"}
    assert client_for("editor").post(f"/staff/complaints/{complaint.pk}/", reply).status_code == 404
    assert client_for("inspector").post(f"/staff/complaints/{complaint.pk}/", reply).status_code == 404
    revealed = client_for("office_head").post(f"/staff/complaints/{complaint.pk}/",
                                              {"action": "reveal", "reason": "电话核实情况"})  # fmt: skip
    assert "lisi@example.com" in revealed.content.decode() and revealed["Cache-Control"] == "no-store"


def test_the_demo_has_complaints_in_each_state(db: Any) -> None:
    from io import StringIO

    from django.core.management import call_command

    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())  # safe to run twice
    assert sorted(Complaint.objects.values_list("status", flat=True)) == ["closed", "open", "open"]
    assert Complaint.objects.get(status="closed").finding == "upheld"
    from supervision.inspections.models import FollowUp, LeadershipMeeting

    assert sorted(FollowUp.objects.values_list("status", flat=True)) == ["closed", "open", "open"]
    assert LeadershipMeeting.objects.count() == 1
    from supervision.assessments.models import Assessment
    from supervision.evaluations.models import Evaluation, ItemVote

    assert Evaluation.objects.count() == 1 and ItemVote.objects.count() == 3
    assert Assessment.objects.get().status == "final"


def test_the_lookup_offers_another_code_and_remembers_nothing(town: Any, calendar: None) -> None:
    """A shared computer at a village service point: the next person opening the lookup sees only the code box."""
    terminal = Client()
    page = terminal.post("/gk/town/tousu/", form()).content.decode()
    code = page.split("回执码<br><strong>")[1].split("</strong>")[0]
    track = terminal.post("/gk/town/tousu/chaxun/", {"code": code}).content.decode()
    assert "申请超期未答复" in track and 'href="/gk/town/tousu/chaxun/">查询其他回执码</a>' in track
    again = terminal.get("/gk/town/tousu/chaxun/").content.decode()
    assert "申请超期未答复" not in again and 'name="code"' in again
