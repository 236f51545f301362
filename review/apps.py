from django.apps import AppConfig


class ReviewConfig(AppConfig):
    """The review queue for everything the portal publishes (条例 第十七条; regulation.md §3)."""

    name = "review"
    verbose_name = "发布审核"

    def ready(self) -> None:
        from portal import workbench

        from .views import workbench_block

        workbench.register(workbench_block)
