from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = "主动公开"

    def ready(self) -> None:
        from disclosure.review_hooks import register_item
        from disclosure.views.staff import workbench_block
        from portal import workbench

        register_item()
        workbench.register(workbench_block)
