from django.conf import settings
from django.db import models

from .organisations import Organisation


class Role(models.TextChoices):
    """Roles a staff member holds within an organisation."""

    EDITOR = "editor", "信息编辑"
    REVIEWER = "reviewer", "审核人员"
    OFFICE_HEAD = "office_head", "公开工作机构负责人"
    CASE_OFFICER = "case_officer", "依申请公开办理人员"
    INSPECTOR = "inspector", "督查人员"


ROLE_DUTIES: dict[str, str] = {
    Role.EDITOR: "起草政府信息、上传附件，提交审核；已发布信息的修改以新版本重新送审。",
    Role.REVIEWER: "按本机构审核流程审核待发布内容，作保密审查和个人信息检查，记录审核意见。",
    Role.OFFICE_HEAD: "负责政府信息公开工作机构，审批依申请公开延期答复，签发答复。",
    Role.CASE_OFFICER: "登记和办理依申请公开申请，在法定期限内出具书面答复并记录送达。",
    Role.INSPECTOR: "只读查看各机构的公开情况、督查看板、年度考核和年度报告。",
}


class Duty(models.TextChoices):
    """The three separated administrator duties (三员分立); one person holds at most one."""

    SYSTEM = "system", "系统管理员"
    SECURITY = "security", "安全管理员"
    AUDIT = "audit", "审计管理员"


DUTY_DESCRIPTIONS: dict[str, str] = {
    Duty.SYSTEM: "维护机构、平台设置和工作日历等系统数据。",
    Duty.SECURITY: "管理用户账号、机构角色和管理员职责。",
    Duty.AUDIT: "查阅安全审计日志：登录、退出、角色变更和日历变更。",
}


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name="用户"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships", verbose_name="机构"
    )
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    granted_at = models.DateTimeField("授予时间", auto_now_add=True)

    class Meta:
        verbose_name = "机构角色"
        verbose_name_plural = "机构角色"
        ordering = ["organisation__position", "organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="membership_unique_role"),
            models.CheckConstraint(condition=models.Q(role__in=Role.values), name="membership_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation.short_name} · {self.get_role_display()}"


class AdministratorDuty(models.Model):
    """One row per administrator: the one-to-one key makes 'at most one of the three' a database rule."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="duty",
        verbose_name="用户",
        error_messages={"unique": "该用户已担任一类管理员职责；系统、安全、审计三类管理员职责不能由同一人兼任。"},
    )
    duty = models.CharField("管理员职责", max_length=20, choices=Duty.choices)
    granted_at = models.DateTimeField("授予时间", auto_now_add=True)

    class Meta:
        verbose_name = "管理员职责（三员）"
        verbose_name_plural = "管理员职责（三员）"
        constraints = [
            models.CheckConstraint(condition=models.Q(duty__in=Duty.values), name="duty_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_duty_display()}"


def display_name(user: object) -> str:
    """A staff member's name as Chinese writes it (family name first, no space), else the username."""
    last, first = getattr(user, "last_name", ""), getattr(user, "first_name", "")
    return f"{last}{first}" or str(getattr(user, "username", ""))
