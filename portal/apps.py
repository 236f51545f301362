from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "平台基础"

    def ready(self) -> None:
        from portal import checks, form_messages, signals  # noqa: F401

        form_messages.install()


class PortalAdminConfig(AdminConfig):
    default_site = "portal.admin_site.PortalAdminSite"
