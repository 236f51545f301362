from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = "预公开与意见征集"

    def ready(self) -> None:
        from disclosure import listings

        from .review_hooks import register_consultation, register_phase_and_hearing
        from .selectors import decision_links

        register_consultation()
        register_phase_and_hearing()
        listings.register_related(decision_links)
