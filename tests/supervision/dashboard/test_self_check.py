"""The inspection's self-check (《政府网站与政务新媒体检查指标》, 国办秘函〔2019〕19号): each 单项否决 item the portal
can measure fails when the town is made to fail it, with the evidence and what to do, and the site is then
不合格; inspectors see every organisation, an office head their own."""

import uuid
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from disclosure.models import Column, Item
from supervision.complaints import services as complaints
from supervision.dashboard import self_check
from supervision.dashboard.selectors import Row

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


def result(town: Any, name: str, row: Row | None = None) -> self_check.Check:
    from supervision.dashboard.selectors import Period, rows

    today = timezone.localdate()
    if row is None:
        [row] = rows([town.town], Period(date(today.year, 1, 1), today), today)
    return next(check for check in self_check.checks(row, today) if check.name == name)


def test_home_page_not_updated_for_two_weeks_is_a_veto(town: Any, published: Any) -> None:
    assert result(town, "首页不更新").verdict == "fail"  # no 工作动态 at all
    today = timezone.localdate()
    old = published(column="gzdt", title="镇政府召开安全生产会议", when=today - timedelta(days=20))
    Item.objects.filter(pk=old.pk).update(publication_date=today - timedelta(days=20))
    stale = result(town, "首页不更新")
    assert (
        stale.verdict == "fail"
        and "已 20 天未更新" in stale.summary
        and "镇政府召开安全生产会议" in stale.evidence[0].text
    )
    Item.objects.filter(pk=old.pk).update(publication_date=today - timedelta(days=3))
    assert result(town, "首页不更新").verdict == "pass"


def test_five_blank_columns_are_a_veto_and_each_is_named(town: Any) -> None:
    blank = result(town, "空白栏目")
    assert blank.veto and blank.verdict == "fail" and len(blank.evidence) >= 5
    assert "工作动态" in {e.text for e in blank.evidence} and "未涉及说明" in blank.todo


def test_more_than_ten_stale_columns_are_a_veto(town: Any) -> None:
    columns = list(Column.objects.all()[:11])
    row = Row(town.town, stale_columns=[(column, date(2025, 1, 1)) for column in columns])
    assert result(town, "栏目不更新", row).verdict == "fail"
    row.stale_columns = row.stale_columns[:1]
    assert result(town, "栏目不更新", row).verdict == "warn"


def test_a_serious_wording_error_in_a_published_item_is_a_veto(town: Any, published: Any) -> None:
    item = published(title="关于做好森林防火工作的通知")
    Item.objects.filter(pk=item.pk).update(body_text="请各村做好布署，按步就班推进。")  # published before the check
    found = result(town, "严重错别字")
    assert found.verdict == "fail" and any("“布署”，应为“部署”" in e.text for e in found.evidence)
    assert found.evidence[0].url == f"/gk/town/item/{item.pk}/"


def test_personal_data_in_a_published_item_is_a_veto(town: Any, published: Any) -> None:
    item = published(title="2023年低保名单")
    Item.objects.filter(pk=item.pk).update(body_text="赵某 430524197511203185")  # an old site's import, say
    leaked = result(town, "泄露个人信息")
    assert leaked.verdict == "fail" and "2023年低保名单" in leaked.evidence[0].text
    assert "430524197511203185" not in leaked.evidence[0].text  # the evidence shows it masked


def test_a_complaint_past_its_deadline_warns_and_unanswered_for_three_months_is_the_interaction_veto(
    town: Any, calendar: None
) -> None:
    """国办秘函〔2019〕19号 单项否决 互动回应差: messages left unanswered, in practice for three months."""
    two_months = datetime.combine(timezone.localdate() - timedelta(days=60), time(10), tzinfo=TZ)
    complaints.receive(organisation=town.town, kind="complaint", subject="超期", text="未答复", page_url="",
                       name="", contact="", submission_key=uuid.uuid4(), now=two_months)  # fmt: skip
    assert result(town, "互动回应差").verdict == "warn"
    four_months = datetime.combine(timezone.localdate() - timedelta(days=120), time(10), tzinfo=TZ)
    complaints.receive(organisation=town.town, kind="complaint", subject="四个月未答复", text="未答复", page_url="",
                       name="", contact="", submission_key=uuid.uuid4(), now=four_months)  # fmt: skip
    found = result(town, "互动回应差")
    assert found.verdict == "fail" and any("四个月未答复" in e.text for e in found.evidence)


def test_the_page_runs_the_check_for_each_organisation_the_user_oversees(client_for: Any, town: Any) -> None:
    page = client_for("inspector").get("/staff/supervision/self-check/").content.decode()
    assert page.count("单项否决") >= 7 and "示例镇人民政府" in page and "邻镇人民政府" in page and "不合格" in page
    own = client_for("office_head").get("/staff/supervision/self-check/").content.decode()
    assert "示例镇人民政府" in own and "邻镇人民政府" not in own
