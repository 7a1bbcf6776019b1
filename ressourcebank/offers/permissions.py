"""Who may see and change an offer. Views and templates ask here; they never decide themselves."""

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from ressourcebank.accounts.models import Membership, User
from ressourcebank.accounts.permissions import is_member, is_municipal_staff

from .models import Offer

AnyUser = User | AnonymousUser


def is_provider_of(user: AnyUser, offer: Offer) -> bool:
    """The offer's owner, or a member of the organisation that offers it."""
    if not user.is_authenticated:
        return False
    if offer.organisation_id:
        return is_member(user, offer.organisation)
    return offer.owner_id == user.pk


def own_offer_ids(users: Iterable[User | None], offers: Iterable[Offer]) -> set[int]:
    """Of `offers`, those one of `users` provides: their own, or their organisation's. Nobody can
    ask themselves for help, so these are never suggested to them. One query for the memberships."""
    user_ids = {user.pk for user in users if user is not None}
    organisation_ids = set(Membership.objects.filter(user_id__in=user_ids).values_list("organisation_id", flat=True))
    return {
        offer.pk
        for offer in offers
        if (offer.organisation_id in organisation_ids if offer.organisation_id else offer.owner_id in user_ids)
    }


def can_edit_offer(user: AnyUser, offer: Offer) -> bool:
    """The provider, or municipal staff."""
    return is_municipal_staff(user) or is_provider_of(user, offer)


def can_view_offer(user: AnyUser, offer: Offer) -> bool:
    return offer.is_public or can_edit_offer(user, offer)


def can_moderate_offers(user: AnyUser) -> bool:
    return is_municipal_staff(user)


def can_record_child_check(user: AnyUser, offer: Offer) -> bool:
    """The organisation obtains the børneattest; for a citizen's own offer, staff record it."""
    if not offer.has_child_contact:
        return False
    return is_municipal_staff(user) or (offer.organisation_id is not None and is_member(user, offer.organisation))


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
