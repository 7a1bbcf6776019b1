"""Who may see and change an offer. Views and templates ask here; they never decide themselves."""

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from ressourcebank.accounts.models import Organisation, User

from .models import Offer

AnyUser = User | AnonymousUser


def is_member_of(user: AnyUser, organisation: Organisation | None) -> bool:
    if organisation is None or not user.is_authenticated:
        return False
    return organisation.memberships.filter(user=user).exists()


def can_edit_offer(user: AnyUser, offer: Offer) -> bool:
    """The owner, a member of the offering organisation, or municipal staff."""
    if not user.is_authenticated:
        return False
    if user.is_municipal_staff:  # type: ignore[union-attr]
        return True
    if offer.organisation_id:
        return is_member_of(user, offer.organisation)
    return offer.owner_id == user.pk


def can_view_offer(user: AnyUser, offer: Offer) -> bool:
    return offer.is_public or can_edit_offer(user, offer)


def can_moderate_offers(user: AnyUser) -> bool:
    return user.is_authenticated and user.is_municipal_staff  # type: ignore[union-attr]


def can_record_child_check(user: AnyUser, offer: Offer) -> bool:
    """The organisation obtains the børneattest; for a citizen's own offer, staff record it."""
    if not user.is_authenticated or not offer.has_child_contact:
        return False
    if user.is_municipal_staff:  # type: ignore[union-attr]
        return True
    return offer.organisation_id is not None and is_member_of(user, offer.organisation)


def get_offer_for_viewer(user: AnyUser, pk: int) -> Offer:
    """An offer the user may see; 404 for everyone else, so hidden offers do not reveal they exist."""
    offer = Offer.objects.select_related("category", "area", "organisation", "owner").filter(pk=pk).first()
    if offer is None or not can_view_offer(user, offer):
        raise Http404
    return offer


def get_offer_for_editor(user: AnyUser, pk: int) -> Offer:
    offer = Offer.objects.select_related("category", "area", "organisation", "owner").filter(pk=pk).first()
    if offer is None or not can_edit_offer(user, offer):
        raise Http404
    return offer
