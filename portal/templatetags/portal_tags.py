from datetime import date, datetime
from typing import Any

from django import template
from django.http import HttpRequest
from django.utils import timezone
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def cn_date(value: date | datetime | None) -> str:
    """2026年11月27日, as government documents write dates."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{value.year}年{value.month}月{value.day}日"


@register.filter
def paragraphs(text: str | None) -> list[str]:
    """Each non-blank line of a text as a paragraph: 公文 indent every paragraph, with no blank lines between."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@register.filter
def masked_contact(value: str | None) -> str:
    """An e-mail address or a phone as pages show personal data: l***@example.com, 138****5678."""
    from portal.crypto import mask_contact

    return mask_contact(value) if value else ""


@register.filter
def percent(value: float | None) -> str:
    """0.857 → 85.7%."""
    return "—" if value is None else f"{value * 100:.1f}%"


@register.filter
def cn_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{cn_date(local)} {local:%H:%M}"


@register.inclusion_tag("components/tag.html")
def deadline_tag(working_days_left: int) -> dict[str, Any]:
    """剩余 5 个工作日 / 今日到期 / 已超期 2 个工作日, coloured by urgency."""
    if working_days_left < 0:
        return {"text": f"已超期 {-working_days_left} 个工作日", "colour": "red"}
    if working_days_left == 0:
        return {"text": "今日到期", "colour": "red"}
    colour = "orange" if working_days_left <= 3 else "green"
    return {"text": f"剩余 {working_days_left} 个工作日", "colour": colour}


@register.simple_tag(takes_context=True)
def query_with(context: dict[str, Any], **changes: Any) -> str:
    """The current query string with some parameters replaced (for pagination links)."""
    request: HttpRequest = context["request"]
    query = request.GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()


@register.filter
def described_widget(field: Any) -> str:
    """The field's input with aria-describedby pointing at its hint and error, and aria-invalid on error."""
    ids = [f"{field.auto_id}-hint"] if field.help_text else []
    attrs = {}
    if field.errors:
        ids.append(f"{field.auto_id}-error")
        attrs["aria-invalid"] = "true"
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    return field.as_widget(attrs=attrs)


@register.filter
def staff_name(user: Any) -> str:
    from portal.models.staff import display_name

    return display_name(user) if user else ""


@register.filter
def breakable(value: str | None) -> str:
    """An index number (114305990000000272/2026-00002) that a narrow screen may wrap only after the /, between
    the organisation's code and the year-and-serial (never "2026-" / "00002"): a <wbr> there, the parts escaped;
    CSS keeps it from breaking anywhere else."""
    from django.utils.html import escape

    parts = (value or "").split("/")
    pieces = [f"{part}/" for part in parts[:-1]] + [parts[-1]]
    # each piece escaped (reviewed: tests/security/test_code_review.py)
    return mark_safe("<wbr>".join(f'<span class="unbroken">{escape(piece)}</span>' for piece in pieces if piece))  # nosec B308 B703


@register.filter
def named(error: str, label: str) -> str:
    """An error summary's line: the message alone when it names its field ("请填写姓名。"), else the field's
    label before it, so that the summary never says the label twice."""
    return str(error) if str(label) in str(error) else f"{label}：{error}"
