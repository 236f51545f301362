from django import template

from disclosure.states import Action

register = template.Library()


@register.filter
def action_label(value: str) -> str:
    """The Chinese label of an item action recorded in an event."""
    try:
        return str(Action(value).label)
    except ValueError:
        return value
