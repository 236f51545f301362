from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = "预公开与意见征集"

    def ready(self) -> None:
        from .review_hooks import register_consultation

        register_consultation()
