"""Finding offers and needs: one interface over SQLite FTS5 and PostgreSQL full text.

How a query runs, and why:
1. The text is analysed in Python (ressourcebank/search/analysis.py) exactly as the documents were,
   so both databases only ever match ready-made terms. PostgreSQL uses the 'simple' configuration
   on purpose (DESIGN.md mentions 'danish'): a second, database-side stemming would make the two
   databases disagree, and 'simple' does nothing but split on spaces.
2. Entries holding every word (AND) come first. A word matches through its stem, or all its
   compound parts, or, for the last word (which may be half typed), any indexed term that starts
   with it. Filters are tokens in the same indexed text ("c12", "a3"), so text plus filters is one
   index intersection. When no more than a window of entries holds every word, entries holding
   some of the words follow, ranked by how many and which words they hold (_some_words): people
   type "min computer driller", and "driller" must not hide the IT help that "computer" finds.
3. Counting and ranking are separate, because ranking every match of a common word costs hundreds
   of milliseconds at a million rows on either database (so does fts5's bm25(), which reads every
   row of each term). The newest SEARCH_RANK_WINDOW + 1 matches (by entry id, which follows
   publication) are fetched with their terms. If that is all of them, they are the result. If not,
   a second, id-only query counts the matches up to SEARCH_MAX_CANDIDATES + 1 (the count then says
   "more than 1.000": total_is_capped), and the result is the ranked window followed by the
   remaining matches newest first, read id-only with OFFSET; pages stop at the cap.
   The trade-off: for a common word only the newest SEARCH_RANK_WINDOW matches compete on
   relevance; an older, better match shows up after them, in date order. Paging stays consistent
   (the window is the same for every page and the tail is a fixed order), so a page never repeats
   or skips an offer, and the cost of a query no longer grows with the number of matches.
4. The window is ranked in Python with BM25's term-frequency saturation and length
   normalisation, title above description above category words, exact words above prefixes. Among
   entries holding every word there is no IDF (it would only reweigh the words against each
   other); among those holding some, a word few of the matches hold weighs more. Ties go to the
   newest. The ranking is thus identical on both databases.
5. The query plans. SQLite: fts5 walks its doclists newest first and stops at the LIMIT; offers
   are "not needs" (NOT k2) rather than "k1", which would read a posting for every row.
   PostgreSQL: the kind, provider and phone/online are columns (with a partial GIN index per
   provider and for phone/online, so those filters cost nothing). A GIN index yields matches in no
   order, so for a common word the newest rows are walked backwards by primary key instead, and
   each is tested; which of the two is cheaper is decided per query from the lexeme frequencies
   ANALYZE keeps (see "PostgreSQL: walk the newest rows, or read the GIN index" below).
With no words, the filters alone are applied with ordinary indexes, newest first.
"""

import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from ressourcebank.search.analysis import QueryTerm, query_terms
from ressourcebank.search.index import PROVIDER_CODES, REMOTE_TOKEN, area_token, category_token, kind_token
from ressourcebank.search.index import provider_token as _provider_token
from ressourcebank.search.models import SearchEntry
from ressourcebank.taxonomy.cache import taxonomy

MAX_QUERY_LENGTH = 200  # characters of a query: the search form and the API refuse longer
MAX_PREFIX_EXPANSIONS = 16
K1 = 1.2
B = 0.75
AVERAGE_LENGTH = 40.0
TITLE_WEIGHT = 3.0
CATEGORY_WEIGHT = 0.3
PARTS_WEIGHT = 0.8
PREFIX_WEIGHT = 0.5


@dataclass
class SearchResult:
    ids: list[int] = field(default_factory=list)
    total: int = 0
    total_is_capped: bool = False


@dataclass
class _Filters:
    kind: int
    category_id: int | None = None
    area_ids: list[int] | None = None
    provider: str | None = None
    remote: bool | None = None

    def tokens(self) -> list[list[str]]:
        """AND of ORs."""
        groups = [[kind_token(self.kind)]]
        if self.category_id is not None:
            groups.append([category_token(self.category_id)])
        if self.area_ids:
            groups.append([area_token(a) for a in self.area_ids])
        if self.provider:
            groups.append([_provider_token(self.provider)])
        if self.remote:
            groups.append([REMOTE_TOKEN])
        return groups


@dataclass
class _Word:
    """A query word with the concrete alternatives that satisfy it, each with a ranking weight."""

    terms: list[tuple[str, float]]
    parts: tuple[str, ...] = ()
    prefix: str | None = None
    # Only for "any of these words" (_any_of): the other words' compound parts.
    more_parts: tuple[tuple[str, ...], ...] = ()

    def part_groups(self) -> list[tuple[str, ...]]:
        """Each group of compound parts that, all present, satisfies the word."""
        return ([self.parts] if self.parts else []) + list(self.more_parts)


def _any_of(words: list["_Word"]) -> _Word:
    """One word that any of `words` satisfies: the query for counting and paging "some words"."""
    return _Word(
        terms=list(dict.fromkeys(t for w in words for t in w.terms)),
        more_parts=tuple(dict.fromkeys(g for w in words for g in w.part_groups())),
    )


def _cap() -> int:
    return int(getattr(settings, "SEARCH_MAX_CANDIDATES", 1000))


def _window() -> int:
    return int(getattr(settings, "SEARCH_RANK_WINDOW", 200))


def _resolve_filters(
    kind: int, category: str | None, areas: list[str] | None, provider: str | None, remote: bool | None
) -> _Filters | None:
    """The filters as ids; None when a filter names something that does not exist (no results)."""
    filters = _Filters(kind=kind, remote=remote)
    # The categories and areas as held per process (taxonomy.cache), not read per search.
    held = taxonomy()
    if category:
        found = held.category_by_slug.get(category)
        if found is None:
            return None
        filters.category_id = found.pk
    if areas:
        filters.area_ids = sorted({held.area_by_slug[slug].pk for slug in areas if slug in held.area_by_slug})
        if not filters.area_ids:
            return None
    if provider:
        if provider not in PROVIDER_CODES:
            return None
        filters.provider = provider
    return filters


def _expand_prefix(prefix: str) -> list[str]:
    """Indexed terms that start with prefix, shortest first."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT term FROM search_term WHERE term > %s AND term < %s ORDER BY LENGTH(term), term LIMIT %s",
            [prefix, prefix + "\uffff", MAX_PREFIX_EXPANSIONS],
        )
        return [row[0] for row in cursor.fetchall()]


def _words(terms: list[QueryTerm]) -> list[_Word]:
    words = []
    for term in terms:
        alternatives = [(term.stem, 1.0)]
        if term.prefix:
            alternatives += [(t, PREFIX_WEIGHT) for t in _expand_prefix(term.prefix) if t != term.stem]
        words.append(_Word(terms=alternatives, parts=term.parts, prefix=term.prefix))
    return words


# --- The two engines ---------------------------------------------------------------------------


def fts_quote(term: str) -> str:
    """A term as an fts5 string: it can never be read as an operator."""
    return '"' + term.replace('"', "") + '"'


def not_other_kinds() -> str:
    """ "NOT k2 NOT k3 …": an fts5 tail that keeps offers only. Nearly every entry is an offer, so
    "k1" would read a posting per row; the other kinds' tokens read few."""
    return "".join(" NOT " + fts_quote(kind_token(kind)) for kind in SearchEntry.Kind if kind != SearchEntry.Kind.OFFER)


def ts_quote(term: str) -> str:
    """A term as a tsquery lexeme: it can never be read as an operator."""
    return "'" + term.replace("'", "").replace("\\", "") + "'"


def _fts5_query(words: list[_Word], filters: _Filters) -> str:
    groups = []
    for word in words:
        options = [fts_quote(t) for t, _w in word.terms]
        options += ["(" + " AND ".join(fts_quote(p) for p in parts) + ")" for parts in word.part_groups()]
        groups.append("(" + " OR ".join(options) + ")")
    kind, *other_filters = filters.tokens()
    for tokens in other_filters:
        groups.append("(" + " OR ".join(fts_quote(t) for t in tokens) + ")")
    if filters.kind == SearchEntry.Kind.OFFER:
        return " AND ".join(groups) + not_other_kinds()
    return " AND ".join([*groups, "(" + " OR ".join(fts_quote(t) for t in kind) + ")"])


# A word in at least this share of the entries ("hjælp": 60 %) narrows the GIN index's answer
# little but makes it decode a posting for each of them (6 ms at a million entries), so the index
# is asked without it and the rows it returns are tested for it.
GIN_SKIP_SHARE = 0.5


def _tsquery(words: list[_Word], filters: _Filters, *, for_index: bool = False) -> str:
    if for_index and len(words) > 1:
        freqs, floor, _rows = lexeme_frequencies()
        rest = [w for w in words if max(freqs.get(t, floor) for t, _w in w.terms) < GIN_SKIP_SHARE]
        words = rest or words
    groups = []
    for word in words:
        options = [ts_quote(t) for t, _w in word.terms]
        options += ["(" + " & ".join(ts_quote(p) for p in parts) + ")" for parts in word.part_groups()]
        groups.append("(" + " | ".join(options) + ")")
    # The kind, provider and phone/online are columns on PostgreSQL, each GIN index holding one
    # provider's offers or the phone/online ones (migration 0005): as tokens they would make GIN
    # decode a posting for every entry that has them (15-100 % of the table).
    if filters.category_id is not None:
        groups.append(ts_quote(category_token(filters.category_id)))
    if filters.area_ids:
        groups.append("(" + " | ".join(ts_quote(area_token(a)) for a in filters.area_ids) + ")")
    return " & ".join(groups)


def _pg_column_filters(filters: _Filters) -> str:
    """The provider and phone/online filters as conditions on e, written out (no parameters) so
    that the planner sees they imply a partial GIN index's predicate; both are from a fixed set."""
    where = ""
    if filters.provider:
        # _resolve_filters lets only PROVIDER_CODES' names through; anything else matches nothing.
        where += f" AND e.provider = '{filters.provider}'" if filters.provider in PROVIDER_CODES else " AND false"
    if filters.remote:
        where += " AND e.is_remote"
    return where


def _match_sql(words: list[_Word], filters: _Filters) -> tuple[str, list[Any]]:
    """FROM/WHERE selecting the matching entries, alias e, and its parameters."""
    if connection.vendor == "postgresql":
        where = f"e.kind = %s{_pg_column_filters(filters)} AND e.vec @@ to_tsquery('simple', %s)"
        full, indexed = _tsquery(words, filters), _tsquery(words, filters, for_index=True)
        if indexed == full:
            return f"search_entry e WHERE {where}", [filters.kind, full]
        # OFFSET 0 keeps the planner from giving the full query to the GIN index after all.
        return (
            f"(SELECT * FROM search_entry e WHERE {where} OFFSET 0) e WHERE e.vec @@ to_tsquery('simple', %s)",  # noqa: S608
            [filters.kind, indexed, full],
        )
    return "search_fts WHERE search_fts MATCH %s", [_fts5_query(words, filters)]


Row = tuple[int, int, datetime, str]


def _candidates(words: list[_Word], filters: _Filters, limit: int) -> tuple[list[Row], int | None]:
    """(entry id, object id, published_at, terms) of the newest `limit` matches, newest first; and
    how many match in all, when finding them had to count them anyway (else None)."""
    if connection.vendor == "postgresql":
        return _pg_candidates(words, filters, limit)
    match, params = _match_sql(words, filters)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT e.id, e.object_id, e.published_at, e.terms FROM search_entry e WHERE e.id IN"  # noqa: S608
            f" (SELECT rowid FROM {match} ORDER BY rowid DESC LIMIT %s) ORDER BY e.id DESC",
            [*params, limit],
        )
        return cursor.fetchall(), None


def _count_matches(words: list[_Word], filters: _Filters, limit: int, newest: list[Row]) -> int:
    """How many entries match, counting no further than `limit`; ids only, nothing is ranked."""
    if connection.vendor == "postgresql":
        return _pg_count(words, filters, limit, newest)
    match, params = _match_sql(words, filters)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM (SELECT rowid FROM {match} LIMIT %s)", [*params, limit])  # noqa: S608
        return int(cursor.fetchone()[0])


def _newest_ids(
    words: list[_Word], filters: _Filters, limit: int, offset: int, exclude: list[int] | None = None
) -> list[int]:
    """Object ids of the matches from the `offset`-th newest on, newest first, for the results that
    follow the ranked window (only pages past the window ask; PostgreSQL's planner chooses);
    entries `exclude` (the ranked window, when it is not simply the newest matches) left out."""
    match, params = _match_sql(words, filters)
    if exclude:
        if connection.vendor == "postgresql":
            match += " AND NOT (e.id = ANY(%s))"
            params = [*params, exclude]
        else:
            match += " AND rowid NOT IN (SELECT value FROM json_each(%s))"
            params = [*params, json.dumps(exclude)]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT e.object_id FROM {match} ORDER BY e.id DESC LIMIT %s OFFSET %s",  # noqa: S608
                [*params, limit, offset],
            )
        else:
            cursor.execute(
                "SELECT e.object_id FROM search_entry e WHERE e.id IN"  # noqa: S608
                f" (SELECT rowid FROM {match} ORDER BY rowid DESC LIMIT %s OFFSET %s) ORDER BY e.id DESC",
                [*params, limit, offset],
            )
        return [row[0] for row in cursor.fetchall()]


# --- PostgreSQL: walk the newest rows, or read the GIN index ---------------------------------------
#
# A GIN index answers "which rows contain these lexemes" in no particular order: finding the newest
# 200 matches of a common word costs every match (about 0.15 µs each in the index, then each row in
# the heap, then a sort), 100+ ms at a million rows. Walking the primary key backwards and testing
# each row costs about 1 µs a row and stops when it has enough, which wins when matches are dense.
# The planner weighs the same, but estimates a combination of words and filters as if they were
# independent, and a wrong guess walks the whole table. So the choice is made here, from the same
# lexeme frequencies (ANALYZE keeps them for tsvector columns, in pg_stats) with the costs above,
# separately for the window and for the count; a walk is bounded (enough rows for the estimated
# density, twice over), and when the bound is reached without enough matches the GIN index answers,
# counting every match in the same pass. The count's walk goes on below the ranked window.

_STATS_SECONDS = 300.0
_stats: dict[str, Any] = {"at": -_STATS_SECONDS, "freqs": {}, "floor": 0.0, "rows": 0.0}
# Measured at a million entries on the 2-core bench machine (EXPLAIN ANALYZE), with shared_buffers
# large enough to hold the table (4 GB; bench/RESULTS.md). With 128 MB a heap page read from the OS
# cache costs about 10 µs instead, which favours the walk more than these do.
WALK_US_PER_ROW = 1.0
GIN_US_PER_POSTING = 0.35
HEAP_US_PER_MATCH = 3.5  # a heap page (in shared_buffers) read for a match or through a filter's index


@dataclass
class _Estimate:
    rows: float  # entries in the table
    density: float  # share of them that match
    postings: float  # share of them the GIN index reads: the rarest group of alternatives
    # The walk: a filter tested through its own (kind, column, id) index, so that only the rows
    # passing it are walked, and the share of the entries that pass it.
    walk_where: str = ""
    walk_params: list[Any] = field(default_factory=list)
    narrow: float = 1.0

    def walks(self, wanted: int, *, sorts_all: bool) -> bool:
        """Whether walking the newest rows finds `wanted` matches sooner than the GIN index."""
        if self.density <= 0 or self.rows <= 0:
            return False
        # Through a filter's index each row is on a page of its own; the primary key reads ~10 a page.
        per_row = WALK_US_PER_ROW if self.narrow >= 1 else HEAP_US_PER_MATCH
        walk = per_row * min(self.rows * self.narrow, wanted * self.narrow / self.density)
        matches = self.rows * self.density
        gin = GIN_US_PER_POSTING * self.rows * self.postings
        gin += HEAP_US_PER_MATCH * (matches if sorts_all else min(matches, wanted))
        return walk < gin

    def bound(self, wanted: int) -> int:
        """Rows to walk for `wanted` matches, with room for an estimate three times too high."""
        return int(3 * wanted * self.narrow / self.density) + 1


def lexeme_frequencies() -> tuple[dict[str, float], float, float]:
    """Share of entries holding each common lexeme, a share below every listed one, and the number
    of entries; from ANALYZE, read again every few minutes."""
    now = time.monotonic()
    if now - _stats["at"] >= _STATS_SECONDS:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs, c.reltuples"
                " FROM pg_stats s JOIN pg_class c ON c.relname = s.tablename"
                " AND c.relnamespace = to_regnamespace(s.schemaname)"
                " WHERE s.tablename = 'search_entry' AND s.attname = 'vec' AND s.schemaname = current_schema()"
            )
            row = cursor.fetchone()
        freqs: dict[str, float] = {}
        floor = rows = 0.0
        if row and row[0] and row[1]:
            elems, values, rows = row
            freqs = dict(zip(elems, values[: len(elems)], strict=False))
            floor = float(values[len(elems)]) / 2  # after the elements: min, max, null fraction
        _stats.update(at=now, freqs=freqs, floor=floor, rows=float(rows))
    return _stats["freqs"], _stats["floor"], _stats["rows"]


def _estimate(words: list[_Word], filters: _Filters) -> _Estimate:
    freqs, floor, rows = lexeme_frequencies()
    if not freqs or filters.kind != SearchEntry.Kind.OFFER:
        # No statistics yet, or needs: few beside the offers, so walking past every offer to find
        # them would not pay.
        return _Estimate(rows=0, density=0, postings=0)

    def share(term: str) -> float:
        return float(freqs.get(term, floor))

    # A word matches when any alternative does; the alternatives mostly come together (a compound
    # is indexed with its parts, a synonym beside its word), so a word is as dense as its densest
    # alternative, while the GIN index reads them all. The words of a phrase come together too
    # ("samtalegruppe om sorg"), and so do words and their category, so those give the density of
    # their rarest; areas, provider and phone/online are independent of the words and multiply.
    # When the estimate is too high, a walk stops at its bound and the GIN index answers.
    groups: list[list[float]] = []
    for word in words:
        alternatives = [share(t) for t, _w in word.terms]
        alternatives += [math.prod(share(p) for p in parts) for parts in word.part_groups()]
        groups.append(alternatives)
    if filters.category_id is not None:
        groups.append([share(category_token(filters.category_id))])
    density = min(max(g) for g in groups)
    read = min(min(1.0, sum(g)) for g in groups)
    if filters.area_ids:
        areas = min(1.0, sum(share(area_token(a)) for a in filters.area_ids))
        density *= areas
        read = min(read, areas)
    # Provider and phone/online each have a GIN index of their own offers: the words' postings are
    # read from it alone.
    column_shares = []
    if filters.provider:
        column_shares.append(share(_provider_token(filters.provider)))
    if filters.remote:
        column_shares.append(share(REMOTE_TOKEN))
    if column_shares:
        density *= math.prod(column_shares)
        read *= min(column_shares)
    estimate = _Estimate(rows=rows, density=density, postings=read)
    # The narrowest filter with an index of its own (migration 0004) narrows the walk, when it
    # leaves few enough rows to pay for reading a page for each.
    walk_filters: list[tuple[float, str, list[Any]]] = []
    if filters.category_id is not None:
        walk_filters.append(
            (share(category_token(filters.category_id)), " AND category_id = %s", [filters.category_id])
        )
    if filters.area_ids and len(filters.area_ids) == 1:
        walk_filters.append((share(area_token(filters.area_ids[0])), " AND area_id = %s", [filters.area_ids[0]]))
    if filters.category_id is not None and filters.area_ids and len(filters.area_ids) == 1:
        # Both through one (kind, category_id, area_id, id) index (migration 0007): through either
        # alone, most of the rows read were in another area or category (a page each for nothing).
        walk_filters.append(
            (
                share(category_token(filters.category_id)) * share(area_token(filters.area_ids[0])),
                " AND category_id = %s AND area_id = %s",
                [filters.category_id, filters.area_ids[0]],
            )
        )
    if walk_filters:
        narrow, where, params = min(walk_filters, key=lambda f: f[0])
        if 0 < narrow < WALK_US_PER_ROW / HEAP_US_PER_MATCH:
            estimate.narrow, estimate.walk_where, estimate.walk_params = narrow, where, params
    return estimate


def _walk_sql(
    select: str,
    words: list[_Word],
    filters: _Filters,
    estimate: _Estimate,
    wanted: int,
    below: int | None = None,
    *,
    whole: bool = False,
) -> tuple[str, list[Any]]:
    """The newest rows of this kind (that pass the walk's filter), older than entry `below` if
    given, at most a bound (with `whole`, every row that passes the filter), as e, tested one by
    one."""
    older = " AND id < %s" if below is not None else ""
    return (
        f"SELECT {select} FROM (SELECT id, object_id, published_at, terms, vec, provider, is_remote"  # noqa: S608
        f" FROM search_entry WHERE kind = %s{estimate.walk_where}{older} ORDER BY id DESC LIMIT %s) e"
        f" WHERE e.vec @@ to_tsquery('simple', %s){_pg_column_filters(filters)}",
        [
            filters.kind,
            *estimate.walk_params,
            *([below] if below is not None else []),
            SMALL_SUBSET + 1 if whole else estimate.bound(wanted),
            _tsquery(words, filters),
        ],
    )


# A filter's rows (one category in one area, say) that are few enough to walk all of them: fewer
# than this cost at most ~20 ms through their index, less than the GIN index needs to decode the
# postings of the filter tokens. Then the walk's answer is exact, and no GIN pass follows it.
SMALL_SUBSET = 6000


def _small_subset(filters: _Filters, estimate: _Estimate) -> bool:
    """Whether the rows the walk's filter leaves are at most SMALL_SUBSET (an index-only count)."""
    if estimate.narrow >= 1:
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM search_entry WHERE kind = %s{estimate.walk_where} LIMIT %s) s",  # noqa: S608
            [filters.kind, *estimate.walk_params, SMALL_SUBSET + 1],
        )
        return int(cursor.fetchone()[0]) <= SMALL_SUBSET


def _with_index_only(sql: str, params: list[Any]) -> Any:
    """Runs sql with the GIN index (a bitmap scan) as the only way in, and returns the rows."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off")
        try:
            cursor.execute(sql, params)
            return cursor.fetchall()
        finally:
            # SET LOCAL lasts to the end of the outermost transaction, which may be the caller's.
            cursor.execute("RESET enable_seqscan; RESET enable_indexscan")


def _pg_candidates(words: list[_Word], filters: _Filters, limit: int) -> tuple[list[Row], int | None]:
    columns = "e.id, e.object_id, e.published_at, e.terms"
    estimate = _estimate(words, filters)
    if estimate.narrow < 1 and estimate.rows * estimate.narrow <= SMALL_SUBSET and _small_subset(filters, estimate):
        # Few rows pass the filter: walk them all, and the answer is exact (count included).
        sql, params = _walk_sql(columns, words, filters, estimate, limit, whole=True)
        with connection.cursor() as cursor:
            cursor.execute(sql + " ORDER BY e.id DESC LIMIT %s", [*params, limit])
            rows = cursor.fetchall()
        return rows, (len(rows) if len(rows) < limit else None)
    if estimate.walks(limit, sorts_all=True):
        sql, params = _walk_sql(columns, words, filters, estimate, limit)
        with connection.cursor() as cursor:
            cursor.execute(sql + " ORDER BY e.id DESC LIMIT %s", [*params, limit])
            rows = cursor.fetchall()
        if len(rows) >= limit:
            return rows, None
        # The walk read its bound without enough matches: they are sparser than estimated. If what
        # it found says walking on is still cheaper than reading every match, walk on below them.
        if rows:
            estimate.density = len(rows) * estimate.narrow / estimate.bound(limit)
            wanted = limit - len(rows)
            if estimate.walks(wanted, sorts_all=True):
                sql, params = _walk_sql(columns, words, filters, estimate, wanted, below=rows[-1][0])
                with connection.cursor() as cursor:
                    cursor.execute(sql + " ORDER BY e.id DESC LIMIT %s", [*params, wanted])
                    more = cursor.fetchall()
                if len(more) >= wanted:
                    return rows + more, None
    # The GIN index yields the matches unordered, so every match is read and sorted. (Asking only
    # for the newest id range does not help: the planner, trusting its low estimate of the matches,
    # applies the range as a filter after reading every match's row, not as a bitmap beside it.)
    match, params = _match_sql(words, filters)
    # Every match is read here anyway, so they are counted in the same pass.
    counted = _with_index_only(
        f"SELECT {columns}, count(*) OVER () FROM {match} ORDER BY e.id DESC LIMIT %s",  # noqa: S608
        [*params, limit],
    )
    return [row[:4] for row in counted], (int(counted[0][4]) if counted else 0)


# How many times the cap both estimates must reach before the count is skipped: the newest matches
# may be denser than the older ones (a word that became common lately), the statistics may be a
# little stale, and a wrong "more than 1.000" only leaves the last pages of a long list short.
COUNT_MARGIN = 4


def _pg_count(words: list[_Word], filters: _Filters, limit: int, newest: list[Row]) -> int:
    """`newest` are the newest matches, already fetched: how densely they lie among the newest
    entries says more about walking on than the statistics do."""
    estimate = _estimate(words, filters)
    in_table = estimate.density * estimate.rows
    if len(newest) > 1 and newest[0][0] > newest[-1][0]:
        estimate.density = (len(newest) - 1) / (newest[0][0] - newest[-1][0])
        # Counting to the cap is the dearest part of a common word with filters (a walk of 50,000+
        # rows or every posting in the GIN index), and the answer is only "more than 1.000". When
        # both the statistics of the whole table and the density of the newest matches say there
        # are several times that many, it is said without counting.
        if min(in_table, estimate.density * estimate.rows) >= COUNT_MARGIN * limit:
            return limit
    # They are all the matches from the oldest of them on, so a walk goes on below it.
    wanted = limit - len(newest)
    if newest and wanted > 0 and estimate.walks(wanted, sorts_all=False):
        sql, params = _walk_sql("1", words, filters, estimate, wanted, below=newest[-1][0])
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM ({sql} LIMIT %s) AS matches", [*params, wanted])  # noqa: S608
            found = int(cursor.fetchone()[0])
        if found >= wanted:
            return len(newest) + found
    if newest and wanted > 0 and _small_subset(filters, estimate):
        sql, params = _walk_sql("1", words, filters, estimate, wanted, below=newest[-1][0], whole=True)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM ({sql} LIMIT %s) AS matches", [*params, wanted])  # noqa: S608
            return len(newest) + int(cursor.fetchone()[0])
    match, params = _match_sql(words, filters)
    rows = _with_index_only(f"SELECT count(*) FROM (SELECT 1 FROM {match} LIMIT %s) AS matches", [*params, limit])  # noqa: S608
    return int(rows[0][0])


# --- Ranking -------------------------------------------------------------------------------------


def _scorer(words: list[_Word]) -> Callable[[str], float]:
    """BM25 without IDF over "filters | title | body | category", as a function of the indexed
    terms. It runs for every ranked candidate, so the needles are built once per query and the
    text is counted in place (the sections' separators give every term a space on both sides)."""
    needles = [
        (" " + word.terms[0][0] + " ", " " + word.prefix if word.prefix else None, [" " + p + " " for p in word.parts])
        for word in words
    ]
    norm_base, norm_length = K1 * (1 - B), K1 * B / AVERAGE_LENGTH / 7

    def count(text: str, exact: str, prefix: str | None, parts: list[str], start: int, end: int) -> float:
        hits = text.count(exact, start, end)
        tf = float(hits)
        if prefix:
            # One count covers every expansion: the terms that start with the prefix.
            tf += (text.count(prefix, start, end) - hits) * PREFIX_WEIGHT
        if parts:
            tf += min(text.count(p, start, end) for p in parts) * PARTS_WEIGHT
        return tf

    def score(terms: str) -> float:
        text = terms + " "
        title_start = text.find(" | ") + 1
        body_start = text.find(" | ", title_start + 1) + 1
        category_start = text.find(" | ", body_start + 1) + 1
        if not (0 < title_start < body_start < category_start):
            return 0.0
        # Lengths in terms, estimated from characters (about 7 a term): counting is dearer.
        title_norm = norm_base + norm_length * (body_start - title_start)
        body_norm = norm_base + norm_length * (category_start - body_start)
        end = len(text)
        total = 0.0
        for exact, prefix, parts in needles:
            tf = count(text, exact, prefix, parts, title_start, body_start)
            if tf > 0:
                total += TITLE_WEIGHT * tf * (K1 + 1) / (tf + title_norm)
            tf = count(text, exact, prefix, parts, body_start, category_start)
            if tf > 0:
                total += tf * (K1 + 1) / (tf + body_norm)
            tf = count(text, exact, prefix, parts, category_start, end)
            if tf > 0:
                total += CATEGORY_WEIGHT * min(tf, 1.0)
        return total

    return score


def _rank(rows: list[Row], words: list[_Word]) -> list[Row]:
    """Best first; ties to the newest."""
    score = _scorer(words)
    return sorted(rows, key=lambda r: (score(r[3]), r[2], r[0]), reverse=True)


# --- The interface ------------------------------------------------------------------------------


def _browse(filters: _Filters, limit: int, offset: int) -> SearchResult:
    rows = SearchEntry.objects.filter(kind=filters.kind)
    if filters.category_id is not None:
        rows = rows.filter(category_id=filters.category_id)
    if filters.area_ids:
        rows = rows.filter(area_id__in=filters.area_ids)
    if filters.provider:
        rows = rows.filter(provider=filters.provider)
    if filters.remote:
        rows = rows.filter(is_remote=True)
    cap = _cap()
    total = rows[: cap + 1].count()
    ids = list(rows.order_by("-published_at", "-id").values_list("object_id", flat=True)[offset : offset + limit])
    return SearchResult(ids=ids, total=min(total, cap), total_is_capped=total > cap)


def _search(
    kind: int,
    q: str,
    *,
    category: str | None,
    areas: list[str] | None,
    provider: str | None,
    remote: bool | None,
    limit: int,
    offset: int,
) -> SearchResult:
    limit, offset = max(0, limit), max(0, offset)
    filters = _resolve_filters(kind, category, areas, provider, remote)
    if filters is None:
        return SearchResult()
    terms = query_terms(q or "")
    if not terms:
        return _browse(filters, limit, offset)
    words = _words(terms)
    cap = _cap()
    window = max(1, min(_window(), cap))
    rows, counted = _candidates(words, filters, window + 1)
    if len(rows) <= window and len(words) > 1:
        return _some_words(words, filters, rows, window=window, limit=limit, offset=offset)
    if len(rows) <= window:
        ranked = _rank(rows, words)
        return SearchResult(ids=[r[1] for r in ranked[offset : offset + limit]], total=len(rows))
    if counted is None:
        counted = _count_matches(words, filters, cap + 1, rows)
    total = max(counted, window + 1)
    capped = total > cap
    total = min(total, cap)
    ids: list[int] = []
    if offset < window:
        ranked = _rank(rows[:window], words)
        ids = [r[1] for r in ranked[offset : offset + limit]]
    tail_start, tail_end = max(offset, window), min(offset + limit, total)
    if tail_end > tail_start:
        ids += _newest_ids(words, filters, tail_end - tail_start, tail_start)
    return SearchResult(ids=ids, total=total, total_is_capped=capped)


def _some_words(
    words: list[_Word], filters: _Filters, every: list[Row], *, window: int, limit: int, offset: int
) -> SearchResult:
    """A query of several words with no more than a window of entries holding every word (`every`,
    all of them): entries holding only some of the words follow them, ranked by how many words they
    hold, then by which (a word that few of the ranked entries hold weighs more), then as usual.

    The ranked window is `every` plus the newest window of entries holding any of the words: one
    more query of the same kind as a single word's, so the latency design holds (and a word that
    is everywhere decides the window as it would alone). If there are more, they are counted to
    the cap and follow newest first with the window left out, so pages never repeat or skip. With
    more than a window of entries holding every word, every word stays required: those fill the
    ranked window anyway."""
    any_word = [_any_of(words)]
    newest, counted = _candidates(any_word, filters, window + 1)
    complete = len(newest) <= window
    newest = newest[:window]
    found: dict[int, Row] = {row[0]: row for row in newest}
    found.update((row[0], row) for row in every)
    everyone = {row[0] for row in every}
    scorers = [_scorer([word]) for word in words]
    scores = {pk: [score(row[3]) for score in scorers] for pk, row in found.items()}
    held = [sum(1 for s in scores.values() if s[i] > 0) for i in range(len(words))]
    weights = [math.log(1 + (len(found) + 1) / count) if count else 0.0 for count in held]

    def key(row: Row) -> tuple[int, float, datetime, int]:
        mine = scores[row[0]]
        if row[0] in everyone:
            return len(words), sum(mine), row[2], row[0]
        matched = min(sum(1 for x in mine if x > 0), len(words) - 1)
        return matched, sum(w * x for w, x in zip(weights, mine, strict=True)), row[2], row[0]

    ranked = sorted(found.values(), key=key, reverse=True)
    if complete:
        return SearchResult(ids=[r[1] for r in ranked[offset : offset + limit]], total=len(ranked))
    cap = _cap()
    if counted is None:
        counted = _count_matches(any_word, filters, cap + 1, newest)
    total = max(counted, len(ranked))
    capped = total > cap
    total = min(total, cap)
    ranked = ranked[:total]
    ids = [r[1] for r in ranked[offset : offset + limit]]
    tail_start, tail_end = max(offset, len(ranked)), min(offset + limit, total)
    if tail_end > tail_start:
        ids += _newest_ids(
            any_word, filters, tail_end - tail_start, tail_start - len(ranked), exclude=[r[0] for r in ranked]
        )
    return SearchResult(ids=ids, total=total, total_is_capped=capped)


def search_offers(
    q: str = "",
    *,
    category: str | None = None,
    areas: list[str] | None = None,
    provider: str | None = None,
    remote: bool | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchResult:
    """Public offers matching q and the filters: by relevance with q, newest first without."""
    return _search(
        SearchEntry.Kind.OFFER,
        q,
        category=category,
        areas=areas,
        provider=provider,
        remote=remote,
        limit=limit,
        offset=offset,
    )


def search_needs(
    q: str = "",
    *,
    category: str | None = None,
    areas: list[str] | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchResult:
    """Public, open needs matching q and the filters: by relevance with q, newest first without."""
    return _search(
        SearchEntry.Kind.NEED,
        q,
        category=category,
        areas=areas,
        provider=None,
        remote=None,
        limit=limit,
        offset=offset,
    )


def search_activities(
    q: str = "",
    *,
    areas: list[str] | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchResult:
    """Public activities matching q, shown beside the offers of a search: by relevance with q,
    newest first without."""
    return _search(
        SearchEntry.Kind.ACTIVITY,
        q,
        category=None,
        areas=areas,
        provider=None,
        remote=None,
        limit=limit,
        offset=offset,
    )
