"""The mail outbox (portal.models.OutgoingMail): every mail the portal sends is written here in the transaction
of the action that causes it, then delivered by the task `deliver_mail` (run by `manage.py db_worker`, and by
`manage.py send_outbox` from cron for anything the worker missed); failures are retried with growing pauses."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from .models import MailStatus, OutgoingMail

log = logging.getLogger(__name__)
DELIVERABLE = (MailStatus.QUEUED, MailStatus.RETRYING)


def queue_mail(*, to: str, subject: str, body: str) -> OutgoingMail | None:
    """Keep a mail for delivery; it leaves after the surrounding transaction commits, never inside a request."""
    if not to:
        return None
    message = OutgoingMail.objects.create(to=to, subject=subject[:200], body=body)
    pk = message.pk
    transaction.on_commit(lambda: _enqueue(pk, None), robust=True)
    return message


def pause_after(attempts: int) -> timedelta:
    """2, 4, 8 … minutes between attempts, at most six hours."""
    return timedelta(minutes=min(2**attempts, 360))


def deliver(message_id: int, *, now: datetime | None = None) -> str:
    """Send one message if it is still to be sent; on failure schedule the next attempt or give up."""
    now = now or timezone.now()
    with transaction.atomic():
        message = (
            OutgoingMail.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, status__in=DELIVERABLE)
            .first()
        )
        if message is None:
            return "skipped"
        try:
            send_mail(subject=message.subject, message=message.body, from_email=None, recipient_list=[message.to])
        except Exception as error:  # any failure of the mail server is the outbox's to handle
            message.attempts += 1
            message.last_error = f"{type(error).__name__}: {error}"[:2000]
            if message.attempts >= settings.MAIL_MAX_ATTEMPTS:
                message.status, message.next_attempt_at = MailStatus.FAILED, None
                log.error("mail %s to %s failed %s times: %s", message.pk, message.to, message.attempts, error)
            else:
                message.status, message.next_attempt_at = MailStatus.RETRYING, now + pause_after(message.attempts)
            message.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            if message.status == MailStatus.RETRYING:
                when = message.next_attempt_at
                transaction.on_commit(lambda: _enqueue(message_id, when), robust=True)
            return "failed"
        message.status, message.sent_at, message.attempts = MailStatus.SENT, now, message.attempts + 1
        message.save(update_fields=["status", "sent_at", "attempts"])
    return "sent"


def deliver_due(*, now: datetime | None = None) -> int:
    """Deliver every queued message and every retry whose time has come (for a backend that cannot defer, or a
    worker that was down): the scheduled command `manage.py send_outbox` runs this."""
    now = now or timezone.now()
    due = OutgoingMail.objects.filter(status=MailStatus.QUEUED) | OutgoingMail.objects.filter(
        status=MailStatus.RETRYING, next_attempt_at__lte=now
    )
    return sum(deliver(pk, now=now) == "sent" for pk in due.values_list("pk", flat=True))


def retry(message: OutgoingMail) -> None:
    """The system administrator sends a failed message again (after the mail server is repaired)."""
    OutgoingMail.objects.filter(pk=message.pk, status=MailStatus.FAILED).update(
        status=MailStatus.RETRYING, attempts=0, next_attempt_at=timezone.now()
    )
    transaction.on_commit(lambda: _enqueue(message.pk, None), robust=True)


@task()
def deliver_mail(message_id: int) -> str:
    return deliver(message_id)


def _enqueue(message_id: int, run_after: datetime | None) -> None:
    try:
        if run_after is not None and deliver_mail.get_backend().supports_defer:
            deliver_mail.using(run_after=run_after).enqueue(message_id)
        elif run_after is None:
            deliver_mail.enqueue(message_id)
        # else: the scheduled send_outbox command picks the retry up when it is due
    except Exception:  # the message is safe in the outbox; send_outbox delivers it
        log.exception("could not enqueue mail %s", message_id)
