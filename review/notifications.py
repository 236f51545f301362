"""Tell the next stage's reviewers that something waits: at once, or in a daily digest, as each prefers."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import QuerySet
from django.urls import reverse

from portal.models import Membership, Role
from portal.permissions import mail_recipients

from .models import OPEN_STATUSES, NotificationMode, ReviewerPreference, Stage, Submission


def deciders(stage: Stage) -> QuerySet[Any]:
    return mail_recipients(stage.decider_organisation, Role(stage.decider_role))


def _mode(user: Any) -> str:
    preference = ReviewerPreference.objects.filter(user=user).first()
    return preference.mode if preference else NotificationMode.IMMEDIATE


def notify_stage(submission_pk: int) -> int:
    submission = Submission.objects.select_related("stage").filter(pk=submission_pk).first()
    if submission is None or submission.stage is None or submission.status not in OPEN_STATUSES:
        return 0
    sent = 0
    link = settings.SITE_URL + reverse("review:submission", args=[submission.pk])
    for user in deciders(submission.stage):
        if _mode(user) != NotificationMode.IMMEDIATE:
            continue
        send_mail(
            subject=f"【待审核】{submission.title}",
            message=f"{submission.title}\n环节：{submission.stage.name}\n法定发布期限：{submission.publish_by:%Y-%m-%d}\n"
            f"请登录审核：{link}",
            from_email=None,
            recipient_list=[user.email],
        )
        sent += 1
    return sent


def send_digests() -> int:
    """One mail per reviewer who chose the digest and has something waiting."""
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
        lines = [f"- {s.title}（{s.stage.name}，发布期限 {s.publish_by:%Y-%m-%d}）" for s in waiting if s.stage]
        send_mail(
            subject=f"【每日汇总】{len(waiting)} 项内容待您审核",
            message="\n".join(lines) + f"\n\n审核队列：{settings.SITE_URL}{reverse('review:queue')}",
            from_email=None,
            recipient_list=[user.email],
        )
        sent += 1
    return sent
