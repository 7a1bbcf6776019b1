"""Candidates for an app that ranks offers its own way (matching): the newest public offers that
hold a word, or that lie in a category, read from the index as they were indexed.

Search's own query path (query.py) wants every word of a query and ranks a window of matches; a
caller with a ranking of its own asks here instead. The index's layout — the filter tokens, the
kind numbers, the "filters | title | body | category" text and the two databases' query
languages — is known to search alone, so a change to it is made here and nowhere else.

Each query is bounded by `limit` and walks the index newest first, so its cost does not grow with
the number of offers.
"""

import math
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import connection
from django.utils import timezone

from ressourcebank.search.index import REMOTE_TOKEN, area_token, own_terms
from ressourcebank.search.models import SearchEntry
from ressourcebank.search.query import fts_quote, lexeme_frequencies, not_other_kinds, ts_quote

# A word in more entries than this share is found fastest on PostgreSQL by walking the newest
# entries; a rarer one by reading its matches from the GIN index first.
COMMON_SHARE = 0.005

_COLUMNS = "e.object_id, e.terms, e.published_at, e.category_id, e.area_id, e.is_remote"


@dataclass(frozen=True, slots=True)
class IndexedOffer:
    """A public offer as the index holds it: its own analysed words, title and description apart
    (space-separated terms), and what it can be filtered by."""

    object_id: int
    title_terms: str
    body_terms: str
    published_at: datetime
    category_id: int | None
    area_id: int
    is_remote: bool


def _offers(rows: list[tuple[Any, ...]]) -> list[IndexedOffer]:
    found = []
    for object_id, terms, published_at, category_id, area_id, is_remote in rows:
        if isinstance(published_at, str):  # SQLite through a raw cursor
            published_at = datetime.fromisoformat(published_at)
        if timezone.is_naive(published_at):
            published_at = timezone.make_aware(published_at, UTC)
        title, body = own_terms(terms)
        found.append(IndexedOffer(object_id, title, body, published_at, category_id, area_id, bool(is_remote)))
    return found


def newest_offers_with_word(
    terms: Collection[str], parts: Sequence[str] = (), *, near: Sequence[int] | None = None, limit: int
) -> list[IndexedOffer]:
    """The newest `limit` public offers holding any of `terms` or all of `parts` (a compound's
    parts), as analysed terms; with `near` (area ids), only those in one of the areas or given by
    phone or online. In no particular order."""
    if connection.vendor == "postgresql":
        return _offers(_word_rows_postgresql(terms, parts, near, limit))
    options = [fts_quote(t) for t in terms]
    if parts:
        options.append("(" + " AND ".join(fts_quote(p) for p in parts) + ")")
    query = "(" + " OR ".join(options) + ")"
    if near is not None:
        query += " AND (" + " OR ".join(fts_quote(t) for t in [*(area_token(a) for a in near), REMOTE_TOKEN]) + ")"
    # fts5 walks the doclists newest first and stops at the limit, also for the area tokens;
    # "not another kind" reads few postings where "an offer" would read one per entry.
    query += not_other_kinds()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {_COLUMNS} FROM search_entry e WHERE e.id IN"  # noqa: S608
            " (SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rowid DESC LIMIT %s)",
            [query, limit],
        )
        return _offers(cursor.fetchall())


def _word_rows_postgresql(
    terms: Collection[str], parts: Sequence[str], near: Sequence[int] | None, limit: int
) -> list[tuple[Any, ...]]:
    """Two plans, chosen here because the planner guesses badly for a term its statistics do not
    list (it walks a million rows newest first looking for a word nobody used): a common word walks
    the newest entries and stops at the limit; a rare one reads its few matches from the GIN index
    first (MATERIALIZED keeps the planner from undoing that)."""
    options = [ts_quote(t) for t in terms]
    if parts:
        options.append("(" + " & ".join(ts_quote(p) for p in parts) + ")")
    query = " | ".join(options)
    common, _floor, _rows = lexeme_frequencies()
    share = sum(common.get(t, 0.0) for t in terms)
    if parts:
        # All the parts together: about as rare as the product of their shares.
        share += math.prod(common.get(p, 0.0) for p in parts)
    where_near = ""
    params: list[Any] = []
    if near is not None:
        where_near = f" AND (e.area_id IN ({', '.join(['%s'] * len(near))}) OR e.is_remote)"
        params = list(near)
    with connection.cursor() as cursor:
        if share >= COMMON_SHARE:
            cursor.execute(
                f"SELECT {_COLUMNS} FROM search_entry e WHERE e.kind = %s"  # noqa: S608
                f" AND e.vec @@ to_tsquery('simple', %s){where_near} ORDER BY e.id DESC LIMIT %s",
                [SearchEntry.Kind.OFFER, query, *params, limit],
            )
        else:
            cursor.execute(
                "WITH m AS MATERIALIZED (SELECT id FROM search_entry WHERE vec @@ to_tsquery('simple', %s))"  # noqa: S608
                f" SELECT {_COLUMNS} FROM search_entry e JOIN m ON m.id = e.id WHERE e.kind = %s{where_near}"
                " ORDER BY e.id DESC LIMIT %s",
                [query, SearchEntry.Kind.OFFER, *params, limit],
            )
        return cursor.fetchall()


def newest_offers_in_category(category_id: int, *, near: Sequence[int] | None = None, limit: int) -> list[IndexedOffer]:
    """The newest `limit` public offers in the category; with `near` (area ids), only those in
    one of the areas or given by phone or online. Newest first."""
    with connection.cursor() as cursor:
        if near is None:
            cursor.execute(
                f"SELECT {_COLUMNS} FROM search_entry e WHERE e.kind = %s AND e.category_id = %s"  # noqa: S608
                " ORDER BY e.published_at DESC LIMIT %s",
                [SearchEntry.Kind.OFFER, category_id, limit],
            )
            return _offers(cursor.fetchall())
        placeholders = ", ".join(["%s"] * len(near))
        cursor.execute(
            f"SELECT {_COLUMNS} FROM search_entry e WHERE e.kind = %s AND e.category_id = %s"  # noqa: S608
            f" AND (e.area_id IN ({placeholders}) OR e.is_remote = %s) ORDER BY e.published_at DESC LIMIT %s",
            [SearchEntry.Kind.OFFER, category_id, *near, True, limit],
        )
        return _offers(cursor.fetchall())


def offer_words() -> Iterator[tuple[int | None, str, str]]:
    """(category id, title terms, body terms) of every indexed offer, streamed: the offers' own
    words, for a model trained on them."""
    rows = SearchEntry.objects.filter(kind=SearchEntry.Kind.OFFER).values_list("category_id", "terms")
    for category_id, terms in rows.iterator(chunk_size=5000):
        yield category_id, *own_terms(terms)


def count_offers(up_to: int) -> int:
    """How many offers are indexed, counting no further than `up_to` (a bounded count: counting a
    million entries would cost more than the caller's whole task)."""
    return SearchEntry.objects.filter(kind=SearchEntry.Kind.OFFER)[:up_to].count()
