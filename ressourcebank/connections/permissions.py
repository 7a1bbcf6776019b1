"""Who takes part in a connection, and on which side. Outsiders get 404 so a connection does not
reveal that it exists. The provider side is the offer's owner, or the members of its organisation;
the receiver side is the requester and the owner and coordinator of the need."""

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils.translation import gettext as _

from ressourcebank.accounts.models import User
from ressourcebank.needs.models import Need
from ressourcebank.needs.permissions import provider_view, shows_private_details
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


def receiver_name_for(user: AnyUser, connection: Connection) -> str:
    """How the receiving side is named to `user`: the one rule for every page, mail and API field.

    The receiving side (and staff, who see every need) see who it is. The provider never sees the name
    of a citizen a coordinator registered without an account: nothing records that the citizen allowed
    it, so the coordinator is named instead, unless the need is a case's and the citizen's consent to
    share with a volunteer is in force (then their first name, once the provider has said yes). For a
    need, before the provider has said yes, they see what its visibility permits, which is no name at
    all; once they have, the first name a citizen with an account shows everyone (sign-up says so).
    Contact details follow ContactShare, not this.
    """
    need = connection.need
    if is_receiver(user, connection) or (need is not None and shows_private_details(user, need)):
        if need is not None and need.citizen_name:
            return need.citizen_name
        return connection.requester.get_short_name()
    # A case's need: the citizen's consent decides, asked now, so a withdrawal hides the name at once.
    view = provider_view(need) if need is not None else None
    if view is not None and view.shares and connection.shows_contact_details:
        return view.first_name
    if need is not None and need.citizen_name:
        coordinator = need.coordinator or connection.requester
        return _("en borger, som %(name)s er tovholder for") % {"name": coordinator.get_short_name()}
    if need is not None and not connection.shows_contact_details:
        return _("en borger")
    return connection.requester.get_short_name()


def shared_need_for(user: AnyUser, connection: Connection) -> Need | None:
    """The need whose text and area the provider may read on the connection (page and API): only a
    need governed by consent (a case's), and only while that consent is in force. The receiving side
    has the need page itself; other needs show their provider nothing beyond the request."""
    need = connection.need
    if need is None or not is_provider(user, connection) or is_receiver(user, connection):
        return None
    view = provider_view(need)
    return need if view is not None and view.shares else None


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


def answers(user: AnyUser, connection: Connection) -> bool:
    """Who says yes or no to a request: the provider when asked, the receiving side when a helper
    offered their help for a need."""
    return is_receiver(user, connection) if connection.offered_by_provider else is_provider(user, connection)


def can_offer_help(user: AnyUser, need: Need, offer: Offer) -> bool:
    """A helper offers one of their public offers for a public need that is not their own, and that
    has someone to answer (an owner or a coordinator)."""
    if not user.is_authenticated or not user.has_confirmed_email:  # type: ignore[union-attr]
        return False
    if not need.is_public or user.pk in (need.owner_id, need.coordinator_id):
        return False
    if need.owner_id is None and need.coordinator_id is None:
        return False
    return offer.is_public and is_provider_of(user, offer)
