"""Keeping the search index in step with offers and needs.

Only what the public may see is indexed: published offers (from approved organisations) and public,
open needs. `index_offers(ids)` (re)indexes the given offers and removes those that are no longer
public; actions call it inside their own transaction, imports call it with many ids at once, so it
works in chunks with a handful of queries per chunk and never one per row.
"""

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import islice
from typing import Any

from django.db import connection, transaction

from ressourcebank.offers.models import Offer
from ressourcebank.search.analysis import index_terms
from ressourcebank.search.models import SearchEntry
from ressourcebank.taxonomy.models import Category

CHUNK = 2000

# Filter tokens mix letters and digits, which analysed text never does, so text cannot forge them.
PROVIDER_CODES = {"borger": 1, "virksomhed": 2, "forening": 3}


def kind_token(kind: int) -> str:
    return f"k{kind}"


def category_token(category_id: int) -> str:
    return f"c{category_id}"


def area_token(area_id: int) -> str:
    return f"a{area_id}"


def provider_token(provider: str) -> str:
    return f"p{PROVIDER_CODES.get(provider, 9)}"


REMOTE_TOKEN = "r1"  # noqa: S105 - a filter token, not a secret


def _chunks(ids: Iterable[int], size: int = CHUNK) -> Iterator[list[int]]:
    iterator = iter(ids)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _category_terms() -> dict[int, str]:
    return {
        pk: " ".join(index_terms(f"{name} {keywords}"))
        for pk, name, keywords in Category.objects.values_list("pk", "name", "keywords")
    }


def build_terms(
    *,
    kind: int,
    title: str,
    body: str,
    category_id: int | None,
    area_id: int,
    provider: str,
    is_remote: bool,
    category_terms: str,
) -> str:
    """The indexed text: "filter tokens | title terms | body terms | category terms"."""
    return join_terms(
        kind=kind,
        title_terms=" ".join(index_terms(title)),
        body_terms=" ".join(index_terms(body)),
        category_id=category_id,
        area_id=area_id,
        provider=provider,
        is_remote=is_remote,
        category_terms=category_terms,
    )


def join_terms(
    *,
    kind: int,
    title_terms: str,
    body_terms: str,
    category_id: int | None,
    area_id: int,
    provider: str,
    is_remote: bool,
    category_terms: str,
) -> str:
    """build_terms for text already analysed (a bulk generator reuses the terms of its sentences)."""
    filters = [kind_token(kind), area_token(area_id), provider_token(provider)]
    if category_id is not None:
        filters.append(category_token(category_id))
    if is_remote:
        filters.append(REMOTE_TOKEN)
    return " | ".join([" ".join(filters), title_terms, body_terms, category_terms])


def _write(
    kind: int, ids: list[int], rows: list[tuple[Any, ...]], known_terms: set[str], vocabulary: set[str], *, new: bool
) -> None:
    """Replaces the entries of these objects with rows. Objects created in this transaction have no
    entries yet, so their DELETE (an index probe per id) is skipped."""
    if not new:
        SearchEntry.objects.filter(kind=kind, object_id__in=ids).delete()
    insert_entries(rows, known_terms, vocabulary)


def insert_entries(rows: list[tuple[Any, ...]], known_terms: set[str], vocabulary: set[str] | None = None) -> None:
    """Adds entries (kind, object_id, terms, published_at, category_id, area_id, provider, is_remote)
    for objects that have none yet, and their new terms to the term list; `known_terms` is the
    caller's memory of terms already written, so a bulk load sends each term once. A caller that
    already knows the rows' text terms passes them as `vocabulary`, which saves splitting the rows."""
    if not rows:
        return
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        # Multi-row INSERTs (100 rows stay under SQLite's 999 parameters): a round trip per row
        # would dominate a bulk load on PostgreSQL.
        for i in range(0, len(rows), 100):
            part = rows[i : i + 100]
            cursor.execute(
                "INSERT INTO search_entry"  # noqa: S608 - placeholders only
                " (kind, object_id, terms, published_at, category_id, area_id, provider, is_remote) VALUES "
                + ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s)"] * len(part)),
                [v for row in part for v in (*row[:3], adapt(row[3]), *row[4:])],
            )
        if vocabulary is None:
            vocabulary = set()
            for row in rows:
                for part in row[2].split(" | ")[1:]:
                    vocabulary.update(part.split())
        new_terms = sorted(t for t in vocabulary - known_terms if len(t) <= 50)
        if new_terms:
            cursor.executemany(
                "INSERT INTO search_term (term) VALUES (%s) ON CONFLICT DO NOTHING", [(t,) for t in new_terms]
            )
        known_terms.update(new_terms)


@lru_cache(maxsize=20_000)
def _analysed(text: str) -> tuple[str, frozenset[str]]:
    """A text's terms, joined, and the set of them. Imports repeat texts (descriptions, titles), and
    analysis is the largest part of indexing, so each distinct text is analysed once; bounded."""
    terms = index_terms(text)
    return " ".join(terms), frozenset(terms)


def _index(
    kind: int,
    ids: Iterable[int],
    fetch: Callable[[list[int]], Iterable[tuple[Any, ...]]],
    progress: Any = None,
    *,
    new: bool = False,
) -> None:
    category_terms: dict[int, str] = {}
    category_vocabulary: dict[int, frozenset[str]] = {}
    known_terms: set[str] = set()
    done = 0
    for chunk in _chunks(ids):
        if not done:  # read on the first chunk only: nothing to index asks nothing of the database
            category_terms = _category_terms()
            category_vocabulary = {pk: frozenset(terms.split()) for pk, terms in category_terms.items()}
        with transaction.atomic():
            # (id, title, body, category_id, area_id, provider, is_remote, published_at)
            rows = sorted(fetch(chunk), key=lambda r: (r[7], r[0]))
            entries = []
            vocabulary: set[str] = set()
            for object_id, title, body, category_id, area_id, provider, is_remote, published_at in rows:
                title_terms, title_words = _analysed(title)
                body_terms, body_words = _analysed(body)
                vocabulary |= title_words
                vocabulary |= body_words
                if category_id in category_vocabulary:
                    vocabulary |= category_vocabulary[category_id]
                terms = join_terms(
                    kind=kind,
                    title_terms=title_terms,
                    body_terms=body_terms,
                    category_id=category_id,
                    area_id=area_id,
                    provider=provider,
                    is_remote=is_remote,
                    category_terms=category_terms.get(category_id, ""),
                )
                entries.append((kind, object_id, terms, published_at, category_id, area_id, provider, is_remote))
            _write(kind, chunk, entries, known_terms, vocabulary, new=new)
        done += len(chunk)
        if progress:
            progress(done)


def _fetch_offers(ids: list[int]) -> Iterator[tuple[Any, ...]]:
    rows = Offer.objects.published().filter(pk__in=ids)
    for object_id, title, description, availability, *rest, published_at in rows.values_list(
        "id", "title", "description", "availability", "category_id", "area_id", "provider", "is_remote", "published_at"
    ):
        yield (object_id, title, f"{description} {availability}", *rest, published_at or _epoch())


def _fetch_needs(ids: list[int]) -> Iterator[tuple[Any, ...]]:
    from ressourcebank.needs.models import Need

    for object_id, title, description, category_id, area_id, requester, created_at in (
        Need.objects.public()
        .filter(pk__in=ids)
        .values_list("id", "title", "description", "category_id", "area_id", "requester", "created_at")
    ):
        yield (object_id, title, description, category_id, area_id, requester, False, created_at)


def _epoch() -> Any:
    from datetime import UTC, datetime

    return datetime(2000, 1, 1, tzinfo=UTC)


def index_offers(offer_ids: Iterable[int], *, progress: Callable[[int], None] | None = None, new: bool = False) -> None:
    """(Re)indexes these offers; those that are not public (any more) leave the index. `new=True`
    promises that the offers were created in the caller's transaction and have no entries yet."""
    _index(SearchEntry.Kind.OFFER, offer_ids, _fetch_offers, progress, new=new)


def index_needs(need_ids: Iterable[int], *, progress: Callable[[int], None] | None = None, new: bool = False) -> None:
    """(Re)indexes these needs; those that are not public and open (any more) leave the index.
    `new=True` as for index_offers."""
    _index(SearchEntry.Kind.NEED, need_ids, _fetch_needs, progress, new=new)


def optimize() -> None:
    """Compacts the full-text index after a large load, so that queries read fewer segments."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
        elif connection.vendor == "postgresql":
            # Moves the GIN pending list into the index proper (each search reads that list whole).
            cursor.execute("SELECT gin_clean_pending_list('search_entry_vec')")
            cursor.execute("ANALYZE search_entry")
            cursor.execute("ANALYZE search_term")


def rebuild_index(*, progress: Callable[[str, int, int], None] | None = None) -> None:
    """Empties the index and indexes every public offer and need again, oldest first (so that the
    entry order follows publication, which the query path relies on for "newest")."""
    from ressourcebank.needs.models import Need

    SearchEntry.objects.all().delete()
    offer_ids = list(Offer.objects.published().order_by("published_at", "id").values_list("id", flat=True))
    need_ids = list(Need.objects.public().order_by("created_at", "id").values_list("id", flat=True))
    index_offers(offer_ids, progress=(lambda n: progress("offers", n, len(offer_ids))) if progress else None)
    index_needs(need_ids, progress=(lambda n: progress("needs", n, len(need_ids))) if progress else None)
    optimize()
