"""Writing offers and needs in the import format, so that an export imports again unchanged.

Rows without a key of their own are written as `rb-offer-<id>` / `rb-need-<id>`; the importer
knows these names, so a re-import updates the same rows (and nothing is written back on export).

A file leaves the site's access control behind, and an imported row is published: so the export
holds what the public sees on the site and nothing more — published offers (of approved
organisations) and open public needs. Offers waiting for approval or a børneattest, rejected,
paused or archived ones, closed needs and needs only staff may see are left out.
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ressourcebank.needs.models import Need
from ressourcebank.offers.models import CapacityKind, Offer

from .formats import write_rows


def export_resources(path: Path) -> int:
    """Writes every public offer and need to path; returns the number of rows."""
    return write_rows(path, _rows())


def _rows() -> Iterator[dict[str, Any]]:
    offers = Offer.objects.published().select_related("category", "area").order_by("pk")
    for offer in offers.iterator(chunk_size=2000):
        yield {
            "key": offer.key or f"rb-offer-{offer.pk}",
            "kind": "offer",
            "title": offer.title,
            "description": offer.description,
            "category": offer.category.slug,
            "area": offer.area.slug,
            "provider": offer.provider,
            "child_contact": offer.has_child_contact,
            "hours_per_month": offer.capacity_amount if offer.capacity_kind == CapacityKind.HOURS_PER_MONTH else None,
        }
    needs = Need.objects.public().select_related("category", "area").order_by("pk")
    for need in needs.iterator(chunk_size=2000):
        yield {
            "key": need.key or f"rb-need-{need.pk}",
            "kind": "need",
            "title": need.title,
            "description": need.description,
            "category": need.category.slug if need.category else None,
            "area": need.area.slug,
            "provider": need.requester,
            "child_contact": need.has_child_contact,
            "hours_per_month": need.hours_per_month,
        }
