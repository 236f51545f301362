from django.contrib import admin
from django.http import HttpRequest


class PortalAdminSite(admin.AdminSite):
    site_header = "政府信息公开平台 · 数据维护"
    site_title = "数据维护"
    index_title = "数据维护"
    site_url = "/staff/"

    def has_permission(self, request: HttpRequest) -> bool:
        """The three administrators, and staff with a writing role (for their organisation's data)."""
        from portal.permissions import WRITING_ROLES, duty_of, organisation_ids

        user = request.user
        if not user.is_active:
            return False
        return bool(user.is_superuser or duty_of(user) is not None or organisation_ids(user, *WRITING_ROLES))
