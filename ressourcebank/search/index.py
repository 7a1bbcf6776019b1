"""Keeping the search index in step with offers and needs.

Only what the public may see is indexed: published offers (from approved organisations) and public,
open needs. `index_offers(ids)` (re)indexes the given offers and removes those that are no longer
public; actions call it inside their own transaction, imports call it with many ids at once, so it
works in chunks with a handful of queries per chunk and never one per row.
"""

from collections.abc import Callable, Iterable, Iterator
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


def _write(kind: int, ids: list[int], rows: list[tuple[Any, ...]], known_terms: set[str]) -> None:
    """Replaces the entries of these objects with rows; raw executemany, as the ORM's per-object
    work would dominate a bulk load."""
    SearchEntry.objects.filter(kind=kind, object_id__in=ids).delete()
    insert_entries(rows, known_terms)


def insert_entries(rows: list[tuple[Any, ...]], known_terms: set[str]) -> None:
    """Adds entries (kind, object_id, terms, published_at, category_id, area_id, provider, is_remote)
    for objects that have none yet, and their new terms to the term list; `known_terms` is the
    caller's memory of terms already written, so a bulk load sends each term once."""
    if not rows:
        return
    ops = connection.ops
    with connection.cursor() as cursor:
        # Multi-row INSERTs (100 rows stay under SQLite's 999 parameters): a round trip per row
        # would dominate a bulk load on PostgreSQL.
        for i in range(0, len(rows), 100):
            part = rows[i : i + 100]
            cursor.execute(
                "INSERT INTO search_entry"  # noqa: S608 - placeholders only
                " (kind, object_id, terms, published_at, category_id, area_id, provider, is_remote) VALUES "
                + ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s)"] * len(part)),
                [v for row in part for v in (*row[:3], ops.adapt_datetimefield_value(row[3]), *row[4:])],
            )
        vocabulary: set[str] = set()
        for row in rows:
            for part in row[2].split(" | ")[1:]:
                vocabulary.update(part.split())
        new_terms = sorted(t for t in vocabulary - known_terms if len(t) <= 50)
        if new_terms:
            cursor.executemany(
                "INSERT INTO search_term (term) VALUES (%s) ON CONFLICT DO NOTHING", [(t,) for t in new_terms]
            )
        known_terms.update(new_terms)


def _index(
    kind: int, ids: Iterable[int], fetch: Callable[[list[int]], Iterable[dict[str, Any]]], progress: Any = None
) -> None:
    category_terms = _category_terms()
    known_terms: set[str] = set()
    done = 0
    for chunk in _chunks(ids):
        with transaction.atomic():
            rows = sorted(fetch(chunk), key=lambda r: (r["published_at"], r["id"]))
            entries = [
                (
                    kind,
                    row["id"],
                    build_terms(
                        kind=kind,
                        title=row["title"],
                        body=row["body"],
                        category_id=row["category_id"],
                        area_id=row["area_id"],
                        provider=row["provider"],
                        is_remote=row["is_remote"],
                        category_terms=category_terms.get(row["category_id"], ""),
                    ),
                    row["published_at"],
                    row["category_id"],
                    row["area_id"],
                    row["provider"],
                    row["is_remote"],
                )
                for row in rows
            ]
            _write(kind, chunk, entries, known_terms)
        done += len(chunk)
        if progress:
            progress(done)


def _fetch_offers(ids: list[int]) -> Iterator[dict[str, Any]]:
    rows = Offer.objects.published().filter(pk__in=ids)
    for row in rows.values(
        "id", "title", "description", "availability", "category_id", "area_id", "provider", "is_remote", "published_at"
    ):
        yield {
            **row,
            "body": f"{row['description']} {row['availability']}",
            "published_at": row["published_at"] or _epoch(),
        }


def _fetch_needs(ids: list[int]) -> Iterator[dict[str, Any]]:
    from ressourcebank.needs.models import Need

    for row in (
        Need.objects.public()
        .filter(pk__in=ids)
        .values("id", "title", "description", "category_id", "area_id", "requester", "created_at")
    ):
        yield {
            **row,
            "body": row["description"],
            "provider": row["requester"],
            "is_remote": False,
            "published_at": row["created_at"],
        }


def _epoch() -> Any:
    from datetime import UTC, datetime

    return datetime(2000, 1, 1, tzinfo=UTC)


def index_offers(offer_ids: Iterable[int], *, progress: Callable[[int], None] | None = None) -> None:
    """(Re)indexes these offers; those that are not public (any more) leave the index."""
    _index(SearchEntry.Kind.OFFER, offer_ids, _fetch_offers, progress)


def index_needs(need_ids: Iterable[int], *, progress: Callable[[int], None] | None = None) -> None:
    """(Re)indexes these needs; those that are not public and open (any more) leave the index."""
    _index(SearchEntry.Kind.NEED, need_ids, _fetch_needs, progress)


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
