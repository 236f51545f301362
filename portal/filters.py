import django_filters

from portal.models import AuditEvent, AuditKind


class AuditEventFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label="事件", choices=AuditKind.choices, empty_label="全部事件")
    username = django_filters.CharFilter(label="账号", lookup_expr="icontains")
    since = django_filters.DateFilter(label="起始日期", field_name="at", lookup_expr="date__gte")
    until = django_filters.DateFilter(label="截止日期", field_name="at", lookup_expr="date__lte")

    class Meta:
        model = AuditEvent
        fields = ["kind", "username", "since", "until"]
