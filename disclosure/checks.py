"""Deployment checks of the catalogue (`manage.py check --deploy`, run at every upgrade)."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Warning, register
from django.db import DatabaseError


@register(deploy=True)
def search_index_built(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Search finds only items with an entry: after items were loaded around the publication path (a bulk
    import in SQL, a database put together by hand) `reindex` writes the missing ones."""
    from disclosure.models import Item, SearchEntry

    try:
        published = Item.objects.published().count()
        indexed = SearchEntry.objects.count()
    except DatabaseError:
        return []  # not migrated yet: nothing to check
    if indexed >= published:
        return []
    return [
        Warning(
            f"站内搜索只收录了 {indexed} 条已发布信息（共 {published} 条）：其余信息搜索不到。",
            hint="请运行 python manage.py reindex。",
            id="disclosure.W001",
        )
    ]
