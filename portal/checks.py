from datetime import date
from typing import Any

from django.core.checks import CheckMessage, Warning, register
from django.db import DatabaseError
from django.utils import timezone


@register()
def calendar_years_confirmed(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """条例 第三十三条 deadlines count working days: warn while this or the coming year is not confirmed."""
    from portal.services import unconfirmed_calendar_years

    today: date = timezone.localdate()
    try:
        missing = unconfirmed_calendar_years(today)
    except DatabaseError:
        return []  # not migrated yet: nothing to check
    return [
        Warning(
            f"{year}年的工作日历尚未确认：依申请公开等法定期限将按周一至周五推算，可能不准确。",
            hint="请系统管理员在“工作日历年度”中按国务院办公厅放假安排通知录入并确认该年度。",
            id="portal.W001",
        )
        for year in missing
    ]
