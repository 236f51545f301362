from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from portal.admin import DutyAdmin
from portal.models import Role
from portal.permissions import organisation_ids

from .models import Leader, ReviewerPreference, SensitiveWord, Stage, WordingRule


@admin.register(Stage)
class StageAdmin(DutyAdmin):
    """Each organisation's review stages; the defaults are created at the first submission."""

    list_display = ["organisation", "position", "name", "decider_organisation", "decider_role", "checklist"]
    list_filter = ["organisation"]
    ordering = ["organisation", "position"]


@admin.register(SensitiveWord)
class SensitiveWordAdmin(DutyAdmin):
    search_fields = ["word"]


@admin.register(WordingRule)
class WordingRuleAdmin(DutyAdmin):
    list_display = ["wrong", "right", "note"]
    search_fields = ["wrong", "right"]


@admin.register(Leader)
class LeaderAdmin(DutyAdmin):
    list_display = ["name", "titles", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]


@admin.register(ReviewerPreference)
class ReviewerPreferenceAdmin(admin.ModelAdmin):
    """Each reviewer chooses how to be told about waiting content: only their own row."""

    fields = ["mode"]

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).filter(user=request.user)

    def save_model(self, request: HttpRequest, obj: ReviewerPreference, form: Any, change: bool) -> None:
        obj.user = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(organisation_ids(request.user, Role.REVIEWER, Role.OFFICE_HEAD))  # those who review

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request) and (obj is None or obj.user_id == request.user.pk)

    has_change_permission = has_view_permission

    def has_add_permission(self, request: HttpRequest) -> bool:
        mine = ReviewerPreference.objects.filter(user_id=request.user.pk or 0)
        return self.has_module_permission(request) and not mine.exists()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
