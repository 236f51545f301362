"""What the review queue needs from a publishable type. A new type (consultation drafts, annual reports)
registers itself here in its app's ready(); the queue does not change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import models

from .scanner import Hit, Text

# What the reviewers read under 发布期限 when formed_on gives no date: the content is public on other terms.
NO_DEADLINE = "本类内容不适用条例第二十六条的发布期限"


@dataclass(frozen=True)
class Publishable:
    label: str
    texts: Callable[[Any], list[Text]]  # what the scanner reads: title, summary, body, attachments
    unread: Callable[[Any], list[str]]  # attachments with no text to read (images, scans, damaged files)
    previous_texts: Callable[[Any], list[Text]]  # the published version it replaces ([] when new)
    # 条例 第二十六条 counts 20 working days from here; None for content it does not apply to (an old site's
    # published items, a question's answer, a draft for comment), whose reason no_deadline gives
    formed_on: Callable[[Any], date | None]
    metadata_errors: Callable[[Any], list[str]]
    internal_links: Callable[[Any], list[str]]
    preview_url: Callable[[Any], str]
    edit_url: Callable[[Any], str]  # the drafter's page of the content
    preview_html: Callable[[Any], str]  # the content as the public will see it
    publish: Callable[[Any, Any, datetime], Any]  # (content, approver, now)
    send_back: Callable[[Any, Any, str], Any]  # (content, actor, reason): back to the drafter
    # (content, hits, actor): apply the masked forms; returns the sources it could not mask (PDF, images)
    mask: Callable[[Any, list[Hit], Any], list[str]]
    # hits of the content's own rules beside the scanner's (an item's 三同步); none by default
    extra_hits: Callable[[Any], list[Hit]] = lambda content: []
    # why 条例 第二十六条 sets no deadline, read when formed_on is None
    no_deadline: Callable[[Any], str] = lambda content: NO_DEADLINE


REGISTRY: dict[type[models.Model], Publishable] = {}


def register(model: type[models.Model], publishable: Publishable) -> None:
    REGISTRY[model] = publishable


def publishable_for(obj: Any) -> Publishable:
    return REGISTRY[type(obj)]
