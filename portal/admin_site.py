from django.contrib import admin
from django.http import HttpRequest


class PortalAdminSite(admin.AdminSite):
    site_header = "政府信息公开平台 · 数据维护"
    site_title = "数据维护"
    index_title = "数据维护"
    site_url = "/staff/"

    def has_permission(self, request: HttpRequest) -> bool:
        from portal.permissions import duty_of

        user = request.user
        return bool(user.is_active and (user.is_superuser or duty_of(user) is not None))
