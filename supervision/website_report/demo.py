"""Demo data: the demo town's 政府网站工作年度报表 for last year, its figures counted from the demo's records, the
rest entered as a town's office would, reviewed and published by 31 January (safe to run twice)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from portal.models import Organisation

from . import services
from .models import WebsiteReport

ENTERED: dict[str, Any] = {
    "topics_new": 1, "interpretation_products": 2, "media_articles": 0, "responses": 3,
    "service_catalogue": "yes", "registered_users": 0, "service_items": 126, "online_items": 58,
    "cases_person": 1460, "cases_legal": 212, "unified_platform": "yes",
    "interviews": 0, "interview_messages": 0, "interview_answers": 0, "smart_answers": "no",
    "security_checks": 4, "security_problems": 3, "security_fixed": 3, "monitoring": "yes", "drills": "yes",
    "security_officer": "yes", "new_media": "yes", "weibo_name": "", "weibo_posts": 0, "weibo_followers": 0,
    "wechat_name": "示例镇发布", "wechat_posts": 312, "wechat_subscribers": 8650, "other_media": "",
    "search_service": "no", "languages": "no", "accessible": "yes", "personalised": "no", "other_innovation": "",
    "head": "李明", "checker": "周敏", "filler": "陈静", "phone": "0730-5180118",
}  # fmt: skip


def seed(town: Organisation, head: Any, reviewers: list[Any], today: date) -> WebsiteReport | None:
    from review.demo import approve_through

    year = today.year - 1
    if WebsiteReport.objects.filter(organisation=town, year=year).exists():
        return None
    report = services.draft(organisation=town, year=year, actor=head, today=today)
    filled = min(today, date(today.year, 1, 20))
    services.save_entered(report=report, values={**report.entered, **ENTERED, "filled_on": filled.isoformat()},
                          actor=head)  # fmt: skip
    submitted = min(timezone.make_aware(datetime.combine(filled, time(9, 0))), timezone.now() - timedelta(hours=1))
    services.submit(report=report, actor=head, now=submitted)
    approve_through(report, reviewers, now=submitted + timedelta(minutes=30))
    report.refresh_from_db()
    return report
