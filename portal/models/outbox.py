"""Mail waits in an outbox that a worker delivers: a mail server that is down never turns a saved action into an
error, and no message is lost. Failed attempts are retried with growing pauses; a message that still fails is
kept for the system administrator to see (and send again)."""

from django.db import models


class MailStatus(models.TextChoices):
    QUEUED = "queued", "待发送"
    RETRYING = "retrying", "发送失败，等待重试"
    SENT = "sent", "已发送"
    FAILED = "failed", "多次重试仍失败"


class OutgoingMail(models.Model):
    to = models.EmailField("收件人")
    subject = models.CharField("主题", max_length=200)
    body = models.TextField("正文")
    status = models.CharField("状态", max_length=10, choices=MailStatus.choices, default=MailStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    last_error = models.TextField("最近一次错误", blank=True)
    created_at = models.DateTimeField("写入时间", auto_now_add=True)
    next_attempt_at = models.DateTimeField("下次尝试时间", null=True, blank=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)

    class Meta:
        verbose_name = "待发邮件"
        verbose_name_plural = "待发邮件"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outgoing_mail_due")]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=MailStatus.values), name="outgoing_mail_status_valid")
        ]

    def __str__(self) -> str:
        return f"{self.to} {self.subject}"
