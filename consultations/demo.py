"""Demo data: one consultation open for comment with two comments, and one closed with every comment answered
and its adoption report published (safe to run twice)."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from portal.models import Organisation
from review.demo import approve_through

from . import answers, services
from .models import Consultation

DRAFT = """第一条 为规范村级公益事业建设项目的申报、实施和管理，提高资金使用效益，结合本镇实际，制定本办法。
第二条 本办法所称村级公益事业建设项目，是指村内道路、小型水利、村容村貌整治等由村民议事决定的项目。
第三条 项目须经村民会议或村民代表会议讨论通过，并在村务公开栏公示不少于7日。
第四条 项目资金实行专账管理，镇财政所负责监督。
第五条 本办法自发布之日起施行。"""


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
    services.submit(consultation=consultation, actor=author)
    approve_through(consultation, reviewers)
    consultation.refresh_from_db()
    third = consultation.sections.get(position=3)
    for section, text in (
        (third, "建议公示期延长至10日，方便外出务工村民知晓。"),
        (None, "建议增加项目验收环节的规定。"),
    ):
        services.comment(consultation=consultation, text=text, name="村民", contact="", section=section,
                         submission_key=uuid.uuid5(uuid.NAMESPACE_URL, f"demo-comment:{text}"))  # fmt: skip
    _closed_and_answered(town, author, reviewers, today)


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
    comments = [
        services.comment(
            consultation=consultation, text=text, name="", contact="", section=None,
            submission_key=uuid.uuid5(uuid.NAMESPACE_URL, f"demo-closed-comment:{n}"),
        ).comment
        for n, text in enumerate(["建议增加周末清运。", "建议增加周末清运。", "建议公布各村收集点位置。"])
    ]  # fmt: skip
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_on=today - timedelta(days=50), closes_on=today - timedelta(days=30)
    )
    consultation.refresh_from_db()
    answers.answer(consultation=consultation, comment_ids=[c.pk for c in comments[:2]], outcome="partly",
                   text="人口较多的村增加周六清运，其余村保持每日一次。", actor=author)  # fmt: skip
    answers.answer(consultation=consultation, comment_ids=[comments[2].pk], outcome="adopted",
                   text="方案附件增加各村收集点一览表。", actor=author)  # fmt: skip
    report = answers.prepare_report(consultation=consultation, actor=author)
    answers.submit(report=report, actor=author)
    approve_through(report, reviewers)
