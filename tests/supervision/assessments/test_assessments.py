"""Year-end assessment (年终考核, seed §五): every computed indicator on a small hand-made year, the inspector's
scores with reasons, the assessment fixed once complete, the ranking, the accountability records, the PDF, and
the result in section 一 of the annual report (条例 第五十条第四项)."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from supervision.annual_report.services import facts
from supervision.assessments import services
from supervision.assessments.models import Accountability, Assessment, Indicator
from tests.supervision.dashboard.test_dashboard import year  # noqa: F401  (the hand-made 2025 of the dashboard's tests)


@pytest.fixture
def assessed(year: dict[str, Any], town: Any) -> Assessment:  # noqa: F811
    made = services.start(year=2025, organisations=[town.town, town.other_town], today=timezone.localdate())
    return next(a for a in made if a.organisation == town.town)


def test_each_computed_indicator_scores_the_hand_computed_year(assessed: Assessment) -> None:
    scores = {s.indicator.code: s for s in assessed.scores.select_related("indicator")}
    expected = {
        "on_time": (Decimal("10.0"), "办结2件，按期1件"),  # 20 × 1/2
        "late": (Decimal("9.0"), "超过20个工作日公开1条"),  # 10 − 1
        "blank": (Decimal("0.0"), "空白栏目"),  # five or more blank columns
        "stale": (Decimal("1.0"), "不更新栏目2个"),  # 5 − 2 × 2
        "complaints": (Decimal("10.0"), "成立或部分成立0件"),
        "report": (Decimal("0.0"), "2024年度报告未发布"),
        "consultation": (Decimal("5.0"), "无意见征集"),
        "satisfaction": (Decimal("5.0"), "评价0人次"),
        "interaction": (Decimal("5.0"), "无政务咨询"),
        "obligations": (Decimal("5.0"), "无到期的标准目录事项"),
    }
    for code, (points, evidence) in expected.items():
        assert scores[code].points == points, code
        assert evidence in scores[code].evidence, (code, scores[code].evidence)
    assert "work" not in scores and assessed.total == Decimal("55.0")


def test_the_inspector_scores_fixes_and_ranks(assessed: Assessment, town: Any, client_for: Any) -> None:
    inspector = client_for("inspector")
    work = Indicator.objects.get(code="work")
    url = f"/staff/assessments/{assessed.pk}/action/"
    too_many = inspector.post(url, {"action": "score", "indicator": work.pk, "points": "11", "note": "制度健全"})
    assert too_many.status_code == 400 and "得分应在0至10分之间" in too_many.content.decode()
    early = inspector.post(url, {"action": "finalise"}, follow=True)
    assert "还有指标未评分：组织领导和制度建设" in early.content.decode()
    inspector.post(url, {"action": "score", "indicator": work.pk, "points": "7.5", "note": "领导小组按季度开会"})
    inspector.post(url, {"action": "finalise"})
    assessed.refresh_from_db()
    assert assessed.status == "final" and assessed.total == Decimal("62.5")
    with pytest.raises(Exception, match="已定档"):
        services.score(assessment=assessed, indicator=work, points=Decimal(1), note="再改一次", actor=None)
    other = Assessment.objects.get(organisation=town.other_town, year=2025)
    services.score(assessment=other, indicator=work, points=Decimal(10), note="工作扎实", actor=None)
    services.finalise(assessment=other, actor=None, today=timezone.localdate())
    other.refresh_from_db()
    ranked = [(place, a.organisation.name) for place, a in services.ranking(2025)]
    # 邻镇: nothing published (every column blank, 0) but nothing late or stale and no cases: 70 computed + 10
    assert ranked == [(1, "邻镇人民政府"), (2, "示例镇人民政府")] and other.total == Decimal("80.0")
    page = inspector.get("/staff/assessments/?year=2025").content.decode()
    assert "示例镇人民政府" in page and "62.5" in page
    sentence = facts(town.town, "itself", 2025)["assessment"]
    assert sentence == "2025年度政府信息公开工作考核得分62.5分，在2个参评机构中排名第2。"


def test_accountability_is_recorded_and_who_may_act(assessed: Assessment, client_for: Any, town: Any) -> None:
    url = f"/staff/assessments/{assessed.pk}/action/"
    record = {"action": "accountability", "person": "党政办某某", "matter": "低保名单未遮盖身份证号即张贴",
              "measure": "约谈", "decided_on": f"{timezone.localdate() + timedelta(days=1):%Y-%m-%d}"}  # fmt: skip
    refused = client_for("inspector").post(url, record)
    assert refused.status_code == 400 and "不能晚于今天" in refused.content.decode()
    client_for("inspector").post(url, record | {"decided_on": f"{date(2025, 12, 20):%Y-%m-%d}"})
    assert Accountability.objects.get().measure == "约谈"
    head = client_for("office_head")
    sheet = head.get(f"/staff/assessments/{assessed.pk}/").content.decode()
    assert "约谈" in sheet and "依据或评分说明" in sheet and "人工评分" not in sheet
    assert head.post(url, {"action": "finalise"}).status_code == 404
    assert client_for("other_staff").get(f"/staff/assessments/{assessed.pk}/").status_code == 404


def test_the_score_sheet_prints(assessed: Assessment, client_for: Any, pdf_support: None) -> None:
    response = client_for("inspector").get(f"/staff/assessments/{assessed.pk}/?format=pdf")
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")


def test_interaction_scores_answers_on_time_and_nothing_with_a_three_month_old_question(
    town: Any, calendar: None
) -> None:
    """国办秘函〔2019〕19号 互动回应差: a question unanswered for three months scores nothing."""
    import uuid
    from datetime import datetime, time, timedelta
    from zoneinfo import ZoneInfo

    from consultations.questions import services as questions
    from supervision.dashboard import selectors as dashboard
    from supervision.dashboard.selectors import Period

    today = date(2026, 11, 30)
    interaction = Indicator.objects.get(code="interaction")

    def asked(days_ago: int) -> Any:
        moment = datetime.combine(today - timedelta(days=days_ago), time(10), tzinfo=ZoneInfo("Asia/Shanghai"))
        return questions.receive(organisation=town.town, subject="咨询", text="问题", name="", contact="",
                                 public_allowed=False, submission_key=uuid.uuid4(), now=moment).question  # fmt: skip

    def points() -> tuple[Decimal, str]:
        row = dashboard.rows([town.town], Period.year(today.year), today)[0]
        return services.computed(interaction, row, today.year)

    first = asked(20)
    questions.answer(question=first, text="答复内容超过十个字了。", actor=None, today=first.due_on)
    assert points() == (Decimal("5.0"), "收到政务咨询1条，答复1条，按期1条")
    asked(100)
    assert points()[0] == Decimal("0.0") and "超过3个月未答复" in points()[1]


def test_the_catalogue_and_interpretation_indicators_score_from_the_rows_figures(db: Any) -> None:
    """国办发〔2019〕54号 (each 公开事项 on time) and 国办发〔2016〕80号 实施细则 (三同步), as computed indicators."""
    from disclosure.interpretations import Figures as Policies
    from disclosure.standard_catalogue.selectors import Tally
    from portal.models import Organisation
    from supervision.dashboard.selectors import Row

    row = Row(Organisation(name="示例镇人民政府"))
    row.obligations = Tally(met=6, late=2, missing=2)
    row.policies = Policies(policies=4, timely=3, late=1, waiting=0)
    obligations = Indicator.objects.get(code="obligations")
    interpretation = Indicator.objects.get(code="interpretation")
    assert services.computed(obligations, row, 2026) == (
        Decimal("1.0"),
        "到期事项10个：按时公开6个，逾期公开2个，应公开未公开2个",
    )  # 5 × 6/10 − 2
    assert services.computed(interpretation, row, 2026)[0] == Decimal("3.8")  # 5 × 3/4, to one place
    row.policies = Policies(policies=1, waiting=1)
    assert services.computed(interpretation, row, 2026) == (Decimal("5.0"), "无到期的行政规范性文件")
