"""Chinese full-text search from the database, finding every item that contains what the person typed.

Word segmentation misses words a dictionary splits differently (公开栏), and PostgreSQL's text search
configurations don't segment Chinese at all, so search reads characters, not words (docs/adr/0011):

- each published item has a `SearchEntry` row (disclosure/models/search.py), written in the transaction that
  publishes, revises or withdraws it, so every node finds it the moment that commits and never after;
- the row holds the item's text folded (traditional to simplified, full-width to half-width: chinese.py) and,
  as the index reads them, the pairs of neighbouring characters of its title and of all its text (公开栏 →
  公开, 开栏). Whitespace becomes a separator character and one ends the text, so every character begins a
  pair: a one-character query is the pairs that begin with it;
- an item holding every pair of a term is a candidate; the text itself confirms the term (a substring
  match), so results are exactly the items containing every term: recall 100%, bench/catalogue.py measures it.
  On PostgreSQL the pairs are a `tsvector` under a GIN index; on SQLite an FTS5 table.

Results come newest first (titles holding every term before the rest, when sorting by relevance). A query
first reads the newest PROBE entries (within the filters) and confirms the terms on their text: a common term
fills its page there. When it doesn't, the term is rare (fewer than one in PROBE / page entries has it) and the
index's candidates are few: the index is asked for the query's rarest pairs (by PostgreSQL's statistics), the
candidates confirmed, sorted and counted. Either way a search reads a bounded number of rows however large the
catalogue; counts stop at COUNT_CAP, and a word too common to count cheaply is shown as 至少 the matches seen.
"""

from __future__ import annotations

import html
import operator
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from .chinese import fold
from .models import Attachment, Item, ItemStatus, SearchEntry

MAX_TERMS = 8
PROBE = 1500  # newest entries read first; a term on fewer than 1 in PROBE / page of them is looked up in the index
TITLE_PROBE = 10_000  # newest titles read next, for titles first, before the index is asked for rarer ones
COUNT_CAP = 1000  # past this, "至少 1000 条": counting every match of a common word costs more than the page
SEPARATOR = "\x1f"  # stands for whitespace and ends the text: no query term holds it (terms are cut at it)
WHITESPACE = re.compile(r"\s")

# The index over the pairs, which the model cannot declare for both databases (migration 0015 creates it).
TABLE = SearchEntry._meta.db_table
FTS = "disclosure_searchpairs"
INDEX_SQL = {
    "postgresql": [
        f"CREATE INDEX search_pairs ON {TABLE} USING gin (pairs) WITH (fastupdate = off)",
        f"CREATE INDEX search_title_pairs ON {TABLE} USING gin (title_pairs) WITH (fastupdate = off)",
        # the newest titles read from the index alone, without the rows and their text (_titles)
        f"CREATE INDEX search_newest_titles ON {TABLE} (publication_date DESC, item_id DESC) INCLUDE (title)",
    ],
    "sqlite": [
        f"CREATE VIRTUAL TABLE {FTS} USING fts5(title_pairs, pairs, content='{TABLE}', content_rowid='item_id', "
        "tokenize='ascii', detail='column')",
        f"CREATE TRIGGER {FTS}_insert AFTER INSERT ON {TABLE} BEGIN INSERT INTO {FTS}(rowid, title_pairs, pairs) "  # nosec B608
        "VALUES (new.item_id, new.title_pairs, new.pairs); END",
        f"CREATE TRIGGER {FTS}_delete AFTER DELETE ON {TABLE} BEGIN INSERT INTO {FTS}({FTS}, rowid, title_pairs, "  # nosec B608
        "pairs) VALUES ('delete', old.item_id, old.title_pairs, old.pairs); END",
        f"CREATE TRIGGER {FTS}_update AFTER UPDATE ON {TABLE} BEGIN INSERT INTO {FTS}({FTS}, rowid, title_pairs, "  # nosec B608
        "pairs) VALUES ('delete', old.item_id, old.title_pairs, old.pairs); INSERT INTO "
        f"{FTS}(rowid, title_pairs, pairs) VALUES (new.item_id, new.title_pairs, new.pairs); END",
    ],
}
DROP_SQL = {
    "postgresql": [
        f"DROP INDEX IF EXISTS {name}" for name in ("search_pairs", "search_title_pairs", "search_newest_titles")
    ],
    "sqlite": [f"DROP TRIGGER IF EXISTS {FTS}_{event}" for event in ("insert", "delete", "update")]
    + [f"DROP TABLE IF EXISTS {FTS}"],
}


# -- Writing -------------------------------------------------------------------------------------------


def pairs_of(text: str) -> set[str]:
    """Every pair of neighbouring characters of a folded text; each character begins one (公开栏 → 公开, 开栏,
    栏 and the separator)."""
    clean = WHITESPACE.sub(SEPARATOR, text) + SEPARATOR
    found = set(map(operator.add, clean, clean[1:]))
    found.discard(SEPARATOR * 2)
    return found


# what search reads of an item: plain rows, no model instances (a rebuild reads a million)
INDEXED = ("pk", "organisation_id", "column_id", "topic_id", "publication_date", "genre", "validity", "title",
           "summary", "document_number", "index_number", "body_text")  # fmt: skip
COLUMNS = ("item_id", "organisation_id", "column_id", "topic_id", "genre", "validity", "publication_date", "title",
           "text", "title_pairs", "pairs")  # fmt: skip


def encoded(pair: str) -> str:
    """A pair as an ASCII word for SQLite's FTS5 tokenizer, which would cut punctuation: 公开 → 516cx5f00."""
    return "x".join(f"{ord(c):x}" for c in pair)


def _vector(pairs: set[str]) -> str:
    """The pairs as the column takes them: PostgreSQL's `tsvector` input (each quoted, quotes and backslashes
    doubled, no positions), or SQLite's words."""
    if connection.vendor == "postgresql":
        plain = "' '".join(pairs)
        if "\\" not in plain and plain.count("'") == 2 * len(pairs) - 2:  # no pair to quote (nearly every text)
            return f"'{plain}'" if pairs else ""
        return " ".join("'" + p.replace("\\", "\\\\").replace("'", "''") + "'" for p in pairs)
    return " ".join(map(encoded, pairs))


def _rows(items: Sequence[dict[str, Any]], attachments: Q) -> list[tuple[Any, ...]]:
    """The entries of these items (read as INDEXED), in COLUMNS' order, with the text of their attachments
    (those `attachments` selects): one query."""
    texts: dict[int, list[str]] = defaultdict(list)
    for pk, text in Attachment.objects.filter(attachments).values_list("item_id", "text"):
        texts[pk].append(text)
    as_date = connection.ops.adapt_datefield_value
    rows = []
    for item in items:
        parts = [item["summary"], item["document_number"], item["index_number"] or "", item["body_text"]]
        text = fold("\n".join(t for t in (item["title"], *parts, *texts.get(item["pk"], [])) if t))
        title = text[: len(item["title"])]  # folding keeps every character in its place
        rows.append((item["pk"], item["organisation_id"], item["column_id"], item["topic_id"], item["genre"],
                     item["validity"], as_date(item["publication_date"]), title, text, _vector(pairs_of(title)),
                     _vector(pairs_of(text))))  # fmt: skip
    return rows


def _write(rows: list[tuple[Any, ...]]) -> int:
    """Rows in, past the ORM (a rebuild writes a million): PostgreSQL's COPY, SQLite's executemany."""
    names = ", ".join(COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {TABLE} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        elif rows:
            cursor.executemany(f"INSERT INTO {TABLE} ({names}) VALUES ({', '.join(['%s'] * len(COLUMNS))})", rows)  # nosec B608
    return len(rows)


@transaction.atomic
def index_items(ids: Iterable[int]) -> None:
    """Bring search in line with the database for these items (add, replace or remove): called inside the
    transaction that publishes, revises or withdraws them, so search never disagrees with what is public."""
    ids = list(ids)
    SearchEntry.objects.filter(item_id__in=ids).delete()
    published = Item.objects.filter(pk__in=ids, status=ItemStatus.PUBLISHED).values(*INDEXED)
    _write(_rows(list(published), Q(item_id__in=ids)))


def rebuild(batch: int = 2000, progress: Callable[[int], Any] | None = None) -> int:
    """Every published item's entry written again, in one transaction (search answers from the old entries
    until it commits); the indexes are built once at the end, faster than row by row."""
    vendor = connection.vendor
    with transaction.atomic(), connection.cursor() as cursor:
        for sql in DROP_SQL[vendor]:
            cursor.execute(sql)
        SearchEntry.objects.all().delete()
        if vendor == "postgresql":  # foreign keys checked as rows go in: no queue of them before CREATE INDEX
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            with connection.schema_editor() as editor:
                for index in SearchEntry._meta.indexes:
                    editor.remove_index(SearchEntry, index)
        count = 0
        items = Item.objects.filter(status=ItemStatus.PUBLISHED).order_by("pk").values(*INDEXED)
        chunk: list[dict[str, Any]] = []
        for item in items.iterator(chunk_size=batch):
            chunk.append(item)
            if len(chunk) == batch:
                count += _write(_rows(chunk, Q(item_id__gte=chunk[0]["pk"], item_id__lte=chunk[-1]["pk"])))
                chunk = []
                if progress:
                    progress(count)
        if chunk:
            count += _write(_rows(chunk, Q(item_id__gte=chunk[0]["pk"], item_id__lte=chunk[-1]["pk"])))
        if vendor == "postgresql":
            with connection.schema_editor() as editor:
                for index in SearchEntry._meta.indexes:
                    editor.add_index(SearchEntry, index)
        for sql in INDEX_SQL[vendor]:
            cursor.execute(sql)
        if vendor == "sqlite":
            cursor.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")  # nosec B608
    return count


# -- Querying ------------------------------------------------------------------------------------------


def split_terms(query: str) -> list[str]:
    """The terms as search holds text (folded: simplified, half-width, one kind of bracket, lower case)."""
    return [t for t in re.split(r"\s+", fold(query).strip()) if t][:MAX_TERMS]


def typed_terms(query: str) -> list[str]:
    """The same terms as the person typed them (folding turns no character into whitespace or back)."""
    return [t for t in re.split(r"\s+", query.strip()) if t][:MAX_TERMS]


@dataclass(frozen=True)
class Filters:
    organisation: int | None = None
    column: int | None = None
    topic: int | None = None
    genre: str = ""
    year: int | None = None
    validity: str = ""


NO_FILTERS = Filters()


def _filtered(filters: Filters) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    chosen = {"organisation_id": filters.organisation, "column_id": filters.column, "topic_id": filters.topic,
              "genre": filters.genre, "validity": filters.validity}  # fmt: skip
    for name, value in chosen.items():
        if value:
            clauses.append(f"{name} = %s")
            params.append(value)
    if filters.year:
        clauses.append("publication_date BETWEEN %s AND %s")
        params += [date(filters.year, 1, 1), date(filters.year, 12, 31)]
    return clauses, params


def _contains(field: str, terms: Sequence[str]) -> tuple[str, list[str]]:
    """SQL true when the folded field holds every term, and its parameters."""
    function = "strpos" if connection.vendor == "postgresql" else "instr"
    return " AND ".join([f"{function}({field}, %s) > 0"] * len(terms)), list(terms)


RAREST = 3  # pairs asked of the index: the rarest of the query's (the text confirms every term anyway)
STATS_SECONDS = 600


_stats: dict[str, tuple[float, dict[str, float], float]] = {}  # per process: statistics, not state


def frequencies(field: str) -> tuple[dict[str, float], float]:
    """The share of entries holding each of the commonest pairs, from PostgreSQL's own statistics of the column
    (ANALYZE, which autovacuum runs), and the share below which a pair the statistics do not list lies; read
    again every STATS_SECONDS. Empty before the first ANALYZE, and on SQLite."""
    cached = _stats.get(field)
    if cached is not None and time.monotonic() - cached[0] < STATS_SECONDS:
        return cached[1], cached[2]
    listed: dict[str, float] = {}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
                "WHERE tablename = %s AND attname = %s",
                [TABLE, field],
            )
            row = cursor.fetchone()
        if row and row[0]:
            listed = dict(zip(row[0], row[1], strict=False))
    floor = min(listed.values(), default=0.0)
    _stats[field] = (time.monotonic(), listed, floor)
    return listed, floor


def _rarest(field: str, terms: Sequence[str]) -> list[tuple[str, bool]]:
    """What the index is asked for: (a pair, or a one-character term as a prefix). Every pair of every term when
    nothing is known of their frequencies; else the RAREST rarest, since reading a pair found in half the
    catalogue costs more than confirming the few candidates the rare ones leave."""
    wanted: list[tuple[str, bool]] = []
    for term in terms:
        wanted += [(term, True)] if len(term) == 1 else [(term[i : i + 2], False) for i in range(len(term) - 1)]
    wanted = list(dict.fromkeys(wanted))
    listed, floor = frequencies(field)
    if not listed:
        return wanted
    # a prefix stands for every pair it begins: counted as common, asked only when nothing else is
    share = {w: 1.0 if w[1] else listed.get(w[0], floor / 2) for w in wanted}
    return sorted(wanted, key=share.__getitem__)[:RAREST]


def _pairs_match(field: str, terms: Sequence[str]) -> tuple[str, list[str]]:
    """SQL true for the candidates the index gives: entries holding the rarest pairs of the terms."""
    wanted = _rarest(field, terms)
    if connection.vendor == "postgresql":
        quoted = ("'" + text.replace("\\", "\\\\").replace("'", "''") + "'" + (":*" if prefix else "")
                  for text, prefix in wanted)  # fmt: skip
        return f"{field} @@ %s::tsquery", [" & ".join(quoted)]
    words = (f"{field} : {encoded(text)}{'x*' if prefix else ''}" for text, prefix in wanted)
    return f"item_id IN (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s)", [" AND ".join(words)]  # nosec B608


NEWEST = "ORDER BY publication_date DESC, item_id DESC"


def _probe(terms: Sequence[str], filters: Filters, window: int | None = None) -> tuple[list[tuple[int, bool]], bool]:
    """The matches among the newest PROBE entries within the filters, newest first, each with whether its title
    holds every term; and whether those were all the entries there are."""
    where, params = _filtered(filters)
    in_text, text_params = _contains("text", terms)
    in_title, title_params = _contains("title", terms)
    sql = (  # the titles of the matches alone are read
        f"SELECT item_id, {in_title}, scanned FROM (SELECT item_id, publication_date, title, {in_text} AS hit, "  # nosec B608
        f"count(*) OVER () AS scanned FROM (SELECT item_id, publication_date, title, text FROM {TABLE} "
        f"{'WHERE ' + ' AND '.join(where) if where else ''} {NEWEST} LIMIT %s) newest) probed WHERE hit {NEWEST}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*title_params, *text_params, *params, window or PROBE])
        rows = cursor.fetchall()
    return [(pk, bool(title)) for pk, title, _ in rows], bool(rows) and rows[0][2] < (window or PROBE)


def _titles(terms: Sequence[str], filters: Filters, need: int) -> tuple[list[int], bool]:
    """The newest `need` items whose title holds every term among the newest TITLE_PROBE entries within the
    filters (on PostgreSQL read from an index that holds the titles, not from the rows), and whether those were
    all the entries there are."""
    where, params = _filtered(filters)
    in_title, title_params = _contains("title", terms)
    sql = (
        f"SELECT item_id, scanned FROM (SELECT item_id, publication_date, {in_title} AS hit, count(*) OVER () AS "  # nosec B608
        f"scanned FROM (SELECT item_id, publication_date, title FROM {TABLE} "
        f"{'WHERE ' + ' AND '.join(where) if where else ''} {NEWEST} LIMIT %s) newest) probed WHERE hit {NEWEST} "
        "LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*title_params, *params, TITLE_PROBE, need])
        rows = cursor.fetchall()
    return [pk for pk, _ in rows], bool(rows) and rows[0][1] < TITLE_PROBE


def _looked_up(
    terms: Sequence[str], filters: Filters, *, field: str = "text", not_in_title: bool = False
) -> tuple[str, list[Any]]:
    """The matches through the index, as a query of their ids and dates: the index's candidates within the
    filters, each confirmed by its text."""
    where, params = _filtered(filters)
    pairs, pair_params = _pairs_match("title_pairs" if field == "title" else "pairs", terms)
    found, found_params = _contains(field, terms)
    clauses, values = [pairs, found, *where], [*pair_params, *found_params, *params]
    if not_in_title:
        in_title, title_params = _contains("title", terms)
        clauses.append(f"NOT ({in_title})")
        values += title_params
    return f"SELECT item_id, publication_date FROM {TABLE} WHERE {' AND '.join(clauses)}", values  # nosec B608


def _newest(terms: Sequence[str], filters: Filters, skip: int, take: int, **which: Any) -> tuple[list[int], bool, int]:
    """Ids of the matches through the index from `skip`, newest first, whether there are more, and how many
    match. The matches are gathered before they are sorted, so that no plan walks the whole catalogue by date
    for a rare term (and their number comes with them)."""
    sql, params = _looked_up(terms, filters, **which)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH matches AS MATERIALIZED ({sql}) SELECT item_id, count(*) OVER () FROM matches {NEWEST} "  # nosec B608
            "LIMIT %s OFFSET %s",
            [*params, take + 1, skip],
        )
        rows = cursor.fetchall()
        if not rows and skip:  # past the end: how many there are, all the same
            cursor.execute(f"WITH matches AS MATERIALIZED ({sql}) SELECT count(*) FROM matches", params)  # nosec B608
            return [], False, cursor.fetchone()[0]
    return [pk for pk, _ in rows[:take]], len(rows) > take, rows[0][1] if rows else 0


GLANCE = 500  # newest entries read to tell how often a suggested word occurs
COUNTED_BELOW = 10_000  # candidates the index may give for a count; past it, a page says 至少 what it has seen


def _cheap_to_count(terms: Sequence[str]) -> bool:
    """Whether the index's candidates for the terms are few enough to count them: the rarest pair asked for,
    by the database's statistics, is in fewer than COUNTED_BELOW entries (always, without statistics)."""
    listed, floor = frequencies("pairs")
    if not listed:
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [TABLE])
        entries = max(cursor.fetchone()[0], 0)
    rarest = min((1.0 if prefix else listed.get(pair, floor / 2)) for pair, prefix in _rarest("pairs", terms))
    return rarest * entries < COUNTED_BELOW


def count(terms: Sequence[str], filters: Filters = NO_FILTERS) -> tuple[int, bool]:
    """How many items match, up to COUNT_CAP, and whether there are more."""
    sql, params = _looked_up(terms, filters)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM ({sql} LIMIT %s) capped", [*params, COUNT_CAP + 1])  # stops early  # nosec B608
        (n,) = cursor.fetchone()
    return min(n, COUNT_CAP), n > COUNT_CAP


def matching_ids(query: str, filters: Filters = NO_FILTERS) -> set[int]:
    """The ids of all items that match (for measuring recall)."""
    terms = split_terms(query)
    if not terms:
        return set()
    sql, params = _looked_up(terms, filters)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {pk for pk, _ in cursor.fetchall()}


@dataclass(frozen=True)
class Hit:
    """A result as the page shows it (templates/disclosure/search.html): read as plain values, since twenty
    models with their organisation and column cost more to build than the search."""

    pk: int
    title: str
    text: str  # the summary, then the body: what the excerpt is cut from
    publication_date: date
    index_number: str
    organisation: str
    column: str
    channel: str  # the column's organisation, whose pages show the item

    def get_absolute_url(self) -> str:
        return reverse("disclosure:item", args=[self.channel, self.pk])


SHOWN = ("pk", "title", "summary", "body_text", "publication_date", "index_number", "organisation__name",
         "column__name", "channel__slug")  # fmt: skip


def _excerpt_source(summary: str, body: str) -> str:
    """The summary, then the body; the body alone when it already says the summary (an old catalogue's summary
    is often its first sentence), so that an excerpt never shows a sentence twice."""
    summary = summary.strip()
    return body if not summary or summary in body else f"{summary}\n{body}"


def _hits(ids: Sequence[int]) -> list[Hit]:
    """These items, in this order, those still published."""
    rows = Item.objects.filter(pk__in=ids, status=ItemStatus.PUBLISHED).values_list(*SHOWN)
    found = {pk: Hit(pk, title, _excerpt_source(summary, body), day, number or "", organisation, column, channel)
             for pk, title, summary, body, day, number, organisation, column, channel in rows}  # fmt: skip
    return [found[pk] for pk in ids if pk in found]


@dataclass
class SearchPage:
    terms: list[str]
    items: list[Hit]
    has_next: bool
    total: int = 0  # the matches, exactly, or at least this many when `more`
    more: bool = False
    suggestions: list[tuple[str, int, bool]] | None = None  # when nothing matched: shorter queries that match
    words: list[str] = field(default_factory=list)  # the terms as the person typed them, to say back to them


def _shorter(terms: Sequence[str], words: Sequence[str]) -> list[tuple[str, str]]:
    """What to try when nothing matched, folded and as the person typed it: each term alone, or a long single
    term cut in two."""
    if len(terms) > 1:
        return list(dict.fromkeys(zip(terms, words, strict=True)))
    term, word = terms[0], words[0]
    if len(term) < 4:
        return []
    half = len(term) // 2  # folding keeps every character in its place
    return [(term[:half], word[:half]), (term[half:], word[half:])]


def suggestions(
    terms: Sequence[str], filters: Filters, words: Sequence[str] | None = None
) -> list[tuple[str, int, bool]]:
    """Shorter queries that match, in the person's own characters (乾隆 stays 乾隆, though search folds it),
    each with how many items it finds (exactly, or at least so many)."""
    found = []
    for candidate, typed in _shorter(terms, words or terms):
        if _cheap_to_count([candidate]):
            n, more = count([candidate], filters)
        else:  # a common word: at least what a glance at the newest entries shows
            hits, complete = _probe([candidate], filters, GLANCE)
            n, more = min(len(hits), COUNT_CAP), not complete
        if n:
            found.append((typed, n, more))
    return found


def _page(
    terms: Sequence[str], filters: Filters, sort: str, offset: int, limit: int
) -> tuple[list[int], bool, tuple[int, bool]]:
    """The ids of one page, whether there are more, and the count (exact, or at least this many): from the
    newest entries when they hold enough matches, else through the index, which counts what it gathers."""
    hits, complete = _probe(terms, filters)
    need = offset + limit + 1
    found: int | None = len(hits) if complete or len(hits) > COUNT_CAP else None
    if sort == "date":
        if complete or len(hits) >= need:
            ids, more = [pk for pk, _ in hits[offset : offset + limit]], len(hits) >= need
        else:
            ids, more, found = _newest(terms, filters, offset, limit)
    else:
        titles = [pk for pk, in_title in hits if in_title]
        rest = [pk for pk, in_title in hits if not in_title]
        if complete or len(titles) >= need:
            ids = (titles + rest)[offset:need]
        else:  # titles holding the terms are rarer than the page needs among the newest: further back, then the rest
            titles, all_titles = [], False
            if len(hits) >= need:  # a common word, rarer in titles: the newest titles read cheaply first
                titles, all_titles = _titles(terms, filters, need)
            more_titles, in_titles = len(titles) >= need, len(titles)
            if not all_titles and not more_titles:  # rarer still: the index finds them
                titles, more_titles, in_titles = _newest(terms, filters, 0, need, field="title")
            ids = titles[offset:need]
            skip = max(offset - len(titles), 0)
            take = need - len(titles) - skip
            if not more_titles and take > 0:
                if len(rest) >= skip + take:
                    ids += rest[skip : skip + take]
                else:
                    more_ids, _, elsewhere = _newest(terms, filters, skip, take, not_in_title=True)
                    ids += more_ids
                    found = in_titles + elsewhere
        more = len(ids) >= need - offset
        ids = ids[:limit]
    if found is not None:
        return ids, more, (min(found, COUNT_CAP), found > COUNT_CAP)
    if _cheap_to_count(terms):
        return ids, more, count(terms, filters)
    seen = max(len(hits), offset + len(ids) + more)  # common: at least the matches seen on the way
    return ids, more, (min(seen, COUNT_CAP), True)


def search(
    query: str, *, filters: Filters = NO_FILTERS, sort: str = "relevance", offset: int = 0, limit: int = 20
) -> SearchPage:
    """One page of the items that contain every term. Relevance puts items whose title holds every term
    first; within that, and when sorting by date, newest first."""
    terms = split_terms(query)
    words = typed_terms(query)
    words = words if len(words) == len(terms) else terms
    if not terms:
        return SearchPage(terms, [], False, words=words)
    ids, has_next, (total, capped) = _page(terms, filters, sort, offset, limit)
    items = _hits(ids)
    tried = suggestions(terms, filters, words) if not total else None
    return SearchPage(terms, items, has_next, total, capped, tried, words)


def snippet(text: str, terms: Sequence[str], width: int = 60) -> SafeString:
    """A short excerpt around the first matching term, every term marked, everything else escaped. Terms are
    found in the folded text (as long as the original, folded character by character), so 聽證 is marked where
    听证 was searched; only what lies before the first match and the excerpt are folded (a page shows forty)."""
    raw = [p for p in (text.find(t) for t in terms) if p >= 0]  # an earlier folded match lies before these
    before = fold(text[: min(raw) + max(map(len, terms))] if raw else text)
    positions = [p for p in (before.find(t) for t in terms) if p >= 0]
    start = max(min(positions) - width // 3, 0) if positions else 0
    excerpt = text[start : start + width * 2]
    pattern = re.compile("|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True)))
    pieces, last = [], 0
    for match in pattern.finditer(fold(excerpt)):
        original = excerpt[match.start() : match.end()]
        pieces += [html.escape(excerpt[last : match.start()]), f"<mark>{html.escape(original)}</mark>"]
        last = match.end()
    pieces.append(html.escape(excerpt[last:]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width * 2 < len(text) else ""
    # every piece was escaped above (reviewed: tests/security/test_code_review.py)
    return mark_safe(prefix + "".join(pieces) + suffix)  # nosec B308 B703
