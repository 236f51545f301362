"""What the records say for an organisation's website and a calendar year: the figures of 政府网站工作年度报表
the portal can count, frozen into the report when it is drafted. Each is a handful of grouped queries, whatever
the size of the catalogue.

Which items count where (信息发布): an item counts for the site whose 政府信息公开 column shows it (its channel)
and in the year of its first publication; withdrawn and merged revisions are not counted.
- 概况类信息: the overview columns (机构职能 and the columns under it: 机关职能、机构设置、领导信息);
- 政务动态信息: the 工作动态 columns;
- 信息公开目录信息: every other column of the disclosure catalogue (法定主动公开内容 but 机构职能,
  政府信息公开制度, 政府信息公开年报)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q, Sum
from django.urls import reverse

from portal.models import Organisation, OrganisationKind, PlatformProfile

OVERVIEW_COLUMNS = ("jgzn",)  # 机构职能 (条例 第二十条第（二）项): the organisation's overview


def site_organisations(organisation: Organisation) -> list[int]:
    """The organisation and its offices that publish through its column (they run none of their own)."""
    offices = Organisation.objects.filter(parent=organisation, runs_own_column=False).values_list("pk", flat=True)
    return [organisation.pk, *offices]


def is_home(organisation: Organisation) -> bool:
    """Whether the organisation runs the site itself (the platform's home page), not one of its sub-sites."""
    profile = PlatformProfile.load(fresh=True)
    return organisation.pk in (profile.home_organisation_id, profile.host_organisation_id)


def identity(organisation: Organisation) -> dict[str, Any]:
    from django.conf import settings

    profile = PlatformProfile.load(fresh=True)
    home = is_home(organisation)
    url = settings.SITE_URL + ("/" if home else reverse("disclosure:organisation", args=[organisation.slug]))
    name = profile.site_name if home else f"{profile.site_name}·{organisation.name}政府信息公开专栏"
    governments = (OrganisationKind.COUNTY_GOVERNMENT, OrganisationKind.TOWN_GOVERNMENT)
    return {
        "site_name": name,
        "home_url": url,
        "sponsor": (profile.host_organisation.name if home and profile.host_organisation else organisation.name),
        "site_type": "政府门户网站" if organisation.kind in governments else "部门网站",
        "site_code": profile.website_code,
        "icp_number": profile.icp_number,
        "police_number": profile.police_number,
    }


WHOLE_SITE = "访问量为全站按日去重的独立用户数之和与全站页面浏览次数（平台统计，不使用Cookie、不保存访客标识）。"
SUB_SITE = "访问量为本专栏栏目页和信息页的浏览次数；独立用户由平台按全站统计，不能按专栏区分，故不单独填报。"


def visits(organisation: Organisation, year: int) -> dict[str, Any]:
    """The site's visits (portal/visits.py). The platform counts unique visitors once a day for the whole site
    (the salt changes daily, so a visitor cannot be followed from one day to the next): 独立用户访问总量 is the sum
    of the daily figures. The organisation that runs the site reports the whole site; a sub-site reports the
    views of its own pages (its column pages and the items it shows), and its unique visitors are not known."""
    from portal.models import DailyVisitors, PageViews

    start, end = date(year, 1, 1), date(year, 12, 31)
    if is_home(organisation):
        totals = DailyVisitors.objects.filter(day__range=(start, end)).aggregate(v=Sum("visitors"), p=Sum("views"))
        return {"visitors": totals["v"] or 0, "views": totals["p"] or 0, "visits_note": WHOLE_SITE}
    from disclosure.models import Item

    in_year = PageViews.objects.filter(day__range=(start, end))
    columns = in_year.filter(page__startswith=f"column:{organisation.slug}/").aggregate(n=Sum("views"))["n"] or 0
    per_item = dict(
        in_year.filter(page__startswith="item:").values_list("page").annotate(n=Sum("views")).values_list("page", "n")
    )
    mine = set(
        Item.objects.filter(pk__in=[int(p[5:]) for p in per_item if p[5:].isdigit()], channel=organisation)
        .values_list("pk", flat=True)
    )  # fmt: skip
    views = columns + sum(n for page, n in per_item.items() if page[5:].isdigit() and int(page[5:]) in mine)
    return {"visitors": None, "views": views, "visits_note": SUB_SITE}


def publications(organisation: Organisation, year: int) -> dict[str, int]:
    from disclosure.models import ColumnKind, Item, ItemStatus

    published = Item.objects.filter(
        channel=organisation,
        status=ItemStatus.PUBLISHED,
        publication_date__range=(date(year, 1, 1), date(year, 12, 31)),
    )
    overview = Q(column__slug__in=OVERVIEW_COLUMNS) | Q(column__parent__slug__in=OVERVIEW_COLUMNS)
    counts = published.aggregate(
        overview=Count("pk", filter=overview),
        news=Count("pk", filter=Q(column_kind=ColumnKind.NEWS) & ~overview),
        catalogue=Count("pk", filter=~Q(column_kind=ColumnKind.NEWS) & ~overview),
        interpretations=Count("pk", filter=Q(interprets__isnull=False)),
    )
    return {
        "overview": counts["overview"],
        "news": counts["news"],
        "catalogue": counts["catalogue"],
        "interpretation_materials": counts["interpretations"],
    }


def topics(organisation: Organisation, year: int) -> dict[str, int]:
    """专栏专题: the topic pages shown now (维护数量), and those the admin's log says were made in the year."""
    from django.contrib.admin.models import ADDITION, LogEntry
    from django.contrib.contenttypes.models import ContentType

    from disclosure.models import TopicPage

    pages = TopicPage.objects.filter(organisation=organisation)
    made = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(TopicPage), action_flag=ADDITION, action_time__year=year,
        object_id__in=[str(pk) for pk in pages.values_list("pk", flat=True)],
    ).count()  # fmt: skip
    return {"topics": pages.filter(is_active=True).count(), "suggested_topics_new": made}


def question_figures(organisation_ids: list[int], year: int) -> dict[str, Any]:
    """互动交流 留言办理 from the public Q&A (consultations/questions): received, closed, average days, published."""
    from consultations.questions.figures import year_figures

    return year_figures(organisation_ids, year)


def messages(organisation_ids: list[int], year: int) -> dict[str, Any]:
    found = question_figures(organisation_ids, year)
    days = found.get("average_days")
    return {
        "messages_received": found["received"],
        "messages_closed": found["closed"],
        "messages_days": round(float(days), 1) if days is not None else None,
        "messages_published": found["published"],
    }


def surveys(organisation_ids: list[int], year: int) -> dict[str, int]:
    """征集调查: consultations (drafts for comment) opened in the year, the comments they received (spam left
    out) and how many of them had their adoption report (the result) published."""
    from consultations import selectors
    from consultations.models import AdoptionStatus, Consultation, ConsultationStatus

    found = selectors.figures(organisation_ids, year)
    results = Consultation.objects.filter(
        organisation_id__in=organisation_ids, status=ConsultationStatus.PUBLISHED, opens_on__year=year,
        adoption_report__status=AdoptionStatus.PUBLISHED,
    ).count()  # fmt: skip
    return {"surveys": found.held, "survey_comments": found.comments, "survey_results": results}


def security(year: int) -> dict[str, int]:
    """The platform's own records for 安全防护 (the audit log): backups made and restore drills in the year."""
    from portal.models import AuditEvent, AuditKind

    events = AuditEvent.objects.filter(at__year=year, succeeded=True)
    return {
        "backups": events.filter(kind=AuditKind.BACKUP_MADE).count(),
        "restore_drills": events.filter(kind=AuditKind.RESTORE_CHECKED).count(),
    }


def compute(organisation: Organisation, year: int) -> dict[str, Any]:
    ids = site_organisations(organisation)
    return {
        **identity(organisation),
        **visits(organisation, year),
        **publications(organisation, year),
        **topics(organisation, year),
        **messages(ids, year),
        **surveys(ids, year),
        **security(year),
    }
