"""The append-only security audit log: rows are written once and never changed or deleted."""

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditKind(models.TextChoices):
    LOGIN_SUCCEEDED = "login_succeeded", "登录成功"
    LOGIN_FAILED = "login_failed", "登录失败"
    LOGOUT = "logout", "退出登录"
    LOGIN_LOCKED = "login_locked", "登录锁定"
    LOGIN_UNLOCKED = "login_unlocked", "解除登录锁定"
    ACCOUNT_CREATED = "account_created", "新建账号"
    ACCOUNT_CHANGED = "account_changed", "修改账号"
    ROLE_GRANTED = "role_granted", "授予角色"
    ROLE_REVOKED = "role_revoked", "撤销角色"
    DUTY_GRANTED = "duty_granted", "授予管理员职责"
    DUTY_REVOKED = "duty_revoked", "撤销管理员职责"
    CALENDAR_CHANGED = "calendar_changed", "工作日历变更"
    DATA_REVEALED = "data_revealed", "查看完整个人信息"
    ATTACHMENT_READ = "attachment_read", "下载申请人附件"
    PASSWORD_SET = "password_set", "设置他人密码"
    ITEM_PUBLISHED = "item_published", "发布政府信息"
    ITEM_WITHDRAWN = "item_withdrawn", "撤回政府信息"
    REGISTER_EXPORTED = "register_exported", "导出依申请公开台账"
    PLATFORM_CHANGED = "platform_changed", "修改平台设置"
    PASSWORD_CHANGED = "password_changed", "修改本人密码"
    PASSWORD_RESET_SENT = "password_reset_sent", "发送密码重置邮件"
    OTP_ENROLLED = "otp_enrolled", "启用两步验证"
    OTP_RESET = "otp_reset", "重置两步验证"
    SESSION_EXPIRED = "session_expired", "会话超时退出"
    SESSION_REVOKED = "session_revoked", "账号变更后结束会话"
    AUDIT_EXPORTED = "audit_exported", "导出审计日志"
    AUDIT_PURGED = "audit_purged", "清理过期审计日志"
    PERSONAL_DATA_ERASED = "personal_data_erased", "销毁到期个人信息"
    BACKUP_MADE = "backup_made", "数据备份"
    RESTORE_CHECKED = "restore_checked", "备份恢复演练"
    ADMIN_CHANGED = "admin_changed", "数据维护变更"


class AppendOnlyError(ValueError):
    pass


class AppendOnly(models.Model):
    """A record written once (an audit row, a workflow event, an issued notice): saving it again is refused."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError(f"{self._meta.verbose_name}只能新增，不能修改。")
        super().save(*args, **kwargs)


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("审计日志只能追加，不能修改。")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("审计日志只能追加，不能删除。")


class AuditEvent(AppendOnly):
    """One audited event. Rows form a keyed hash chain (portal.audit_chain): each row's hash covers its content
    and the previous row's hash, so a row changed or removed outside the portal breaks the chain
    (`manage.py verify_audit_chain`)."""

    at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    kind = models.CharField("事件", max_length=20, choices=AuditKind.choices, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="操作人",
    )
    username = models.CharField(
        "账号", max_length=150, blank=True, help_text="事件发生时的账号名（含登录失败时输入的账号）。"
    )
    ip_address = models.GenericIPAddressField("IP地址", null=True, blank=True)
    role = models.CharField("身份", max_length=200, blank=True, help_text="操作人当时的角色或管理员职责。")
    succeeded = models.BooleanField("结果", default=True, help_text="操作成功（登录失败等为否）。")
    target = models.CharField("对象", max_length=200, blank=True)
    detail = models.JSONField("详情", default=dict, blank=True)
    previous_hash = models.CharField("上一条的校验值", max_length=64, blank=True, editable=False)
    row_hash = models.CharField("校验值", max_length=64, blank=True, editable=False)
    key_id = models.CharField(
        "密钥标识",
        max_length=16,
        blank=True,
        editable=False,
        help_text="计算校验值所用审计密钥的指纹；空为早期无密钥记录。",
    )

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = "安全审计日志"
        verbose_name_plural = "安全审计日志"
        ordering = ["-at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=AuditKind.values), name="audit_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()} {self.username}"

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("审计日志只能追加，不能删除。")

    def content(self) -> list[Any]:
        """What the hash covers, in order: the previous row's hash first, so that no row can move."""
        fields: list[Any] = [
            self.previous_hash, self.at.isoformat(), self.kind, self.actor_id, self.username,
            self.ip_address or "", self.target, self.detail,
        ]  # fmt: skip
        if self.key_id:
            fields += [self.role, self.succeeded]
        return fields
