"""After a consultation closes: every comment answered (采纳 / 部分采纳 / 不采纳, with a reason), identical comments
answered together; the adoption report generated from the answers, reviewed, and published with them; the
commenters who left an e-mail address told (regulation.md §4; 《重大行政决策程序暂行条例》第十八条、第三十二条)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from .. import reviewing
from ..models import Consultation
from .models import AdoptionReport, AdoptionStatus, AnswerOutcome, Comment
from .services import public_text


@transaction.atomic
def answer(*, consultation: Consultation, comment_ids: list[int], outcome: str, text: str, actor: Any) -> int:
    """One answer for one comment or several identical ones. Returns how many were answered."""
    if consultation.closes_on >= timezone.localdate():
        raise ValidationError("征求意见结束后再逐条答复。")
    if outcome not in AnswerOutcome.values:
        raise ValidationError({"outcome": "请选择采纳、部分采纳或不采纳。"})
    if outcome != AnswerOutcome.ADOPTED and len(text.strip()) < 4:
        raise ValidationError({"answer": "部分采纳或不采纳的，须说明理由。"})
    if _published(consultation):
        raise ValidationError("意见采纳情况已发布，答复不能再修改。")
    chosen = consultation.comments.filter(pk__in=comment_ids)
    if not chosen.exists():
        raise ValidationError("请勾选要答复的意见。")
    return chosen.update(outcome=outcome, answer=text.strip(), answered_by=actor, answered_at=timezone.now())


def _published(consultation: Consultation) -> bool:
    return AdoptionReport.objects.filter(consultation=consultation, status=AdoptionStatus.PUBLISHED).exists()


def unanswered(consultation: Consultation) -> Any:
    return consultation.comments.filter(outcome="", spam_reason="").order_by("submitted_at", "id")


@transaction.atomic
def mark_spam(*, consultation: Consultation, comment_id: int, reason: str, actor: Any) -> Comment:
    """Spam or abuse is kept with the reason and who marked it, counted apart, and needs no answer."""
    if len(reason.strip()) < 4:
        raise ValidationError({"reason": "请说明理由（至少4个字），例如“广告信息”“与本草案无关”。"})
    if _published(consultation):
        raise ValidationError("意见采纳情况已发布，不能再标记。")
    comment = consultation.comments.select_for_update().filter(pk=comment_id).first()
    if comment is None:
        raise ValidationError("请选择要标记的意见。")
    comment.spam_reason, comment.spam_by = reason.strip()[:200], actor
    comment.outcome, comment.answer, comment.shown, comment.public_text = "", "", False, ""
    comment.save(update_fields=["spam_reason", "spam_by", "outcome", "answer", "shown", "public_text"])
    return comment


def generated_text(consultation: Consultation) -> str:
    """The usual structure of such a report: how the consultation ran, the counts by outcome, then the main
    opinions (the most frequent first) with their answers."""
    everything = list(consultation.comments.select_related("section").order_by("submitted_at", "id"))
    comments = [c for c in everything if not c.spam_reason]
    spam = len(everything) - len(comments)
    counts = Counter(c.outcome for c in comments)
    grouped: dict[tuple[str, str], list[Comment]] = {}
    for c in comments:
        grouped.setdefault((c.outcome, c.answer), []).append(c)
    lines = [
        f"{consultation.organisation.name}于{consultation.opens_on:%Y年%-m月%-d日}至{consultation.closes_on:%Y年%-m月%-d日}"
        f"公开征求对《{consultation.title}》的意见，共收到意见{len(comments)}条。经逐条研究，"
        f"采纳{counts[AnswerOutcome.ADOPTED]}条，部分采纳{counts[AnswerOutcome.PARTLY_ADOPTED]}条，"
        f"不采纳{counts[AnswerOutcome.NOT_ADOPTED]}条"
        + (f"；另有{spam}条与征求意见无关的信息（广告等）已存档，未作答复" if spam else "")
        + "。主要意见及采纳情况如下：",
    ]
    for n, ((outcome, reply), group) in enumerate(sorted(grouped.items(), key=lambda kv: -len(kv[1])), start=1):
        first = group[0]
        where = first.section.heading if first.section else "全文"
        times = f"（{len(group)}条相同或相近意见）" if len(group) > 1 else ""
        label = AnswerOutcome(outcome).label if outcome else "尚未答复"
        lines.append(f"{n}. 关于{where}：{public_text(first.text.strip())}{times}\n   {label}。{reply}")
    return "\n\n".join(lines)


@transaction.atomic
def prepare_report(*, consultation: Consultation, actor: Any) -> AdoptionReport:
    """The report drafted from the answers (again, while still a draft, after answers change)."""
    if consultation.closes_on >= timezone.localdate():
        raise ValidationError("征求意见尚未结束。")
    report, created = AdoptionReport.objects.get_or_create(
        consultation=consultation,
        defaults={"organisation": consultation.organisation, "text": generated_text(consultation), "created_by": actor},
    )
    if not created:
        if report.status != AdoptionStatus.DRAFT:
            raise ValidationError("意见采纳情况说明已提交审核或已发布。")
        report.text = generated_text(consultation)
        report.save(update_fields=["text"])
    return report


def submission_problems(report: AdoptionReport) -> list[str]:
    waiting = unanswered(report.consultation).count()
    return [f"还有 {waiting} 条意见没有答复：全部答复后才能提交。"] if waiting else []


def submit(*, report: AdoptionReport, actor: Any) -> AdoptionReport:
    return reviewing.send(AdoptionReport, report.pk, actor, submission_problems)


@transaction.atomic
def publish(*, report: AdoptionReport, approver: Any, now: datetime) -> AdoptionReport:
    from portal.outbox import queue_mail

    if submission_problems(report):
        raise ValidationError(submission_problems(report))
    current = reviewing.publish(AdoptionReport, report.pk, now, "未经审核通过的意见采纳情况说明不能发布（先审后发）。")
    consultation = current.consultation
    _mask_for_publication(consultation)
    link = settings.SITE_URL + reverse(
        "consultations:consultation", args=[consultation.organisation.slug, consultation.pk]
    )
    for comment in consultation.comments.exclude(contact_encrypted="").filter(spam_reason=""):
        address = comment.personal("contact")
        try:
            validate_email(address)
        except ValidationError:
            continue  # a phone number: the office answers by phone if it chooses
        body = (f"您对《{consultation.title}》提出的意见已经答复：{AnswerOutcome(comment.outcome).label}。"
                f"{comment.answer}\n\n意见采纳情况说明见：{link}\n凭回执码可在网站上查看您的意见和答复。")  # fmt: skip
        queue_mail(to=address, subject=f"意见答复：{consultation.title}"[:200], body=body)
    return current


def _mask_for_publication(consultation: Consultation) -> None:
    """Each comment's text with personal data masked, kept for the exports (computed once, not per download)."""
    waiting = consultation.comments.filter(public_text="", spam_reason="").only("pk", "text")
    while batch := list(waiting[:2000]):
        for comment in batch:
            comment.public_text = public_text(comment.text) or "（空）"
        Comment.objects.bulk_update(batch, ["public_text"])


@transaction.atomic
def send_back(*, report: AdoptionReport) -> AdoptionReport:
    current = AdoptionReport.objects.select_for_update().get(pk=report.pk)
    current.status = AdoptionStatus.DRAFT
    current.save(update_fields=["status"])
    return current
