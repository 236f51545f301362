"""A new audit kind (setting another account's password). SQLite rebuilds the table to change the check
constraint, which drops its triggers: they are made again here, now refusing DELETE as well as UPDATE (the
PostgreSQL trigger of 0002 already refused both). The DELETE trigger asks portal_audit_guarded(), a function
the portal registers on each SQLite connection (portal.signals), so that the test runner's flush may empty the
table; anywhere else (the sqlite3 shell) the function is missing and the DELETE fails."""

from django.conf import settings
from django.db import migrations, models

KINDS = [
    "login_succeeded", "login_failed", "logout", "login_locked", "login_unlocked", "account_created",
    "account_changed", "role_granted", "role_revoked", "duty_granted", "duty_revoked", "calendar_changed",
    "data_revealed", "attachment_read", "password_set",
]  # fmt: skip
LABELS = [
    "登录成功", "登录失败", "退出登录", "登录锁定", "解除登录锁定", "新建账号", "修改账号", "授予角色", "撤销角色",
    "授予管理员职责", "撤销管理员职责", "工作日历变更", "查看完整个人信息", "下载申请人附件", "设置他人密码",
]  # fmt: skip
SQLITE_TRIGGERS = [
    "DROP TRIGGER IF EXISTS portal_auditevent_no_update;",
    "DROP TRIGGER IF EXISTS portal_auditevent_no_delete;",
    """CREATE TRIGGER portal_auditevent_no_update BEFORE UPDATE ON portal_auditevent
       BEGIN SELECT RAISE(ABORT, 'portal_auditevent is append-only'); END;""",
    """CREATE TRIGGER portal_auditevent_no_delete BEFORE DELETE ON portal_auditevent
       WHEN portal_audit_guarded() BEGIN SELECT RAISE(ABORT, 'portal_auditevent is append-only'); END;""",
]


def restore_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_TRIGGERS:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0004_notices_in_law"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="auditevent", name="audit_kind_valid"),
        migrations.AlterField(
            model_name="auditevent",
            name="kind",
            field=models.CharField(
                choices=list(zip(KINDS, LABELS, strict=True)), db_index=True, max_length=20, verbose_name="事件"
            ),
        ),
        migrations.AddConstraint(
            model_name="auditevent",
            constraint=models.CheckConstraint(condition=models.Q(("kind__in", KINDS)), name="audit_kind_valid"),
        ),
        migrations.RunPython(restore_triggers, migrations.RunPython.noop),
    ]
