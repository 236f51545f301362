"""The demo town's 标准目录 (run by disclosure.demo.seed, idempotent): nine areas adopted from the ready catalogue
four months ago, 国有土地上房屋征收 explained as not touched, and publications that leave the monthly 低保 公示 met
once, late once and missing once, event-driven 事项 met, one standing 事项 missing, and one 行政规范性文件 whose
interpretation never followed (三同步)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from portal.models import Organisation
from portal.workdays import current_calendar

from .models import Area, Matter
from .schedule import periods
from .selectors import rule_of
from .services import adopt_standard, set_involvement

TZ = ZoneInfo("Asia/Shanghai")
AREAS = ["城乡规划", "财政预决算", "征地补偿", "国有土地上房屋征收", "社会救助", "养老服务", "涉农补贴", "就业",
         "义务教育"]  # fmt: skip
NOT_INVOLVED = (
    "国有土地上房屋征收",
    "本镇辖区内没有国有土地上房屋征收项目；国有土地上房屋征收由县人民政府负责并公开。",
)
DIBAO = "最低生活保障 › 审核确认对象名单公示"
LEFT_MISSING = ("就业", "政策法规文件")  # the one standing 事项 the demo leaves unpublished


def _publish(town: Organisation, author: Any, reviewers: list[Any], *, title: str, matter: Matter | None,
             written: date, published: date, genre: str = "public_notice", summary: str = "",
             **extra: Any) -> None:  # fmt: skip
    from disclosure import services
    from disclosure.models import Item
    from review.demo import approve_through

    if Item.objects.filter(organisation=town, title=title).exists():
        return
    column = matter.column if matter is not None and matter.column is not None else None
    if column is None:
        from disclosure.models import Column

        column = Column.objects.get(slug=extra.pop("column", "mszc"))
    fields = {"column": column, "genre": genre, "title": title, "summary": summary or title,
              "body": f"<p>{summary or title}</p>", "written_date": written, "matter": matter, **extra}  # fmt: skip
    item = services.create_draft(organisation=town, author=author, fields=fields)
    services.submit_item(item=item, actor=author)
    approve_through(item, reviewers, now=datetime.combine(published, time(10, 0), tzinfo=TZ))


def seed(town: Organisation, author: Any, reviewers: list[Any], today: date) -> None:
    start = (today.replace(day=1) - timedelta(days=100)).replace(day=1)  # the first day of the month 4 months ago
    if not Area.objects.filter(organisation=town).exists():
        adopt_standard(organisation=town, today=start, areas=AREAS)
    area = Area.objects.get(organisation=town, name=NOT_INVOLVED[0])
    if area.involved:
        set_involvement(area=area, involved=False, note=NOT_INVOLVED[1])
    every = list(Matter.objects.filter(organisation=town).select_related("area", "column"))
    matters = {m.name: m for m in every}
    calendar = current_calendar()
    dibao = matters[DIBAO]
    rule = rule_of(dibao)
    # the monthly list: the first month met, the second late, the third missing; later ones open
    for index, (label, _first, last) in enumerate(periods(dibao.recurrence, start, today)[:2]):
        due = calendar.add_working_days(last, rule.days).value
        on = due - timedelta(days=2) if index == 0 else min(due + timedelta(days=5), today)
        _publish(town, author, reviewers, title=f"示例镇{label}农村低保审核确认对象名单公示", matter=dibao,
                 written=last - timedelta(days=3), published=on,
                 summary=f"{label}经村民代表评议、镇人民政府审核确认的农村低保对象名单（已去除身份证号码等个人信息），"
                         "公示7个工作日。")  # fmt: skip
    # standing 事项: published a few days after the catalogue was adopted, except one
    for matter in every:
        if (
            matter.recurrence != "standing"
            or (matter.area.name, matter.name) == LEFT_MISSING
            or not matter.area.involved
        ):
            continue
        name = matter.name.replace(" › ", "")
        _publish(town, author, reviewers, title=f"示例镇{matter.area.name}领域{name}", matter=matter, genre="other",
                 written=start + timedelta(days=2), published=start + timedelta(days=6),
                 summary=f"{matter.area.name}领域：{matter.content or name}。")  # fmt: skip
    # event-driven 事项: a land-requisition notice within 20 working days, the budget within 20 days
    land = matters["征收土地预公告和补偿安置方案公告"]
    _publish(town, author, reviewers, title="示例镇东坪村拟征收土地预公告", matter=land, genre="announcement",
             written=start + timedelta(days=20), published=start + timedelta(days=30),
             summary="东坪村拟征收土地的范围、土地现状、征收目的、补偿标准、安置方式和社会保障，公告三十日。")  # fmt: skip
    budget = matters["乡镇预算"]
    _publish(town, author, reviewers, title=f"示例镇{start.year}年预算调整方案", matter=budget, genre="report",
             written=start + timedelta(days=40), published=start + timedelta(days=50),
             summary="经镇人民代表大会批准的预算调整方案及报表。")  # fmt: skip
    # 三同步: a 行政规范性文件 whose interpretation never followed
    _publish(town, author, reviewers, title="示例镇农村公益性岗位管理办法", matter=None, genre="normative",
             written=today - timedelta(days=35), published=today - timedelta(days=30), column="fgwj", validity="valid",
             summary="规范农村公益性岗位的设置、人员选聘、考核和补贴发放。")  # fmt: skip
