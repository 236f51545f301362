"""Background tasks of the kernel (Django's tasks framework; run by `manage.py db_worker`)."""

from django.tasks import task

from . import outbox


@task()
def deliver_mail(message_id: int) -> str:
    return outbox.deliver(message_id)
