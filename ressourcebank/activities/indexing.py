"""Activities push their text into the search index beside offers: the source search reads public
activities from (registered in ActivitiesConfig.ready) and `index_activities`, which actions call."""

from collections.abc import Iterable, Iterator
from typing import Any

from ressourcebank.search.index import EPOCH, Source, by_ids, index
from ressourcebank.search.models import SearchEntry

from .models import Activity


def fetch_public_activities(ids: list[int]) -> Iterator[tuple[Any, ...]]:
    where, wanted = by_ids(ids)
    rows = Activity.objects.published().filter(where)
    for object_id, title, description, place, *rest, published_at in rows.values_list(
        "id", "title", "description", "place", "category_id", "area_id", "organiser", "published_at"
    ):
        if wanted is None or object_id in wanted:
            yield (object_id, title, f"{description} {place}", *rest, False, published_at or EPOCH)


def public_activity_ids() -> list[int]:
    return list(Activity.objects.published().order_by("published_at", "id").values_list("id", flat=True))


SOURCE = Source(SearchEntry.Kind.ACTIVITY, "activities", fetch_public_activities, public_activity_ids)


def index_activities(activity_ids: Iterable[int]) -> None:
    """(Re)indexes these activities; those that are not public (any more) leave the index."""
    index(SearchEntry.Kind.ACTIVITY, activity_ids)
