"""When and by whom each staff password was set: the history the reuse rule reads, the age the expiry rule reads,
and whether the owner chose it (a password set by an administrator must be changed at the next sign-in)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class PasswordRecord(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="password_records", verbose_name="用户"
    )
    encoded = models.CharField("密码散列", max_length=256, editable=False)
    set_at = models.DateTimeField("设置时间", default=timezone.now)
    set_by_owner = models.BooleanField("由本人设置", default=False)

    class Meta:
        verbose_name = "密码记录"
        verbose_name_plural = "密码记录"
        ordering = ["-set_at", "-id"]
        indexes = [models.Index(fields=["user", "-set_at"], name="password_record_latest")]

    def __str__(self) -> str:
        return f"{self.user} {self.set_at:%Y-%m-%d}"
