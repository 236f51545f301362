"""New audit kinds: revealing an applicant's full personal data, downloading an applicant's attachment.
SQLite rebuilds the table to change the check constraint, which drops the append-only trigger of 0002: it is
made again here."""

from django.conf import settings
from django.db import migrations, models

KINDS = [
    ("login_succeeded", "登录成功"), ("login_failed", "登录失败"), ("logout", "退出登录"), ("login_locked", "登录锁定"),
    ("login_unlocked", "解除登录锁定"), ("account_created", "新建账号"), ("account_changed", "修改账号"),
    ("role_granted", "授予角色"), ("role_revoked", "撤销角色"), ("duty_granted", "授予管理员职责"),
    ("duty_revoked", "撤销管理员职责"), ("calendar_changed", "工作日历变更"), ("data_revealed", "查看完整个人信息"),
    ("attachment_read", "下载申请人附件"),
]  # fmt: skip
SQLITE_TRIGGER = [
    "DROP TRIGGER IF EXISTS portal_auditevent_no_update;",
    """CREATE TRIGGER portal_auditevent_no_update BEFORE UPDATE ON portal_auditevent
       BEGIN SELECT RAISE(ABORT, 'portal_auditevent is append-only'); END;""",
]


def restore_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_TRIGGER:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_audit_append_only"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="auditevent", name="audit_kind_valid"),
        migrations.AlterField(
            model_name="auditevent",
            name="kind",
            field=models.CharField(choices=KINDS, db_index=True, max_length=20, verbose_name="事件"),
        ),
        migrations.AddConstraint(
            model_name="auditevent",
            constraint=models.CheckConstraint(
                condition=models.Q(("kind__in", [k for k, _ in KINDS])), name="audit_kind_valid"
            ),
        ),
        migrations.RunPython(restore_trigger, migrations.RunPython.noop),
    ]
