"""How an item goes through the review queue (review/registry.py)."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve, reverse

from review.registry import NO_DEADLINE, Publishable, register
from review.scanner import Hit, Text

from . import services
from .masking import can_mask_file
from .models import Item
from .selectors import published_index_number_exists

HREF = re.compile(r"""href=["']([^"']+)["']""")


def texts(item: Item) -> list[Text]:
    found = [Text("title", item.title), Text("summary", item.summary), Text("body", item.body_text)]
    if item.document_number:
        found.append(Text("document_number", item.document_number))
    return found + [
        Text(f"attachment:{a.name}", a.text, can_mask_file(a.file.name)) for a in item.attachments.all() if a.text
    ]


def unread(item: Item) -> list[str]:
    """Attachments the scanner saw no text in: a photo or scan of a name list must be checked by eye."""
    return [a.name for a in item.attachments.all() if not a.text.strip()]


def previous_texts(item: Item) -> list[Text]:
    return texts(item.revision_of) if item.revision_of_id and item.revision_of else []


def formed_on(item: Item) -> date | None:
    return None if item.legacy_import else item.changed_date or item.written_date


def no_deadline(item: Item) -> str:
    return "原网站已发布（原目录导入），没有条例第二十六条的发布期限" if item.legacy_import else NO_DEADLINE


def interpretation_hits(item: Item) -> list[Any]:
    from disclosure.interpretations import review_hits

    return review_hits(item)


def metadata_errors(item: Item) -> list[str]:
    try:
        services.check_publishable(item)
    except ValidationError as error:
        return list(error.messages)
    return []


def internal_links(item: Item) -> list[str]:
    """Links in the body to pages of this site that do not exist (or items that are not public)."""
    dead = []
    for href in HREF.findall(item.body):
        path = href.removeprefix(settings.SITE_URL)
        if not path.startswith("/") or path.startswith("//"):
            continue
        try:
            match = resolve(path.split("?")[0].split("#")[0])
        except Resolver404:
            dead.append(href)
            continue
        if match.url_name == "item" and not Item.objects.published().filter(pk=match.kwargs["pk"]).exists():
            dead.append(href)
        if match.url_name == "by-index" and not published_index_number_exists(match.kwargs["index_number"]):
            dead.append(href)
    return dead


def preview_url(item: Item) -> str:
    return reverse("disclosure-staff:item-preview", args=[item.pk])


def edit_url(item: Item) -> str:
    return reverse("disclosure-staff:item", args=[item.pk])


def preview_html(item: Item) -> str:
    context = {
        "item": item,
        "organisation": item.organisation,
        "attachments": list(item.attachments.all()),
        "interpretations": [],
        "preview": True,
    }
    return render_to_string("disclosure/_article.html", context)


def publish(item: Item, approver: Any, now: datetime) -> Item:
    return services.publish_item(item=item, approver=approver, now=now)


def send_back(item: Item, actor: Any, reason: str) -> Item:
    return services.return_item(item=item, actor=actor, reason=reason)


def mask(item: Item, hits: list[Hit], actor: Any) -> list[str]:
    return services.mask_item(item=item, hits=hits, actor=actor)


def register_item() -> None:
    register(
        Item,
        Publishable(
            label="政府信息",
            texts=texts,
            unread=unread,
            previous_texts=previous_texts,
            formed_on=formed_on,
            no_deadline=no_deadline,
            metadata_errors=metadata_errors,
            extra_hits=interpretation_hits,
            internal_links=internal_links,
            preview_url=preview_url,
            edit_url=edit_url,
            preview_html=preview_html,
            publish=publish,
            send_back=send_back,
            mask=mask,
        ),
    )
