"""Background tasks of the catalogue (Django's tasks framework; run by `manage.py db_worker`)."""

from django.tasks import task

from portal.models import Organisation


@task()
def build_exports(organisation_id: int) -> str:
    from . import exports

    organisation = Organisation.objects.get(pk=organisation_id)
    built = [exports.build(organisation, fmt) for fmt in exports.CatalogueExport.Format]
    return ", ".join(f"{record.file_name}: {record.rows} rows" for record in built)
