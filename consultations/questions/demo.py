"""Demo data of 互动交流: two answered questions published after review (one about the 低保 policy, listed as a
常见问题), one answered for the asker only, one passed to 社会事务办 and one waiting within its deadline
(safe to run twice)."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from disclosure.models import Item
from portal.models import Organisation
from portal.workdays import add_working_days
from review.demo import approve_through

from . import services
from .models import Question

ASKED = [
    # (days ago, subject, text, public, answer or "", faq)
    (
        40,
        "低保申请需要准备哪些材料",
        "我父亲长期生病，家里收入低，想申请农村低保，需要准备哪些材料？到哪里办？",
        True,
        "请携带户口簿、居民身份证、家庭收入情况说明和医疗费用票据，到镇政务服务中心社会救助窗口提出申请，"
        "也可以委托村（居）民委员会代为提出。镇里在20个工作日内完成审核，结果在村务公开栏公示7天。",
        True,
    ),
    (
        21,
        "村里的公益事业项目什么时候公示",
        "我们村今年修的机耕道花了多少钱，在哪里能看到？",
        True,
        "村级公益事业建设项目完工后，项目名称、资金来源和使用情况在村务公开栏公示不少于7日，"
        "同时在本网站“财政资金”栏目公开。您也可以向村委会查阅项目台账。",
        False,
    ),
    (
        12,
        "我的养老保险缴费记录有误",
        "去年有三个月的缴费没有记上，怎么更正？",
        False,
        "请携带身份证和缴费凭证到镇社会保障服务窗口核对，工作人员会为您办理补记。",
        False,
    ),
]


def seed(town: Organisation, editor: Any, reviewers: list[Any], today: date) -> None:
    if Question.objects.filter(asked_of=town).exists():
        return
    policy = Item.objects.published().filter(organisation=town, title__contains="低保").order_by("pk").first()
    for days, subject, text, public, answer, faq in ASKED:
        asked = today - timedelta(days=days)
        question = _ask(town, asked, subject, text, public, item=policy if faq else None)
        answered_on = add_working_days(asked, 2).value
        services.answer(question=question, text=answer, actor=editor, today=answered_on)
        if public:
            services.submit_for_publication(question=question, actor=editor)
            approve_through(
                question, reviewers, now=datetime.combine(answered_on, time(16), tzinfo=timezone.get_current_timezone())
            )
            if faq:
                services.set_faq(question=Question.objects.get(pk=question.pk), faq=True)
    social = town.children.filter(short_name="社会事务办").first()
    passed = _ask(town, today - timedelta(days=2), "危房改造补助怎么申请",
                  "我家老房子墙体开裂，能申请危房改造补助吗？", True)  # fmt: skip
    if social is not None:
        services.transfer(question=passed, to=social, reason="农村危房改造由社会事务办负责办理",
                          actor=editor, today=today - timedelta(days=1))  # fmt: skip
    _ask(town, today, "镇里的防汛物资在哪里领取", "今年汛期村里需要沙袋，请问到哪里领取？", True)


def _ask(town: Organisation, day: date, subject: str, text: str, public: bool, item: Any = None) -> Question:
    moment = datetime.combine(day, time(9), tzinfo=timezone.get_current_timezone())
    return services.receive(organisation=town, subject=subject, text=text, name="演示提问人", contact="",
                            public_allowed=public, submission_key=uuid.uuid4(), item=item, now=moment).question  # fmt: skip
