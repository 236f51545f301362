from django.shortcuts import get_object_or_404

from portal.models import Organisation


def organisation_with_column(slug: str) -> Organisation:
    """An active organisation that runs its own 政府信息公开 column, or 404."""
    return get_object_or_404(Organisation.objects.with_column().select_related("parent"), slug=slug)
