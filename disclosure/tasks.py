"""Background tasks of the catalogue (Django's tasks framework; run by `manage.py db_worker`)."""

from django.db import transaction
from django.tasks import task

from portal.models import Organisation

from . import exports
from .models import CatalogueExport


@task()
def build_exports(organisation_id: int) -> str:
    organisation = Organisation.objects.get(pk=organisation_id)
    built = [exports.build(organisation, fmt) for fmt in exports.CatalogueExport.Format]
    return ", ".join(f"{record.file_name}: {record.rows} rows" for record in built)


def request_build(channel_id: int) -> None:
    """After a change to what is public: queue one rebuild of the organisation's files, unless one waits."""

    def enqueue() -> None:
        for fmt in CatalogueExport.Format:
            CatalogueExport.objects.get_or_create(organisation_id=channel_id, format=fmt)
        if CatalogueExport.objects.filter(organisation_id=channel_id, queued=False).update(queued=True):
            build_exports.enqueue(channel_id)

    transaction.on_commit(enqueue, robust=True)
