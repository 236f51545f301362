"""Tell the next stage's reviewers that something waits: at once, or in a daily digest, as each prefers."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from portal.models import Membership, Role
from portal.outbox import queue_mail
from portal.permissions import mail_recipients
from portal.templatetags.portal_tags import cn_date

from .models import (
    OPEN_STATUSES,
    Batch,
    Decision,
    DecisionKind,
    NotificationMode,
    ReviewerPreference,
    Stage,
    Submission,
)
from .registry import publishable_for


def deciders(stage: Stage) -> QuerySet[Any]:
    return mail_recipients(stage.decider_organisation, Role(stage.decider_role))


def _mode(user: Any) -> str:
    preference = ReviewerPreference.objects.filter(user=user).first()
    return preference.mode if preference else NotificationMode.IMMEDIATE


def _send(subject: str, message: str, recipient: str) -> bool:
    """A mail after the decision was saved, through the outbox: a mail server that fails is retried there."""
    return queue_mail(to=recipient, subject=subject, body=message) is not None


def _deadline(submission: Submission) -> str:
    if submission.publish_by is None:
        return publishable_for(submission.content).no_deadline(submission.content)
    return f"法定发布期限：{cn_date(submission.publish_by)}"


def notify_drafter(submission_pk: int) -> bool:
    """The drafter learns that their content was returned or not approved, with the reviewer's reasons."""
    submission = Submission.objects.select_related("submitted_by").filter(pk=submission_pk).first()
    decision = (
        Decision.objects.filter(submission_id=submission_pk, kind__in=[DecisionKind.RETURN, DecisionKind.REJECT])
        .select_related("stage", "actor")
        .order_by("-at", "-id")
        .first()
    )
    if submission is None or decision is None or not submission.submitted_by.email:
        return False
    link = settings.SITE_URL + publishable_for(submission.content).edit_url(submission.content)
    stage = f"（{decision.stage.name}）" if decision.stage else ""
    return _send(
        f"【{decision.get_kind_display()}】{submission.title}",
        f"您提交审核的“{submission.title}”{stage}被{decision.get_kind_display()}。\n"
        f"审核意见：{decision.comment}\n\n请登录查看并修改：{link}",
        submission.submitted_by.email,
    )


def notify_batch(batch_pk: int, stage_pk: int) -> int:
    """One mail per reviewer when a batch's items reach their stage (not one per item)."""
    from django.core.cache import cache

    if not cache.add(f"review-batch-mail:{batch_pk}:{stage_pk}", 1, timeout=3600):
        return 0
    batch = Batch.objects.filter(pk=batch_pk).first()
    stage = Stage.objects.filter(pk=stage_pk).first()
    if batch is None or stage is None:
        return 0
    link = settings.SITE_URL + reverse("review:batch-page", args=[batch.pk])
    sent = 0
    for user in deciders(stage):
        if _mode(user) == NotificationMode.IMMEDIATE:
            sent += _send(
                f"【待审核】{batch.title}", f"{batch.title}\n环节：{stage.name}\n请登录审核：{link}", user.email
            )
    return sent


def notify_stage(submission_pk: int) -> int:
    submission = Submission.objects.select_related("stage").filter(pk=submission_pk).first()
    if submission is None or submission.stage is None or submission.status not in OPEN_STATUSES:
        return 0
    sent = 0
    link = settings.SITE_URL + reverse("review:submission", args=[submission.pk])
    for user in deciders(submission.stage):
        if _mode(user) != NotificationMode.IMMEDIATE:
            continue
        sent += _send(
            f"【待审核】{submission.title}",
            f"{submission.title}\n环节：{submission.stage.name}\n{_deadline(submission)}\n请登录审核：{link}",
            user.email,
        )
    return sent


def send_digests(today: date | None = None) -> int:
    """One mail a day per reviewer who chose the digest and has something waiting. The day is claimed by one
    conditional update in the mail's own transaction, so a second run that day, on this node or another at the
    same minute, sends nothing more."""
    today = today or timezone.localdate()
    sent = 0
    for preference in ReviewerPreference.objects.filter(mode=NotificationMode.DIGEST).select_related("user"):
        user = preference.user
        if not user.email or not user.is_active:
            continue
        held = Membership.objects.filter(user=user).values_list("organisation_id", "role")
        waiting = [
            s for s in Submission.objects.filter(status__in=OPEN_STATUSES).select_related("stage")
            if s.stage and (s.stage.decider_organisation_id, s.stage.decider_role) in set(held)
        ]  # fmt: skip
        if not waiting:
            continue
        lines = [f"- {s.title}（{s.stage.name}，{_deadline(s)}）" for s in waiting if s.stage]
        with transaction.atomic():
            mine = ReviewerPreference.objects.filter(pk=preference.pk).exclude(digest_sent_on=today)
            if not mine.update(digest_sent_on=today):
                continue
            sent += _send(
                f"【每日汇总】{len(waiting)} 项内容待您审核",
                "\n".join(lines) + f"\n\n审核队列：{settings.SITE_URL}{reverse('review:queue')}",
                user.email,
            )
    return sent
