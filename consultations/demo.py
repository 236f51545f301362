"""Demo data: one consultation open for comment in the demo town, with two comments (safe to run twice)."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from portal.models import Organisation
from review.demo import approve_through

from . import services
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
            "opens_on": today - timedelta(days=3), "closes_on": today + timedelta(days=27), "short_reason": "",
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
