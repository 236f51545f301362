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


class AccessGeneration(models.Model):
    """Moved on whenever a member of staff is deactivated or loses a role or an administrator duty: a session
    started before ends at its next request (portal.middleware), so reactivating the account does not revive an
    old cookie. (A new password already ends every other session: Django's session hash is keyed on it.)"""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+", verbose_name="用户"
    )
    number = models.PositiveIntegerField("代次", default=0)
    changed_at = models.DateTimeField("变更时间", auto_now=True)

    class Meta:
        verbose_name = "会话代次"
        verbose_name_plural = "会话代次"

    def __str__(self) -> str:
        return f"{self.user} #{self.number}"
