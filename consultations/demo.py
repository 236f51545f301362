"""Demo data: one consultation open for comment with its 起草说明 and two comments, one closed with every comment answered and
its adoption report published, and a major decision whose phases are partly done, with a 座谈会 and a hearing
whose participant list is published (safe to run twice)."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from disclosure.demo import docx_of
from portal.models import Organisation
from review.demo import approve_through

from . import files, services
from .comments import answers
from .comments import services as comments
from .hearings import services as hearings
from .models import Consultation

DRAFT = """第一条 为规范村级公益事业建设项目的申报、实施和管理，提高资金使用效益，结合本镇实际，制定本办法。
第二条 本办法所称村级公益事业建设项目，是指村内道路、小型水利、村容村貌整治等由村民议事决定的项目。
第三条 项目须经村民会议或村民代表会议讨论通过，并在村务公开栏公示不少于7日。
第四条 项目资金实行专账管理，镇财政所负责监督。
第五条 本办法自发布之日起施行。"""


EXPLANATION = [
    "《示例镇村级公益事业建设项目管理办法（征求意见稿）》起草说明",
    "一、起草背景：近年来各村公益事业建设项目增多，项目申报、资金使用和验收缺少统一规定。",
    "二、起草过程：镇党政办会同财政所调研了8个村的项目台账，听取了村干部和村民代表的意见。",
    "三、主要内容：办法共五条，规定适用范围、申报程序、公示要求和资金管理。",
]


def seed(town: Organisation, author: Any, reviewers: list[Any], today: date) -> None:
    if Consultation.objects.filter(organisation=town).exists():
        return
    consultation = services.prepare(
        organisation=town, actor=author,
        matter={"title": "示例镇村级公益事业建设项目管理办法", "kind": "normative", "market_related": False},
        fields={
            "title": "示例镇村级公益事业建设项目管理办法（征求意见稿）",
            "explanation": "为规范村级公益事业建设，镇党政办会同财政所起草了本办法，现公开征求意见。",
            "how_to_comment": "1. 在本页提交；\n2. 信函寄示例镇人民政府党政办（示例县示例镇人民路1号），信封注明“意见征集”；\n"
            "3. 电子邮件发送至 1033317741@qq.com。",
            "opens_on": today, "closes_on": today + timedelta(days=30), "short_reason": "",
        },
        draft_text=DRAFT,
    )  # fmt: skip
    files.add(upload=SimpleUploadedFile("起草说明.docx", docx_of(EXPLANATION)), actor=author, consultation=consultation,
              name="《示例镇村级公益事业建设项目管理办法（征求意见稿）》起草说明")  # fmt: skip
    services.submit(consultation=consultation, actor=author)
    approve_through(consultation, reviewers)
    consultation.refresh_from_db()
    third = consultation.sections.get(position=3)
    for section, text in (
        (third, "建议公示期延长至10日，方便外出务工村民知晓。"),
        (None, "建议增加项目验收环节的规定。"),
    ):
        comments.comment(consultation=consultation, text=text, name="村民", contact="", section=section,
                         submission_key=uuid.uuid5(uuid.NAMESPACE_URL, f"demo-comment:{text}"))  # fmt: skip
    _closed_and_answered(town, author, reviewers, today)
    _major_decision_with_hearing(town, author, reviewers, today)


def _closed_and_answered(town: Organisation, author: Any, reviewers: list[Any], today: date) -> None:
    """Consulted last month: published while open, commented on, then (the demo's past) closed and answered."""
    consultation = services.prepare(
        organisation=town,
        actor=author,
        matter={"title": "示例镇农村生活垃圾收运处置实施方案", "kind": "other", "market_related": False},
        fields={
            "title": "示例镇农村生活垃圾收运处置实施方案（征求意见稿）",
            "explanation": "为改善农村人居环境，镇社会事务办起草了本方案。",
            "how_to_comment": "在本页提交，或来信寄示例镇人民政府社会事务办。",
            "opens_on": today,
            "closes_on": today + timedelta(days=20),
            "short_reason": "",
        },
        draft_text="一、收运方式\n每村设集中收集点，每日清运。\n\n二、经费保障\n镇财政按户补助。",
    )
    services.submit(consultation=consultation, actor=author)
    approve_through(consultation, reviewers)
    consultation.refresh_from_db()
    sent = [
        comments.comment(
            consultation=consultation, text=text, name="", contact="", section=None,
            submission_key=uuid.uuid5(uuid.NAMESPACE_URL, f"demo-closed-comment:{n}"),
        ).comment
        for n, text in enumerate(["建议增加周末清运。", "建议增加周末清运。", "建议公布各村收集点位置。"])
    ]  # fmt: skip
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_on=today - timedelta(days=50), closes_on=today - timedelta(days=30)
    )
    consultation.refresh_from_db()
    answers.answer(consultation=consultation, comment_ids=[c.pk for c in sent[:2]], outcome="partly",
                   text="人口较多的村增加周六清运，其余村保持每日一次。", actor=author)  # fmt: skip
    answers.answer(consultation=consultation, comment_ids=[sent[2].pk], outcome="adopted",
                   text="方案附件增加各村收集点一览表。", actor=author)  # fmt: skip
    report = answers.prepare_report(consultation=consultation, actor=author)
    answers.submit(report=report, actor=author)
    approve_through(report, reviewers)


def _major_decision_with_hearing(town: Organisation, author: Any, reviewers: list[Any], today: date) -> None:
    consultation = services.prepare(
        organisation=town,
        actor=author,
        matter={"title": "示例镇集镇农贸市场迁建方案", "kind": "major_decision", "market_related": True},
        fields={
            "title": "示例镇集镇农贸市场迁建方案（征求意见稿）",
            "explanation": "现农贸市场占道经营、消防通道不畅。镇党政办会同市场监管所起草了迁建方案，拟提请镇党委会议研究。",
            "how_to_comment": "在本页提交；或来信寄示例镇人民政府党政办（示例县示例镇人民路1号）；"
            "或于工作日到镇政府一楼便民服务中心当面提出。",
            "opens_on": today, "closes_on": today + timedelta(days=30), "short_reason": "",
            "publish_comments": True,
        },
        draft_text="一、迁建地点\n新市场选址于人民路与新街交叉口东侧。\n\n二、摊位安排\n原有固定摊位经营户优先选位。"
        "\n\n三、过渡安排\n迁建期间设临时疏导点。",
    )  # fmt: skip
    services.submit(consultation=consultation, actor=author)
    approve_through(consultation, reviewers)
    consultation.refresh_from_db()
    phases = {p.kind: p for p in consultation.matter.phases.all()}
    for kind, status, note in (
        ("expert", "done", "邀请县规划、消防专家3人论证，认为选址可行，建议增设消防通道。"),
        ("risk", "in_progress", "正在开展社会稳定风险评估。"),
        ("legality", "pending", ""),
    ):
        services.update_phase(phase=phases[kind], status=status,
                              starts_on=today - timedelta(days=10) if status != "pending" else None,
                              ends_on=today - timedelta(days=3) if status == "done" else None, note=note, today=today)  # fmt: skip
    meeting = comments.record_meeting(
        consultation=consultation, kind="symposium", held_on=today, place="镇政府三楼会议室",
        participants="人大代表 王某某 东村\n企业代表 某某农业公司 李某\n群众代表 赵某 集镇社区",
        minutes="与会人员赞成迁建，建议过渡期不收摊位费。", actor=author,
    )  # fmt: skip
    comments.register_comment(
        consultation=consultation, source="meeting", received_on=today, text="建议过渡期间免收摊位费。",
        name="赵某", contact="", section=None, meeting=meeting, actor=author,
    )  # fmt: skip
    hearing = hearings.prepare(
        matter=consultation.matter, actor=author,
        fields={
            "title": "示例镇集镇农贸市场迁建方案", "draft_summary": "迁建方案全文见意见征集页面。",
            "held_at": timezone.make_aware(datetime.combine(today + timedelta(days=14), time(9, 30))),
            "place": "示例镇人民政府三楼会议室", "seats": 3, "registration_closes_on": today,
            "selection_method": "经营户代表1名、群众代表1名、人大代表1名；报名超过名额的，按类别公开随机抽取。",
        },
        today=today,
    )  # fmt: skip
    hearings.submit_notice(hearing=hearing, actor=author)
    approve_through(hearing, reviewers)
    hearing.refresh_from_db()
    people = [
        hearings.register(hearing=hearing, name=name, contact=contact, category=category, statement=statement,
                          channel=channel, submission_key=uuid.uuid5(uuid.NAMESPACE_URL, f"demo-hearing:{name}"))
        for name, contact, category, statement, channel in (
            ("刘某", "13800000001", "enterprise", "支持迁建，希望保留原摊位面积。", "online"),
            ("陈某", "13800000002", "resident", "担心新址停车不便。", "paper"),
            ("王某某", "13800000003", "deputy", "支持。", "online"),
            ("周某", "13800000004", "resident", "反对迁建。", "online"),
        )
    ]  # fmt: skip
    hearings.select(hearing=hearing, chosen=[p.pk for p in people[:3]],
                    note="报名4人，其中群众代表2人，超过名额，由镇纪委监督随机抽取1人。")  # fmt: skip
    hearings.publish_list(hearing=hearing, now=timezone.now())
    hearings.deliver(hearing=hearing, chosen=[p.pk for p in people[:2]], on=today, today=today)
