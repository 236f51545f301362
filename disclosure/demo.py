"""The demo town's published catalogue: run by `seed_demo`, idempotent (items are matched by title)."""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

from portal.models import Organisation
from review.demo import approve_through

from . import services
from .models import Column, Genre, Guide, Item, Topic, Validity

TZ = ZoneInfo("Asia/Shanghai")

GUIDE = {
    "classification": "本机关主动公开的政府信息按《中华人民共和国政府信息公开条例》第二十条、第二十一条和"
    "基层政务公开标准目录编排为“政府信息公开制度”“法定主动公开内容”“政府信息公开年报”等栏目，"
    "每条信息标注索引号、主题分类、体裁和发布日期，可按主题、体裁、年份和发布机构筛选，也可全文检索。",
    "proactive_channels": "本机关通过本门户网站政府信息公开专栏主动公开政府信息，"
    "同时在镇便民服务中心和各村（社区）政府信息公开栏张贴，并印发宣传单和小册子。",
    "reading_places": "示例镇便民服务中心一楼政府信息查阅点（工作日 8:30-12:00，14:30-17:30）",
    "office_name": "示例镇党政综合办公室",
    "application_notes": "申请表可在本栏目下载，也可到镇便民服务中心领取。",
    "supervision": "示例县人民政府办公室（县政务公开办）受理对本机关政府信息公开工作的投诉、举报，电话 0730-5180000。",
}


def docx_of(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_of(rows: list[list[Any]]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _items(town: Organisation) -> list[dict[str, Any]]:
    year = date.today().year
    return [
        {
            "column": "zfxxgkzd", "genre": Genre.OTHER_DOCUMENT, "topic": "t02",
            "title": "示例镇政府信息公开内容审核制度", "document_number": f"示政办发〔{year}〕2号",
            "summary": "规定政府信息公开前的内容审核、保密审查和个人信息检查程序，党政办牵头会同社会事务办审核。",
            "body": "第一条 为规范政府信息公开内容审核，依据《中华人民共和国政府信息公开条例》第十七条，制定本制度。\n"
            "第二条 公开内容审核的重点是：公开内容产生的过程是否公正、合理；公开事项决策过程是否民主、科学；"
            "公开的结果是否真实、可信、及时。\n第三条 政府信息公开的内容由党政办牵头会同社会事务办进行审核。",
            "days_ago": 300,
        },
        {
            "column": "fgwj", "genre": Genre.NORMATIVE, "topic": "t17", "validity": Validity.VALID,
            "title": "示例镇农村低保对象认定办法", "document_number": f"示政发〔{year}〕5号",
            "summary": "明确本镇农村最低生活保障对象的申请条件、审核程序、民主评议和公示要求。",
            "body": "第一条 为做好农村最低生活保障工作，结合本镇实际，制定本办法。\n"
            "第二条 申请人应当向户籍所在地村（居）委会提出申请，经镇人民政府审核后在村务公开栏公示7日。\n"
            "第三条 本办法自印发之日起施行。",
            "attachment": ("低保申请表.docx", ["农村最低生活保障申请表", "申请人姓名：", "家庭住址：", "申请理由："]),
            "days_ago": 120, "key": "dibao",
        },
        {
            "column": "fgwj", "genre": Genre.INTERPRETATION, "topic": "t17", "interprets": "dibao",
            "title": "《示例镇农村低保对象认定办法》政策解读",
            "summary": "解读低保认定办法的出台背景、主要内容和申请流程。",
            "body": "一、出台背景：为进一步规范农村低保工作。\n二、主要内容：明确申请条件、审核程序和公示要求。\n"
            "三、申请流程：村委会受理、镇政府审核、村务公开栏公示。",
            "days_ago": 118,
        },
        {
            "column": "fgwj", "genre": Genre.NORMATIVE, "topic": "t10", "validity": Validity.REPEALED,
            "validity_changed_on": date(year - 1, 12, 31),
            "title": "示例镇村庄环境卫生管理暂行规定", "document_number": f"示政发〔{year - 3}〕8号",
            "summary": "关于村庄环境卫生管理的暂行规定，已于去年年底废止。",
            "body": "第一条 为改善村庄人居环境，制定本规定。\n第二条 各村应设置垃圾收集点。",
            "days_ago": 400,
        },
        {
            "column": "czyjs", "genre": Genre.REPORT, "topic": "t04",
            "title": f"示例镇{year}年财政预算公开", "document_number": "",
            "summary": f"示例镇{year}年一般公共预算收支、政府性基金预算和“三公”经费预算情况。",
            "body": f"{year}年全镇一般公共预算收入安排 3,260 万元，支出安排 5,180 万元。详见附件。",
            "xlsx": ("预算表.xlsx", [["项目", "金额（万元）"], ["一般公共预算收入", 3260], ["一般公共预算支出", 5180]]),
            "days_ago": 200,
        },
        {
            "column": "shjz", "genre": Genre.PUBLIC_NOTICE, "topic": "t17",
            "title": f"示例镇{year}年第三季度临时救助发放情况公示",
            "summary": "公示第三季度临时救助对象的村别、救助事由和金额（已去标识化）。",
            "body": "第三季度共发放临时救助 12 户，金额 3.6 万元。东村 5 户，西村 4 户，南村 3 户。",
            "days_ago": 40,
        },
        {
            "column": "nyncz", "genre": Genre.NOTICE, "topic": "t06",
            "title": f"关于做好{year}年耕地地力保护补贴发放工作的通知",
            "summary": "部署耕地地力保护补贴面积核实、公示和发放工作。",
            "body": "各村：请于本月底前完成补贴面积核实，在村务公开栏公示不少于7天。",
            "days_ago": 60,
        },
        {
            "column": "jgzn", "genre": Genre.OTHER, "topic": "t01",
            "title": "示例镇人民政府机构职能", "summary": "镇人民政府职能、内设机构、办公地址、办公时间和联系方式。",
            "body": "示例镇人民政府设党政综合办公室、社会事务综合服务中心、经济发展办公室、财政所等机构。\n"
            "办公地址：示例县示例镇人民路1号。联系电话：0730-5180118。",
            "days_ago": 330,
        },
        {
            "column": "gzdt", "genre": Genre.NEWS, "topic": "t02",
            "title": "示例镇召开政府信息公开工作领导小组会议",
            "summary": "会议研究部署政府信息公开监督与考核工作。",
            "body": "近日，示例镇召开政府信息公开工作领导小组会议，研究实施政府信息公开的监督与考核工作。",
            "days_ago": 5,
        },
    ]  # fmt: skip


def seed(town: Organisation, author: Any, reviewers: list[Any]) -> int:
    """Create the demo guide and catalogue for the town; returns how many items it published."""
    Guide.objects.update_or_create(organisation=town, defaults=GUIDE)
    columns = {c.slug: c for c in Column.objects.all()}
    topics = {t.slug: t for t in Topic.objects.all()}
    made: dict[str, Item] = {}
    created = 0
    for spec in _items(town):
        existing = Item.objects.filter(organisation=town, title=spec["title"]).first()
        if existing is not None:
            made[spec.get("key", spec["title"])] = existing
            continue
        published_on = date.today() - timedelta(days=spec["days_ago"])
        fields = {
            "column": columns[spec["column"]],
            "topic": topics.get(spec["topic"]),
            "genre": spec["genre"],
            "title": spec["title"],
            "summary": spec["summary"],
            "body": "".join(f"<p>{line}</p>" for line in spec["body"].split("\n")),
            "document_number": spec.get("document_number", ""),
            "written_date": published_on - timedelta(days=3),
            "validity": spec.get("validity", ""),
            "validity_changed_on": spec.get("validity_changed_on"),
            "interprets": made.get(spec.get("interprets", "")),
        }
        item = services.create_draft(organisation=town, author=author, fields=fields)
        if "attachment" in spec:
            name, lines = spec["attachment"]
            services.add_attachment(item=item, upload=SimpleUploadedFile(name, docx_of(lines)), actor=author)
        if "xlsx" in spec:
            name, rows = spec["xlsx"]
            services.add_attachment(item=item, upload=SimpleUploadedFile(name, xlsx_of(rows)), actor=author)
        services.submit_item(item=item, actor=author)
        when = datetime.combine(published_on, time(10, 0), tzinfo=TZ)
        approve_through(item, reviewers, now=when)
        item.refresh_from_db()
        made[spec.get("key", spec["title"])] = item
        created += 1
    _waiting_in_review(town, author, columns)
    _legacy_batch(town, author)
    _topic_page(town, [item for item in made.values() if "低保" in item.title or "救助" in item.title])
    from django.utils import timezone

    from .standard_catalogue import demo as standard_catalogue

    standard_catalogue.seed(town, author, reviewers, timezone.localdate())
    return created


def _topic_page(town: Organisation, items: list[Item]) -> None:
    """A 专题 gathering the social-assistance items: the policy, its reading and the latest list."""
    from .models import TopicPage, TopicPageEntry

    page, _ = TopicPage.objects.get_or_create(
        organisation=town, slug="shehuijiuzhu",
        defaults={"title": "社会救助专题", "introduction": "农村低保、临时救助的政策文件、政策解读和公示名单，"
                  "以及申请条件和办理流程，方便群众一站查询。"},
    )  # fmt: skip
    for position, item in enumerate(items):
        TopicPageEntry.objects.get_or_create(page=page, item=item, defaults={"position": position})


LEGACY_CATALOGUE = """索引号,名称,内容概述,生成日期,发布日期,发布机构,栏目,体裁,正文
XJ-SFZ/2023-0041,示例镇2022年财政决算公开,,2023年08月30日 10:12,2023年08月31日 16:40,示例镇人民政府,财政预决算,报告,2022年全镇一般公共预算收入1086万元，支出2413万元。
XJ-SFZ/2023-0042,关于做好2023年秋冬季森林防火工作的通知,部署秋冬季森林防火。,2023-10-09,2023-10-10 09:00:00,党政办,法规文件,通知,各村：进入森林防火期，请落实巡山护林责任。
XJ-SFZ/2023-0043,2023年第四季度农村最低生活保障对象公示,农村低保对象名单。,2023-12-01,2023-12-02,社会事务办,社会救助,公示,"<p>经村民代表评议、镇人民政府审核，现将名单公示如下：</p><table><tr><td>户主</td><td>身份证号码</td><td>联系电话</td><td>保障人数</td></tr><tr><td>赵某</td><td>430524197511203185</td><td>13812345678</td><td>2</td></tr></table>"
"""


def _legacy_batch(town: Organisation, author: Any) -> None:
    """An old site's catalogue imported and waiting for review as one batch (one row lists personal data)."""
    from .importer import import_catalogue

    if Item.objects.filter(index_number="XJ-SFZ/2023-0041").exists():
        return
    report = import_catalogue(
        organisation=town, actor=author, name="原网站目录.csv", data=LEGACY_CATALOGUE.encode("utf-8"),
        archive_data=None, dry_run=False,
    )  # fmt: skip
    assert report.imported, report.problems


def _waiting_in_review(town: Organisation, author: Any, columns: dict[str, Column]) -> None:
    """One item in the review queue with a phone number the scanner flags, so the queue has work to show."""
    title = "关于开展冬季送温暖活动的通知"
    if Item.objects.filter(organisation=town, title=title).exists():
        return
    item = services.create_draft(
        organisation=town,
        author=author,
        fields={
            "column": columns["shjz"],
            "genre": Genre.NOTICE,
            "title": title,
            "summary": "组织走访慰问困难群众。",
            "body": "<p>各村：请于元旦前完成走访慰问。</p><p>联系人王某，电话13812341234。</p>",
            "written_date": date.today() - timedelta(days=2),
        },
    )
    services.submit_item(item=item, actor=author)
