"""Who takes part in a connection, and on which side. Outsiders get 404 so a connection does not
reveal that it exists. The provider side is the offer's owner, or the members of its organisation;
the receiver side is the requester and the owner and coordinator of the need."""

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from ressourcebank.accounts.models import User
from ressourcebank.needs.models import Need
from ressourcebank.offers.models import Offer
from ressourcebank.offers.permissions import is_provider_of

from .models import Connection

AnyUser = User | AnonymousUser


def is_provider(user: AnyUser, connection: Connection) -> bool:
    return is_provider_of(user, connection.offer)


def is_receiver(user: AnyUser, connection: Connection) -> bool:
    if not user.is_authenticated:
        return False
    if connection.requester_id == user.pk:
        return True
    need = connection.need
    return need is not None and user.pk in (need.owner_id, need.coordinator_id)


def is_participant(user: AnyUser, connection: Connection) -> bool:
    return is_provider(user, connection) or is_receiver(user, connection)


def can_ask_for_help(user: AnyUser, offer: Offer) -> bool:
    """Anyone logged in with a confirmed e-mail may ask for a public offer that is not their own."""
    if not user.is_authenticated or not user.has_confirmed_email:  # type: ignore[union-attr]
        return False
    return offer.is_public and not is_provider_of(user, offer)


def can_ask_for_need(user: AnyUser, need: Need) -> bool:
    """A person asks on behalf of a need they own or coordinate, while it is open."""
    return user.is_authenticated and need.status == Need.Status.OPEN and user.pk in (need.owner_id, need.coordinator_id)


def get_connection_for_participant(user: AnyUser, pk: int) -> Connection:
    connection = (
        Connection.objects.select_related(
            "offer", "offer__organisation", "offer__owner", "offer__area", "need", "requester"
        )
        .filter(pk=pk)
        .first()
    )
    if connection is None or not is_participant(user, connection):
        raise Http404
    return connection
