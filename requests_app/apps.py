from typing import Any

from django.apps import AppConfig


class RequestsAppConfig(AppConfig):
    name = "requests_app"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        from portal import workbench
        from portal.workdays import calendar_updated

        from .selectors import workbench_block

        workbench.register(workbench_block)
        calendar_updated.connect(_recompute, dispatch_uid="requests_app.recompute_deadlines")


def _recompute(sender: Any, **kwargs: Any) -> None:
    """Open deadlines follow the calendar: a changed arrangement moves them at once."""
    from .tasks import recompute_deadlines

    recompute_deadlines()
