from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = "预公开与意见征集"

    def ready(self) -> None:
        from disclosure import listings
        from disclosure.views import search
        from portal import workbench

        from .questions.review_hooks import register_question
        from .questions.selectors import search_also
        from .questions.services import workbench_block
        from .review_hooks import register_consultation, register_phase_and_hearing
        from .selectors import decision_links

        register_consultation()
        register_phase_and_hearing()
        register_question()
        workbench.register(workbench_block)
        search.register(search_also)
        listings.register_related(decision_links)
