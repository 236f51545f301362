from typing import Any

from django import template

register = template.Library()


@register.filter
def cell(mapping: Any, key: str) -> Any:
    """A value of the report's data by its label (labels hold characters the template language cannot name)."""
    return mapping.get(key, "") if hasattr(mapping, "get") else ""
