from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = "监督与年度报告"

    def ready(self) -> None:
        from disclosure import columns, listings
        from portal import workbench

        from .annual_report import selectors as annual_report
        from .annual_report.public_views import listing
        from .annual_report.review_hooks import register_report
        from .complaints import services as complaints
        from .inspections import services as inspections
        from .website_report import selectors as website_report
        from .website_report.public_views import listing as website_listing
        from .website_report.review_hooks import register_report as register_website_report

        register_report()
        listings.register(columns.ANNUAL_REPORT.slug, listing)
        register_website_report()
        listings.register(columns.ANNUAL_REPORT.slug, website_listing)
        workbench.register(annual_report.workbench_block)
        workbench.register(complaints.workbench_block)
        workbench.register(inspections.workbench_block)
        workbench.register(website_report.workbench_block)
