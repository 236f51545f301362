import django_filters

from portal.models import AuditEvent, AuditKind

DATE_ERROR = {"invalid": "请输入有效的日期，例如 2026-11-28。"}


class AuditEventFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label="事件", choices=AuditKind.choices, empty_label="全部事件")
    username = django_filters.CharFilter(label="账号", lookup_expr="icontains")
    since = django_filters.DateFilter(
        label="起始日期",
        field_name="at",
        lookup_expr="date__gte",
        help_text="例如 2026-11-28",
        error_messages=DATE_ERROR,
    )
    until = django_filters.DateFilter(
        label="截止日期",
        field_name="at",
        lookup_expr="date__lte",
        help_text="例如 2026-11-28",
        error_messages=DATE_ERROR,
    )

    class Meta:
        model = AuditEvent
        fields = ["kind", "username", "since", "until"]
