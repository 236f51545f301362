"""政府网站工作年度报表 (国办发〔2017〕47号 附件): the figures counted from the records of the calendar year, frozen
into the report when it is drafted."""

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from consultations.models import AdoptionReport, AdoptionStatus
from disclosure.models import Genre, Item, TopicPage
from portal.models import DailyVisitors, PageViews
from supervision.website_report import figures, services

WRITTEN = date(2025, 2, 10)


def moved_to_the_other_town(item: Item, town: Any) -> Item:
    """An item of the neighbouring town's site (its staff are not among the personas who review)."""
    Item.objects.filter(pk=item.pk).update(organisation=town.other_town, channel=town.other_town)
    return item


def test_items_count_by_column_kind_in_the_year_of_publication(published: Any, town: Any, personas: Any) -> None:
    """概况类 = 机构职能, 政务动态 = 工作动态, 信息公开目录 = the rest of the catalogue; an interpretation
    counts as 解读材料; items of another year or another site are not counted."""
    published(column="jgzn", when=date(2025, 3, 3), written_date=WRITTEN, title="示例镇人民政府机构职能")
    news = [published(column="gzdt", when=date(2025, 4, d), written_date=WRITTEN, title=f"工作动态{d}",
                      genre=Genre.NEWS) for d in (1, 2)]  # fmt: skip
    policy = published(column="fgwj", when=date(2025, 5, 6), written_date=WRITTEN)
    published(column="mszc", when=date(2025, 6, 2), written_date=WRITTEN, title="关于秋季森林防火工作的解读",
              genre=Genre.INTERPRETATION, interprets=policy)  # fmt: skip
    published(column="fgwj", when=date(2026, 1, 5), written_date=WRITTEN, title="下一年的通知")
    moved_to_the_other_town(
        published(column="fgwj", when=date(2025, 7, 1), written_date=WRITTEN, title="邻镇的通知"), town
    )
    assert news[0].publication_date == date(2025, 4, 1)

    counted = figures.publications(town.town, 2025)

    assert counted == {"overview": 1, "news": 2, "catalogue": 2, "interpretation_materials": 1}
    report = services.draft(organisation=town.town, year=2025, actor=personas["office_head"], today=date(2026, 1, 6))
    assert services.value(report, "published") == 5  # 总数 = 概况类 + 政务动态 + 信息公开目录


def test_consultations_are_the_surveys_and_their_adoption_reports_the_results(
    closed: Any, town: Any, personas: Any
) -> None:
    """征集调查: consultations opened in the year, the comments received, adoption reports published."""
    consultation, _codes = closed
    year = consultation.opens_on.year
    assert figures.surveys([town.town.pk], year) == {"surveys": 1, "survey_comments": 3, "survey_results": 0}
    AdoptionReport.objects.create(
        consultation=consultation, organisation=town.town, text="采纳情况说明。", status=AdoptionStatus.PUBLISHED,
        created_by=personas["editor"], published_at=datetime(year, 12, 1, tzinfo=ZoneInfo("Asia/Shanghai")),
    )  # fmt: skip
    assert figures.surveys([town.town.pk], year)["survey_results"] == 1
    assert figures.surveys([town.town.pk], year - 1) == {"surveys": 0, "survey_comments": 0, "survey_results": 0}


def test_visits_of_the_whole_site_and_of_a_sub_site(published: Any, town: Any) -> None:
    """The organisation that runs the site reports the site's daily unique visitors summed and its views; a
    sub-site (another town's column) the views of its own pages, its unique visitors not being known."""
    DailyVisitors.objects.create(day=date(2025, 3, 1), visitors=120, views=800)
    DailyVisitors.objects.create(day=date(2025, 12, 31), visitors=30, views=95)
    DailyVisitors.objects.create(day=date(2026, 1, 1), visitors=999, views=9999)  # next year
    item = moved_to_the_other_town(published(column="fgwj", when=date(2025, 5, 6), written_date=WRITTEN), town)
    PageViews.objects.create(day=date(2025, 5, 7), page=f"item:{item.pk}", views=14)
    PageViews.objects.create(day=date(2025, 5, 7), page="column:other/fgwj", views=6)
    PageViews.objects.create(day=date(2025, 5, 7), page="column:town/fgwj", views=50)

    whole = figures.visits(town.town, 2025)
    sub_site = figures.visits(town.other_town, 2025)

    assert (whole["visitors"], whole["views"]) == (150, 895)
    assert (sub_site["visitors"], sub_site["views"]) == (None, 20)
    assert "不能按专栏区分" in sub_site["visits_note"]


def test_messages_come_from_the_questions_of_the_site_and_its_offices(questions: Any, town: Any, personas: Any) -> None:
    questions.update(received=12, closed=11, average_days=3.456, published=9)
    report = services.draft(organisation=town.town, year=2025, actor=personas["office_head"], today=date(2026, 1, 6))
    keys = ("messages_received", "messages_closed", "messages_days", "messages_published")
    assert [report.figures[k] for k in keys] == [12, 11, 3.5, 9]
    ids, year = questions["asked"][-1]
    assert year == 2025 and ids == sorted([town.town.pk, town.party_office.pk, town.social_office.pk])


def test_identity_topics_and_security_records(town: Any, personas: Any) -> None:
    from portal.models import AuditEvent, AuditKind

    TopicPage.objects.create(organisation=town.town, title="乡村振兴", slug="xczx", introduction="专题。")
    TopicPage.objects.create(organisation=town.town, title="旧专题", slug="old", introduction="专题。", is_active=False)
    AuditEvent.objects.create(kind=AuditKind.RESTORE_CHECKED, at=datetime(2025, 6, 1, tzinfo=ZoneInfo("UTC")))
    report = services.draft(organisation=town.town, year=2025, actor=personas["office_head"], today=date(2026, 1, 6))
    counted = report.figures
    assert counted["site_name"] == "示例镇人民政府门户网站" and counted["site_code"] == "4305990001"
    assert counted["icp_number"] == "湘ICP备00000000号" and counted["police_number"] == "湘公网安备43059902000000号"
    assert counted["sponsor"] == "示例镇人民政府" and counted["site_type"] == "政府门户网站"
    assert counted["topics"] == 1 and counted["restore_drills"] == 1
    assert report.entered["drills"] == "yes"  # suggested from the restore drill, for staff to confirm


def test_figures_are_frozen_when_drafted_and_counted_again_on_request(published: Any, town: Any, personas: Any) -> None:
    head = personas["office_head"]
    report = services.draft(organisation=town.town, year=2025, actor=head, today=date(2026, 1, 6))
    assert report.figures["catalogue"] == 0
    published(column="fgwj", when=date(2025, 5, 6), written_date=WRITTEN)
    report.refresh_from_db()
    assert report.figures["catalogue"] == 0
    assert services.recompute(report=report, actor=head).figures["catalogue"] == 1
