"""Needs push their text into the search index: the source search reads public, open needs from
(registered in NeedsConfig.ready) and `index_needs`, which actions and imports call."""

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ressourcebank.search.index import Source, by_ids, index
from ressourcebank.search.models import SearchEntry

from .models import Need


def fetch_public_needs(ids: list[int]) -> Iterator[tuple[Any, ...]]:
    where, wanted = by_ids(ids)
    for object_id, title, description, category_id, area_id, requester, created_at in (
        Need.objects.public()
        .filter(where)
        .values_list("id", "title", "description", "category_id", "area_id", "requester", "created_at")
    ):
        if wanted is None or object_id in wanted:
            yield (object_id, title, description, category_id, area_id, requester, False, created_at)


def public_need_ids() -> list[int]:
    return list(Need.objects.public().order_by("created_at", "id").values_list("id", flat=True))


SOURCE = Source(SearchEntry.Kind.NEED, "needs", fetch_public_needs, public_need_ids)


def index_needs(need_ids: Iterable[int], *, progress: Callable[[int], None] | None = None, new: bool = False) -> None:
    """(Re)indexes these needs; those that are not public and open (any more) leave the index.
    `new=True` as for index_offers."""
    index(SearchEntry.Kind.NEED, need_ids, progress=progress, new=new)
