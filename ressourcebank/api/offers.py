"""Offers: public reading and searching; creating and changing one's own with a token."""

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Path, Query, Router

from ressourcebank.accounts.models import Organisation
from ressourcebank.offers.actions import OfferData, archive_offer, create_offer, pause_offer, resume_offer, update_offer
from ressourcebank.offers.models import MAX_CAPACITY, CapacityKind, Offer, offers_in_order
from ressourcebank.offers.permissions import get_offer_for_editor
from ressourcebank.search.query import MAX_QUERY_LENGTH, search_offers

from .auth import TokenRequest, token_auth
from .errors import MAX_ID, area_from_slug, category_from_slug, field_error, query_error
from .schemas import SLUG_MAX, ErrorOut, OfferIn, OfferOut, OfferPage, OfferPatch, OwnOfferOut, ProviderValue

router = Router(tags=["Tilbud"])

MAX_OFFSET = 10_000  # deeper paging is a crawl: narrow the search instead
RELATED = ("category", "area", "organisation", "owner")


def _capacity(kind: str, amount: int | None) -> tuple[str, int | None]:
    if kind == CapacityKind.ONE_OFF:
        return kind, None
    if amount is None:
        raise field_error("capacity_amount", f"Give the number of hours or places (1 to {MAX_CAPACITY}).")
    return kind, amount


@router.get("", response=OfferPage, summary="Søg i offentlige tilbud")
def list_offers(
    request: HttpRequest,
    q: str = Query(
        "", max_length=MAX_QUERY_LENGTH, description="Fritekst på dansk; resultaterne rangeres efter relevans."
    ),
    category: str | None = Query(None, max_length=SLUG_MAX, description="Kategoriens slug."),
    area: str | None = Query(None, max_length=SLUG_MAX, description="Lokalområdets slug: tilbud netop dér."),
    provider: ProviderValue | None = None,
    limit: int = Query(20, ge=1, le=100),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
) -> dict[str, Any]:
    """Offentliggjorte tilbud; med `q` efter relevans, ellers nyeste først."""
    if category:
        category_from_slug(category, error=query_error)
    if area:
        area_from_slug(area, error=query_error)
    result = search_offers(
        q.strip(),
        category=category or None,
        areas=[area] if area else None,
        provider=provider,
        limit=limit,
        offset=offset,
    )
    offers = offers_in_order(result.ids)
    return {
        "count": result.total,
        "count_is_capped": result.total_is_capped,
        "results": [OfferOut.of(offer) for offer in offers],
    }


@router.get("/{offer_id}", response={200: OfferOut, 404: ErrorOut}, summary="Ét offentligt tilbud")
def get_offer(request: HttpRequest, offer_id: int = Path(..., ge=1, le=MAX_ID)) -> dict[str, Any]:
    offer = Offer.objects.published().select_related(*RELATED).filter(pk=offer_id).first()
    if offer is None:
        raise Http404
    return OfferOut.of(offer)


@router.post("", auth=token_auth, response={201: OwnOfferOut}, summary="Opret et tilbud")
def create(request: TokenRequest, payload: OfferIn) -> tuple[int, dict[str, Any]]:
    """Som på siden: en borgers første tilbud venter på godkendelse, et tilbud med fast kontakt med
    børn venter på en børneattest, og en organisations tilbud vises, når organisationen er godkendt."""
    user = request.auth
    organisation = None
    if payload.organisation_id is not None:
        organisation = Organisation.objects.filter(pk=payload.organisation_id, memberships__user=user).first()
        if organisation is None:
            raise field_error("organisation_id", "You are not a member of that organisation.")
    kind, amount = _capacity(payload.capacity_kind, payload.capacity_amount)
    data = OfferData(
        title=payload.title,
        description=payload.description,
        category=category_from_slug(payload.category),
        area=area_from_slug(payload.area),
        capacity_kind=kind,
        capacity_amount=amount,
        availability=payload.availability,
        is_remote=payload.is_remote,
        has_child_contact=payload.has_child_contact,
        organisation=organisation,
    )
    return 201, OwnOfferOut.of(create_offer(data, by=user))


@router.patch("/{offer_id}", auth=token_auth, response={200: OwnOfferOut, 404: ErrorOut}, summary="Ret et tilbud")
def update(request: TokenRequest, payload: OfferPatch, offer_id: int = Path(..., ge=1, le=MAX_ID)) -> dict[str, Any]:
    """Kun de felter, der sendes, ændres."""
    user = request.auth
    offer = get_offer_for_editor(user, offer_id)
    given = payload.model_dump(exclude_unset=True)
    for name, value in given.items():
        if value is None and name != "capacity_amount":
            raise field_error(name, "May not be null.")
    kind, amount = _capacity(
        given.get("capacity_kind", offer.capacity_kind), given.get("capacity_amount", offer.capacity_amount)
    )
    data = OfferData(
        title=given.get("title", offer.title),
        description=given.get("description", offer.description),
        category=category_from_slug(given["category"]) if "category" in given else offer.category,
        area=area_from_slug(given["area"]) if "area" in given else offer.area,
        capacity_kind=kind,
        capacity_amount=amount,
        availability=given.get("availability", offer.availability),
        is_remote=given.get("is_remote", offer.is_remote),
        has_child_contact=given.get("has_child_contact", offer.has_child_contact),
        organisation=offer.organisation,
    )
    return OwnOfferOut.of(update_offer(offer, data, by=user))


def _status_endpoint(verb: str, action: Any, summary: str) -> None:
    @router.post(
        f"/{{offer_id}}/{verb}",
        auth=token_auth,
        response={200: OwnOfferOut, 404: ErrorOut},
        summary=summary,
        operation_id=f"{verb}_offer",
    )
    def change(request: TokenRequest, offer_id: int = Path(..., ge=1, le=MAX_ID)) -> dict[str, Any]:
        user = request.auth
        offer = get_offer_for_editor(user, offer_id)
        return OwnOfferOut.of(action(offer, by=user))


_status_endpoint("pause", pause_offer, "Sæt et tilbud på pause")
_status_endpoint("resume", resume_offer, "Genoptag et tilbud")
_status_endpoint("archive", archive_offer, "Arkivér et tilbud")
