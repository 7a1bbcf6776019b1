"""Offers push their text into the search index: the source search reads public offers from
(registered in OffersConfig.ready) and `index_offers`, which actions and imports call."""

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ressourcebank.accounts.models import Organisation
from ressourcebank.search.index import EPOCH, Source, by_ids, index
from ressourcebank.search.models import SearchEntry

from .models import Offer


def fetch_public_offers(ids: list[int]) -> Iterator[tuple[Any, ...]]:
    where, wanted = by_ids(ids)
    rows = Offer.objects.published().filter(where)
    for object_id, title, description, availability, *rest, published_at in rows.values_list(
        "id", "title", "description", "availability", "category_id", "area_id", "provider", "is_remote", "published_at"
    ):
        if wanted is None or object_id in wanted:
            yield (object_id, title, f"{description} {availability}", *rest, published_at or EPOCH)


def public_offer_ids() -> list[int]:
    return list(Offer.objects.published().order_by("published_at", "id").values_list("id", flat=True))


SOURCE = Source(SearchEntry.Kind.OFFER, "offers", fetch_public_offers, public_offer_ids)


def index_offers(offer_ids: Iterable[int], *, progress: Callable[[int], None] | None = None, new: bool = False) -> None:
    """(Re)indexes these offers; those that are not public (any more) leave the index. `new=True`
    promises that the offers were created in the caller's transaction and have no entries yet."""
    index(SearchEntry.Kind.OFFER, offer_ids, progress=progress, new=new)


def reindex_organisation_offers(organisation: Organisation) -> None:
    """An organisation was approved or rejected: its published offers appear or leave."""
    index_offers(list(organisation.offers.values_list("pk", flat=True)))
