from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode


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

    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        """One sign-in for all staff, with the second factor: the admin's own form would skip it."""
        if request.user.is_authenticated:
            if self.has_permission(request):
                return redirect("admin:index")
            raise PermissionDenied("您的账号没有数据维护权限。")
        target = request.GET.get("next") or reverse("admin:index")
        return redirect(reverse("portal:staff-login") + "?" + urlencode({"next": target}))
