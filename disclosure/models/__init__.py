from ..standard_catalogue.models import Area, Matter
from .catalogue import Column, ColumnKind, Genre, Topic
from .exports import CatalogueExport
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
from .search import SearchEntry
from .tallies import ItemTally, SitemapPage
from .topic_pages import TopicPage, TopicPageEntry

__all__ = [
    "Area",
    "Attachment",
    "CatalogueExport",
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
    "Matter",
    "Posting",
    "PostingChannel",
    "SearchEntry",
    "SitemapPage",
    "Topic",
    "TopicPage",
    "TopicPageEntry",
    "Validity",
]
