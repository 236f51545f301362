"""Data maintenance for supervision: the year-end assessment's indicators (system administrator): names,
weights, rules and order; a new year's assessments use them as they are then."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from portal.admin import DutyAdmin

from .assessments.models import Indicator


@admin.register(Indicator)
class IndicatorAdmin(DutyAdmin):
    list_display = ["name", "weight", "rule", "position", "is_active"]
    list_editable = ["weight", "position", "is_active"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # scores refer to it: deactivate instead
