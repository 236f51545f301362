from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = "监督与年度报告"

    def ready(self) -> None:
        from disclosure import columns, listings
        from portal import workbench

        from . import complaint_services, inspection_services
        from .public_views import listing
        from .review_hooks import register_report
        from .selectors import workbench_block

        register_report()
        listings.register(columns.ANNUAL_REPORT.slug, listing)
        workbench.register(workbench_block)
        workbench.register(complaint_services.workbench_block)
        workbench.register(inspection_services.workbench_block)
