"""Data maintenance for the catalogue: platform columns and topics (system administrator), and each
organisation's guide (its editors and disclosure office head, for their own organisation only)."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from portal.admin import DutyAdmin
from portal.models import Organisation, Role
from portal.permissions import organisation_ids

from .models import Column, Guide, Topic

GUIDE_ROLES = (Role.EDITOR, Role.OFFICE_HEAD)


@admin.register(Column)
class ColumnAdmin(DutyAdmin):
    list_display = ["name", "kind", "basis", "scope", "stale_after_days", "position", "is_active"]
    list_filter = ["kind", "scope", "is_active"]
    search_fields = ["name", "slug", "basis"]
    list_editable = ["position", "is_active"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a column with items is never deleted; deactivate it instead


@admin.register(Topic)
class TopicAdmin(DutyAdmin):
    list_display = ["name", "parent", "slug", "position"]
    search_fields = ["name"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and not (obj and obj.items.exists())


@admin.register(Guide)
class GuideAdmin(admin.ModelAdmin):
    list_display = ["organisation", "office_name", "updated_at"]
    fieldsets = [
        (None, {"fields": ["organisation", "office_name"]}),
        ("信息的分类和获取", {"fields": ["classification", "proactive_channels", "reading_places"]}),
        ("依申请公开", {"fields": ["application_notes", "fee_notes"]}),
        ("监督和救济", {"fields": ["supervision"]}),
    ]

    def _organisations(self, request: HttpRequest) -> set[int]:
        if request.user.is_superuser:
            return set(Organisation.objects.values_list("pk", flat=True))
        return organisation_ids(request.user, *GUIDE_ROLES)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Guide]:
        return super().get_queryset(request).filter(organisation_id__in=self._organisations(request))

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "organisation":
            kwargs["queryset"] = Organisation.objects.filter(pk__in=self._organisations(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(self._organisations(request))

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        allowed = self._organisations(request)
        return bool(allowed) and (obj is None or obj.organisation_id in allowed)

    has_change_permission = has_view_permission

    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(self._organisations(request))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
