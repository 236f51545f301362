from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = "主动公开"

    def ready(self) -> None:
        from disclosure import checks  # noqa: F401  (registers the deployment checks)
        from disclosure.review_hooks import register_item
        from disclosure.standard_catalogue.views import workbench_block as catalogue_block
        from disclosure.views.staff import workbench_block
        from portal import workbench
        from portal.signals import watch_public_models

        from .models import Column, Guide, Topic, TopicPage, TopicPageEntry
        from .standard_catalogue.models import Area, Matter

        watch_public_models(Column, Guide, Topic, TopicPage, TopicPageEntry, Area, Matter)
        register_item()
        workbench.register(workbench_block)
        workbench.register(catalogue_block)
