"""Chinese full-text search that finds every item containing what the person typed.

Word segmentation (jieba) misses words a dictionary splits differently (公开栏), and PostgreSQL's full-text
configurations don't segment Chinese at all. So the index is built on characters, not words, with tantivy:

- fields ``title`` and ``body`` hold every overlapping pair of characters (公开栏 → 公开, 开栏) as a token at
  its own position. A substring of length >= 2 is then a run of consecutive pairs: a phrase query finds
  exactly the items that contain it. (tantivy's n-gram tokenizer puts every gram at position 0, so the
  pairs are written out, separated by spaces, and cut by the whitespace tokenizer: whitespace inside the
  text becomes U+001F first, and no query term holds whitespace);
- ``chars`` holds single characters, for one-character queries.

Results are exactly the items that contain every space-separated term (recall 100% against a substring
ground truth; bench/search.py measures it). The index lives in SEARCH_INDEX_DIR; publishing,
revising and withdrawing an item update it after the transaction commits; `manage.py reindex` rebuilds it.
"""

from __future__ import annotations

import html
import re
import shutil
import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tantivy
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

from .chinese import fold
from .models import Attachment, Item, ItemStatus

TEXT_FIELDS = ("title", "body")
TITLE_BOOST = 5.0
WRITER_HEAP = 64_000_000
MAX_TERMS = 8
PK_MODULUS = 10_000_000  # the date sort key carries the item id in its low digits

_lock = threading.Lock()
_indexes: dict[str, tantivy.Index] = {}


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("id", stored=True, indexed=True, fast=True)
    for name in ("org", "column", "topic", "year"):
        builder.add_unsigned_field(name, indexed=True, fast=True)
    builder.add_integer_field("pub", indexed=False, fast=True)
    for name in ("genre", "validity"):
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic")
    for name in TEXT_FIELDS:
        builder.add_text_field(name, tokenizer_name="pairs", index_option="position")
    for name in ("chars", "title_chars"):  # single characters of everything, and of the title alone
        builder.add_text_field(name, tokenizer_name="chars", index_option="basic")
    return builder.build()


SCHEMA = _schema()


def _open(path: Path) -> tantivy.Index:
    key = str(path)
    with _lock:
        index = _indexes.get(key)
        if index is None:
            path.mkdir(parents=True, exist_ok=True)
            index = tantivy.Index(SCHEMA, path=key)
            # the text arrives folded (lower case included), as the query does: no filters
            index.register_tokenizer("pairs", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build())
            index.register_tokenizer("chars", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.ngram(1, 1, False)).build())
            _indexes[key] = index
        return index


# The layout of the index's fields: a new layout lives in its own folder (an index of an older one cannot be
# opened with this schema) and is filled by `manage.py reindex` after the upgrade. Layout 2: the titles' single
# characters, index numbers, folded text (disclosure/chinese.py). Layout 3: the pairs cut at spaces, not by a
# regular expression (the index builds 3.5 times faster: bench/catalogue.py).
LAYOUT = 3


def index_path() -> Path:
    return Path(settings.SEARCH_INDEX_DIR) / f"layout-{LAYOUT}"


def get_index() -> tantivy.Index:
    return _open(index_path())


def _writer(index: tantivy.Index) -> Any:
    """A writer; another process may hold the lock for a moment, so wait for it."""
    for attempt in range(50):
        try:
            return index.writer(WRITER_HEAP, 1)
        except ValueError:
            if attempt == 49:
                raise
            time.sleep(0.1)
    raise RuntimeError("unreachable")


def _document(item: dict[str, Any], attachment_texts: Sequence[str]) -> tantivy.Document:
    pk, published = item["pk"], item["publication_date"]
    doc = tantivy.Document()
    doc.add_unsigned("id", pk)
    doc.add_unsigned("org", item["organisation_id"])
    doc.add_unsigned("column", item["column_id"])
    doc.add_unsigned("topic", item["topic_id"] or 0)
    doc.add_unsigned("year", published.year)
    doc.add_integer("pub", published.toordinal() * PK_MODULUS + pk % PK_MODULUS)
    doc.add_text("genre", item["genre"])
    doc.add_text("validity", item["validity"] or "-")
    texts = {
        "title": [item["title"]],
        "body": [item["summary"], item["document_number"], item["index_number"] or "", item["body_text"],
                 *attachment_texts],
    }  # fmt: skip
    for name, values in texts.items():
        for value in values:
            if value:
                folded = fold(value)
                doc.add_text(name, pairs_of(folded))
                doc.add_text("chars", folded)
    doc.add_text("title_chars", fold(item["title"]))
    return doc


WHITESPACE = re.compile(r"\s")


def pairs_of(text: str) -> str:
    """Every overlapping pair of characters, separated by spaces: 公开栏 → "公开 开栏"."""
    clean = WHITESPACE.sub("\x1f", text)  # a pair holds no whitespace (no query term does either)
    if len(clean) < 2:
        return ""
    spread = [" "] * (3 * len(clean) - 4)  # first, second, space, second, third, space ...
    spread[0::3] = clean[:-1]
    spread[1::3] = clean[1:]
    return "".join(spread)


# what the index reads of an item: plain rows, no model instances (a rebuild reads a million)
INDEXED = ("pk", "organisation_id", "column_id", "topic_id", "publication_date", "genre", "validity", "title",
           "summary", "document_number", "index_number", "body_text")  # fmt: skip


def _published(ids: Iterable[int]) -> Iterable[tuple[dict[str, Any], list[str]]]:
    # one batch read at once, without the body's HTML (its text is indexed): two queries per batch, no cursor
    ids = list(ids)
    attachments: dict[int, list[str]] = defaultdict(list)
    for pk, text in Attachment.objects.filter(item_id__in=ids).values_list("item_id", "text"):
        attachments[pk].append(text)
    for item in Item.objects.filter(pk__in=ids, status=ItemStatus.PUBLISHED).values(*INDEXED):
        yield item, attachments.get(item["pk"], [])


def index_items(ids: Iterable[int]) -> None:
    """Bring the index in line with the database for these items (add, replace or remove)."""
    ids = list(ids)
    index = get_index()
    writer = _writer(index)
    try:
        for pk in ids:
            writer.delete_documents_by_query(tantivy.Query.term_query(SCHEMA, "id", pk))
        for item, texts in _published(ids):
            writer.add_document(_document(item, texts))
        writer.commit()
    finally:
        writer.wait_merging_threads()
    index.reload()


def rebuild(batch: int = 2000, progress: Any = None) -> int:
    """Reindex every published item into a new, empty index (also after the index layout changed)."""
    path = Path(settings.SEARCH_INDEX_DIR)  # an older layout's files go too
    with _lock:
        _indexes.pop(str(index_path()), None)
    if path.exists():
        shutil.rmtree(path)
    index = get_index()
    writer = _writer(index)
    count = 0
    try:
        writer.delete_all_documents()
        ids = Item.objects.filter(status=ItemStatus.PUBLISHED).order_by("pk").values_list("pk", flat=True)
        chunk: list[int] = []
        for pk in ids.iterator(chunk_size=batch):
            chunk.append(pk)
            if len(chunk) == batch:
                count += _add(writer, chunk)
                chunk = []
                if progress:
                    progress(count)
        count += _add(writer, chunk)
        writer.commit()
    finally:
        writer.wait_merging_threads()
    index.reload()
    return count


def _add(writer: Any, ids: list[int]) -> int:
    n = 0
    for item, texts in _published(ids):
        writer.add_document(_document(item, texts))
        n += 1
    return n


# -- Querying ------------------------------------------------------------------------------------------


def split_terms(query: str) -> list[str]:
    """The terms as the index holds text (folded: simplified, half-width, one kind of bracket, lower case)."""
    return [t for t in re.split(r"\s+", fold(query).strip()) if t][:MAX_TERMS]


def _term_query(term: str, fields: Sequence[str]) -> tantivy.Query:
    """Items whose fields contain the term as an exact substring."""
    if len(term) == 1:
        return tantivy.Query.term_query(SCHEMA, "title_chars" if tuple(fields) == ("title",) else "chars", term)
    pairs: list[str | tuple[int, str]] = [term[i : i + 2] for i in range(len(term) - 1)]
    alternatives = []
    for field in fields:
        if len(pairs) == 1:
            query = tantivy.Query.term_query(SCHEMA, field, term)
        else:
            query = tantivy.Query.phrase_query(SCHEMA, field, pairs)
        if field == "title":
            query = tantivy.Query.boost_query(query, TITLE_BOOST)
        alternatives.append((tantivy.Occur.Should, query))
    return tantivy.Query.boolean_query(alternatives)


@dataclass(frozen=True)
class Filters:
    organisation: int | None = None
    column: int | None = None
    topic: int | None = None
    genre: str = ""
    year: int | None = None
    validity: str = ""


NO_FILTERS = Filters()


def _filter_queries(filters: Filters) -> list[tantivy.Query]:
    queries = []
    for field, value in (
        ("org", filters.organisation),
        ("column", filters.column),
        ("topic", filters.topic),
        ("year", filters.year),
    ):
        if value:
            queries.append(tantivy.Query.term_query(SCHEMA, field, value))
    for field, text in (("genre", filters.genre), ("validity", filters.validity)):
        if text:
            queries.append(tantivy.Query.term_query(SCHEMA, field, text))
    return queries


def build_query(terms: Sequence[str], filters: Filters, fields: Sequence[str] = TEXT_FIELDS) -> tantivy.Query:
    """Every term must occur (in the title, the body or an attachment); filters narrow without scoring."""
    clauses = [(tantivy.Occur.Must, _term_query(term, fields)) for term in terms]
    for extra in _filter_queries(filters):
        clauses.append((tantivy.Occur.Must, tantivy.Query.const_score_query(extra, 0.0)))
    return tantivy.Query.boolean_query(clauses)


def matching_ids(query: str, filters: Filters = NO_FILTERS) -> set[int]:
    """The ids of all items that match (for measuring recall): read from the date key, not the stored docs."""
    terms = split_terms(query)
    if not terms:
        return set()
    searcher = get_index().searcher()
    built = build_query(terms, filters)
    total = getattr(searcher.search(built, 1, count=True), "count", 0) or 0
    if not total:
        return set()
    hits = searcher.search(built, total, count=False, order_by_field="pub").hits
    return {key % PK_MODULUS for key, _ in hits}


@dataclass
class SearchPage:
    terms: list[str]
    items: list[Item]
    has_next: bool
    total: int = 0  # the matches, exactly, or at least this many when `more`
    more: bool = False
    suggestions: list[tuple[str, int]] | None = None  # when nothing matched: shorter queries that match, and how many


COUNT_CAP = 1000  # past this, "超过 1000 条": counting every match of a common word costs more than the page


def count(searcher: Any, query: tantivy.Query, years: list[int] | None) -> tuple[int, bool]:
    """How many items match: exactly when there may be few, else year by year, newest first, up to the cap."""
    if years is None:
        return getattr(searcher.search(query, 1, count=True), "count", 0) or 0, False
    total = 0
    for year in years:
        in_year = tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, query), (tantivy.Occur.Must, tantivy.Query.term_query(SCHEMA, "year", year))]
        )
        total += getattr(searcher.search(in_year, 1, count=True), "count", 0) or 0
        if total > COUNT_CAP:
            return COUNT_CAP, True
    return total, False


def _shorter(terms: Sequence[str]) -> list[str]:
    """What to try when nothing matched: each term alone, or a long single term cut in two."""
    if len(terms) > 1:
        return list(dict.fromkeys(terms))
    term = terms[0]
    if len(term) < 4:
        return []
    half = len(term) // 2
    return [term[:half], term[half:]]


def suggestions(searcher: Any, terms: Sequence[str], filters: Filters) -> list[tuple[str, int]]:
    found = []
    for candidate in _shorter(terms):
        years = _published_years() if _estimate(searcher, [candidate]) > YEAR_BY_YEAR_ABOVE else None
        n, _ = count(searcher, build_query([candidate], filters), years)
        if n:
            found.append((candidate, n))
    return found


# Above this many possible matches, results are collected year by year, newest first, so that a query found
# in nearly every item reads one year's items instead of all of them.
YEAR_BY_YEAR_ABOVE = 30_000


def _estimate(searcher: Any, terms: Sequence[str]) -> int:
    """An upper bound of the matches: the rarest character pair (or character) of the rarest term."""
    bounds = []
    for term in terms:
        if len(term) == 1:
            bounds.append(searcher.doc_freq("chars", term))
        else:
            pairs = [term[i : i + 2] for i in range(len(term) - 1)]
            bounds.append(min(searcher.doc_freq("title", p) + searcher.doc_freq("body", p) for p in pairs))
    return min(bounds)


def _published_years() -> list[int]:
    """The years with published items, newest first: two reads of the date index, cached for a minute."""
    from django.core.cache import cache

    years = cache.get("search:years")
    if years is None:
        dates = Item.objects.published().values_list("publication_date", flat=True)
        last = dates.order_by("-publication_date").first()
        first = dates.order_by("publication_date").first()
        years = list(range(last.year, first.year - 1, -1)) if first and last else []
        cache.set("search:years", years, 60)
    return years


def _by_date(
    searcher: Any, query: tantivy.Query, skip: int, take: int, years: list[int] | None
) -> tuple[list[int], bool]:
    """Item ids of the matches from `skip`, newest first, and whether there are more."""
    if years is None:
        hits = searcher.search(query, skip + take + 1, count=False, order_by_field="pub").hits[skip:]
        keys = [key % PK_MODULUS for key, _ in hits]
        return keys[:take], len(keys) > take
    keys, skipped = [], 0
    for year in years:
        in_year = tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, query), (tantivy.Occur.Must, tantivy.Query.term_query(SCHEMA, "year", year))]
        )
        result = searcher.search(in_year, skip - skipped + take + 1 - len(keys), count=True, order_by_field="pub")
        found = getattr(result, "count", 0) or 0
        if skipped + found <= skip:
            skipped += found
            continue
        hits = result.hits[max(skip - skipped, 0) :]
        skipped = skip
        keys += [key % PK_MODULUS for key, _ in hits]
        if len(keys) > take:
            break
    return keys[:take], len(keys) > take


def search(
    query: str, *, filters: Filters = NO_FILTERS, sort: str = "relevance", offset: int = 0, limit: int = 20
) -> SearchPage:
    """One page of the items that contain every term. Relevance puts items whose title holds every term
    first; within that, and when sorting by date, newest first."""
    terms = split_terms(query)
    if not terms:
        return SearchPage(terms, [], False)
    searcher = get_index().searcher()
    years = None
    if _estimate(searcher, terms) > YEAR_BY_YEAR_ABOVE:
        years = [filters.year] if filters.year else _published_years()
    everything = build_query(terms, filters)
    if sort == "date":
        ids, has_next = _by_date(searcher, everything, offset, limit, years)
    else:
        # titles first: the title hits up to the end of this page (year by year when there may be many, so the
        # cost is one year's hits, not all of them), then the other hits; never a count of every match
        in_title = build_query(terms, filters, fields=("title",))
        titles, more_titles = _by_date(searcher, in_title, 0, offset + limit, years)
        ids, has_next = titles[offset:], more_titles
        if not more_titles:
            rest = tantivy.Query.boolean_query([(tantivy.Occur.Must, everything), (tantivy.Occur.MustNot, in_title)])
            more, has_next = _by_date(searcher, rest, max(offset - len(titles), 0), limit - len(ids), years)
            ids += more
    # By primary key alone: with the status in the WHERE clause SQLite walks the status index instead.
    by_id = Item.objects.select_related("organisation", "channel", "column", "topic").order_by().in_bulk(ids)
    items = [by_id[pk] for pk in ids if pk in by_id and by_id[pk].status == ItemStatus.PUBLISHED]
    total, capped = count(searcher, everything, years)
    tried = suggestions(searcher, terms, filters) if not total else None
    return SearchPage(terms, items, has_next, total, capped, tried)


def snippet(text: str, terms: Sequence[str], width: int = 60) -> SafeString:
    """A short excerpt around the first matching term, every term marked, everything else escaped. Terms are
    found in the folded text (as long as the original), so 聽證 is marked where 听证 was searched."""
    folded = fold(text)
    positions = [p for p in (folded.find(t) for t in terms) if p >= 0]
    start = max(min(positions) - width // 3, 0) if positions else 0
    excerpt = text[start : start + width * 2]
    pattern = re.compile("|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True)))
    pieces, last = [], 0
    for match in pattern.finditer(folded[start : start + width * 2]):
        original = excerpt[match.start() : match.end()]
        pieces += [html.escape(excerpt[last : match.start()]), f"<mark>{html.escape(original)}</mark>"]
        last = match.end()
    pieces.append(html.escape(excerpt[last:]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width * 2 < len(text) else ""
    # every piece was escaped above (reviewed: tests/security/test_code_review.py)
    return mark_safe(prefix + "".join(pieces) + suffix)  # nosec B308 B703
