from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = "主动公开"

    def ready(self) -> None:
        from disclosure.review_hooks import register_item

        register_item()
