"""Deployment checks of the catalogue (`manage.py check --deploy`, run at every upgrade)."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Warning, register
from django.db import DatabaseError


@register(deploy=True)
def search_index_built(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """After an upgrade that changes the index's layout, search finds nothing until `reindex` has run."""
    from disclosure import search
    from disclosure.models import Item

    try:
        published = Item.objects.published().count()
    except DatabaseError:
        return []  # not migrated yet: nothing to check
    built = (search.index_path() / "meta.json").exists()
    indexed = search.get_index().searcher().num_docs if built else 0
    if indexed >= published:
        return []
    return [
        Warning(
            f"站内搜索的索引只收录了 {indexed} 条已发布信息（共 {published} 条）：其余信息搜索不到。",
            hint="请运行 python manage.py reindex（升级改变了索引格式后必须运行一次）。",
            id="disclosure.W001",
        )
    ]
