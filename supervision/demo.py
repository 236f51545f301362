"""Demo data for supervision: a complaint being handled, one closed with its finding and rectification, a site
error waiting for its reply, an inspection with one rectification done and one open, and a leadership-group
meeting with its task, a 评议会's results and votes on items, last year's assessment fixed with its scores, and
last year's annual report drafted from the records, reviewed and published (safe to run twice)."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from portal.models import Organisation

from .complaints import services
from .complaints.models import Complaint
from .inspections import services as inspection_services


def seed(town: Organisation, head: Any, inspector: Any, reviewers: list[Any], today: date) -> None:
    if Complaint.objects.filter(organisation=town).exists():
        return
    _inspection_and_meeting(town, head, inspector, today)
    _evaluations(town, head, today)
    _last_years_assessment(town, inspector, today)
    _last_years_report(town, head, reviewers, today)

    def received(days_ago: int, kind: str, subject: str, text: str, contact: str = "", page_url: str = "") -> Any:
        at = timezone.make_aware(datetime.combine(today - timedelta(days=days_ago), time(9, 30)))
        return services.receive(organisation=town, kind=kind, subject=subject, text=text, page_url=page_url,
                                name="村民", contact=contact, now=at,
                                submission_key=uuid.uuid5(uuid.NAMESPACE_URL, f"demo-complaint:{subject}")).complaint  # fmt: skip

    received(2, "complaint", "申请答复超期", "10月提交的低保名单公开申请至今未答复。", contact="13900000011")
    received(1, "site_error", "附件打不开", "“森林防火”通知的附件点击后显示找不到。", page_url="/gk/shifanzhen/")
    closed = received(40, "complaint", "公示名单未遮盖身份证号", "村务公开栏张贴的名单显示了完整身份证号。",
                      contact="villager@example.com")  # fmt: skip
    services.reply(complaint=closed, actor=head, today=today - timedelta(days=33),
                   text="经核查，该名单系村委会自行张贴，镇党政办已督促撤下并重新张贴遮盖后的名单。")  # fmt: skip
    services.close(complaint=closed, finding="upheld", actor=head, today=today - timedelta(days=30),
                   rectification="名单已重新张贴；镇党政办向各村印发个人信息处理提醒，并在审核清单中加入公开栏材料。")  # fmt: skip


def _inspection_and_meeting(town: Organisation, head: Any, inspector: Any, today: date) -> None:
    held = today - timedelta(days=20)
    inspection = inspection_services.record_inspection(
        organisation=town, kind="scheduled", held_on=held, scope="政府信息公开专栏、依申请公开办理台账",
        inspectors="县政务公开办 陈督查", findings="“重大建设项目”等栏目空白；工作动态超过2周未更新。", actor=inspector,
        requirements=f"补充重大建设项目信息或发布空白说明；党政办；{today + timedelta(days=10):%Y-%m-%d}\n"
        f"恢复工作动态每周更新；党政办；{held + timedelta(days=7):%Y-%m-%d}", today=today,
    )  # fmt: skip
    weekly = inspection.follow_ups.get(requirement__startswith="恢复工作动态")
    inspection_services.report_done(
        follow_up=weekly, report="已指定专人每周一更新工作动态。", today=held + timedelta(days=5)
    )
    inspection_services.close(follow_up=weekly, actor=inspector, today=held + timedelta(days=6))
    inspection_services.record_meeting(
        organisation=town, held_on=today - timedelta(days=30), attendees="镇长、分管副镇长、党政办和社会事务办负责人",
        topics="研究年度政务公开工作要点和检查发现问题的整改", decisions="建立栏目月度巡查制度，由党政办牵头。", actor=head,
        tasks=f"制定栏目月度巡查制度；党政办；{today + timedelta(days=15):%Y-%m-%d}", today=today,
    )  # fmt: skip


def _evaluations(town: Organisation, head: Any, today: date) -> None:
    from disclosure.models import Item, ItemStatus

    from .evaluations.models import ItemVote
    from .evaluations.services import record

    record(organisation=town, source="meeting", held_on=today - timedelta(days=10), satisfied=18, basic=5,
           unsatisfied=2, comments="希望公开栏张贴时间更长；低保名单公示看不清。", actor=head, today=today)  # fmt: skip
    for n, item in enumerate(Item.objects.filter(channel=town, status=ItemStatus.PUBLISHED).order_by("pk")[:3]):
        ItemVote.objects.get_or_create(item=item, voter=f"demo-{n}", defaults={"channel": town, "useful": n != 1,
                                                                               "voted_on": today})  # fmt: skip


def _last_years_assessment(town: Organisation, inspector: Any, today: date) -> None:
    from decimal import Decimal

    from .assessments import services as assessment_services
    from .assessments.models import Indicator

    assessment = assessment_services.start(year=today.year - 1, organisations=[town], today=today)[0]
    for indicator in Indicator.objects.filter(rule="scored", is_active=True):
        assessment_services.score(assessment=assessment, indicator=indicator, points=Decimal(indicator.weight - 2),
                                  note="领导小组按季度研究公开工作，制度健全；公开栏更新不够及时。", actor=inspector)  # fmt: skip
    assessment_services.finalise(assessment=assessment, actor=inspector, today=today)


def _last_years_report(town: Organisation, head: Any, reviewers: list[Any], today: date) -> None:
    """条例 第四十九条: the report of the year before, its sections 一 and 六 written from the records, section 五
    by the office, through review into the 年度报告 column."""
    from review.demo import approve_through

    from .annual_report import services as report_services

    report = report_services.draft(organisation=town, year=today.year - 1, scope="itself", actor=head, today=today)
    report.problems = (
        "一是部分栏目更新不够及时，工作动态曾超过两周未更新；二是政策解读形式较单一。下一步，镇党政办建立栏目"
        "月度巡查制度，每周更新工作动态，对重要政策采用图解、问答等形式解读。"
    )
    report.save(update_fields=["problems", "updated_at"])
    report_services.submit(report=report, actor=head)
    # published by 31 January as the law asks (the demo is seeded any day of the year)
    published = min(timezone.make_aware(datetime.combine(min(today, date(today.year, 1, 20)), time(10))),
                    timezone.now() - timedelta(minutes=30))  # fmt: skip
    approve_through(report, reviewers, now=published)
