from .catalogue import Column, ColumnKind, Genre, Topic
from .guide import Guide
from .items import (
    Attachment,
    DisclosureAttribute,
    IndexSerial,
    Item,
    ItemEvent,
    ItemStatus,
    ItemVersion,
    Posting,
    PostingChannel,
    Validity,
)
from .tallies import ItemTally
from .topic_pages import TopicPage, TopicPageEntry

__all__ = [
    "Attachment",
    "Column",
    "ColumnKind",
    "DisclosureAttribute",
    "Genre",
    "Guide",
    "IndexSerial",
    "Item",
    "ItemEvent",
    "ItemStatus",
    "ItemTally",
    "ItemVersion",
    "Posting",
    "PostingChannel",
    "Topic",
    "TopicPage",
    "TopicPageEntry",
    "Validity",
]
