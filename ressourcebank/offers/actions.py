"""Use cases that change offers. Each owns its transaction, keeps the search index in step and
writes an audit row where staff act. Permission checks are the caller's (see permissions.py),
except where the rule is part of the use case itself."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ressourcebank.accounts.models import Organisation, User
from ressourcebank.accounts.permissions import is_member
from ressourcebank.audit.models import Changes, Verb, record
from ressourcebank.offers.indexing import index_offers
from ressourcebank.taxonomy.models import Area, Category

from .models import CapacityKind, Offer, ProviderKind, kept_child_check
from .permissions import can_edit_offer, can_moderate_offers, can_record_child_check


@dataclass
class OfferData:
    """What the offer form (or the API) gives: the fields a person may set."""

    title: str
    description: str
    category: Category
    area: Area
    capacity_kind: str = CapacityKind.ONE_OFF
    capacity_amount: int | None = None
    availability: str = ""
    is_remote: bool = False
    has_child_contact: bool = False
    organisation: Organisation | None = None


def _apply(offer: Offer, data: OfferData) -> None:
    offer.title = data.title.strip()
    offer.description = data.description.strip()
    offer.category = data.category
    offer.area = data.area
    offer.capacity_kind = data.capacity_kind
    offer.capacity_amount = None if data.capacity_kind == CapacityKind.ONE_OFF else data.capacity_amount
    offer.availability = data.availability.strip()
    offer.is_remote = data.is_remote
    offer.child_check_obtained_on = kept_child_check(
        had_child_contact=offer.has_child_contact,
        has_child_contact=data.has_child_contact,
        obtained_on=offer.child_check_obtained_on,
    )
    offer.has_child_contact = data.has_child_contact


def _citizen_is_trusted(user: User) -> bool:
    """A citizen is trusted once staff have approved one of their offers."""
    return Offer.objects.filter(
        owner=user, organisation=None, moderated_at__isnull=False, requires_moderation=False
    ).exists()


# A second submit of the same offer within this time gives the first one back (a double click,
# a reload after a slow answer), so nobody ends up with two copies.
DUPLICATE_WINDOW = timedelta(minutes=10)


def _recent_duplicate(data: OfferData, *, by: User) -> Offer | None:
    return (
        Offer.objects.filter(
            owner=by,
            organisation=data.organisation,
            title=data.title.strip(),
            description=data.description.strip(),
            created_at__gte=timezone.now() - DUPLICATE_WINDOW,
        )
        .order_by("-pk")
        .first()
    )


def create_offer(data: OfferData, *, by: User) -> Offer:
    """A person offers help, for themselves or for an organisation they belong to.

    Submitting the same offer twice gives the first one back instead of a copy.
    """
    if data.organisation is not None and not is_member(by, data.organisation):
        raise PermissionDenied
    offer = Offer(owner=by, organisation=data.organisation)
    _apply(offer, data)
    if data.organisation is not None:
        offer.provider = data.organisation.kind
    else:
        offer.provider = ProviderKind.CITIZEN
        offer.requires_moderation = not (by.is_municipal_staff or _citizen_is_trusted(by))
    offer.status = Offer.Status.PENDING
    offer.settle_status()
    with transaction.atomic():
        # Locking the person's row queues their concurrent submits, so the check below sees the first.
        User.objects.select_for_update().filter(pk=by.pk).first()
        duplicate = _recent_duplicate(data, by=by)
        if duplicate is not None:
            return duplicate
        offer.save()
        index_offers([offer.pk])
    return offer


def update_offer(offer: Offer, data: OfferData, *, by: User) -> Offer:
    if not can_edit_offer(by, offer):
        raise PermissionDenied
    _apply(offer, data)
    if offer.status == Offer.Status.REJECTED:
        # Editing a rejected offer sends it back to staff with the changes.
        offer.status = Offer.Status.PENDING
        offer.requires_moderation = True
        offer.rejection_reason = ""
    offer.settle_status()
    with transaction.atomic():
        offer.save()
        index_offers([offer.pk])
    return offer


def _change_status(offer: Offer, status: str, *, by: User, allowed_from: tuple[str, ...]) -> Offer:
    if not can_edit_offer(by, offer):
        raise PermissionDenied
    if offer.status not in allowed_from:
        raise ValidationError(
            _("Det kan ikke lade sig gøre, mens tilbuddet har status “%(status)s”.")
            % {"status": offer.get_status_display()}
        )
    offer.status = status
    offer.settle_status()
    with transaction.atomic():
        offer.save(update_fields=["status", "published_at", "updated_at"])
        index_offers([offer.pk])
    return offer


def pause_offer(offer: Offer, *, by: User) -> Offer:
    return _change_status(offer, Offer.Status.PAUSED, by=by, allowed_from=(Offer.Status.PUBLISHED,))


def resume_offer(offer: Offer, *, by: User) -> Offer:
    # Resuming goes through the publish rule (Offer.settle_status): an offer still held back stays pending.
    return _change_status(offer, Offer.Status.PUBLISHED, by=by, allowed_from=(Offer.Status.PAUSED,))


def archive_offer(offer: Offer, *, by: User) -> Offer:
    return _change_status(
        offer,
        Offer.Status.ARCHIVED,
        by=by,
        allowed_from=(Offer.Status.PENDING, Offer.Status.PUBLISHED, Offer.Status.PAUSED, Offer.Status.REJECTED),
    )


def approve_offer(offer: Offer, *, by: User) -> Offer:
    """Staff let an offer through moderation. It goes public when nothing else holds it back."""
    if not can_moderate_offers(by):
        raise PermissionDenied
    if offer.status not in (Offer.Status.PENDING, Offer.Status.REJECTED):
        raise ValidationError(_("Tilbuddet venter ikke på godkendelse."))
    before = offer.status
    offer.requires_moderation = False
    offer.rejection_reason = ""
    offer.moderated_by = by
    offer.moderated_at = timezone.now()
    offer.status = Offer.Status.PENDING
    offer.settle_status()
    with transaction.atomic():
        offer.save()
        index_offers([offer.pk])
        record(by, Verb.APPROVE, offer, changes={"status": (before, offer.status)})
    return offer


def reject_offer(offer: Offer, reason: str, *, by: User) -> Offer:
    """Staff turn an offer down with a reason the owner sees and can act on."""
    if not can_moderate_offers(by):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv en begrundelse, så ejeren ved, hvad der skal rettes.")})
    before = offer.status
    offer.status = Offer.Status.REJECTED
    offer.rejection_reason = reason.strip()
    offer.moderated_by = by
    offer.moderated_at = timezone.now()
    with transaction.atomic():
        offer.save()
        index_offers([offer.pk])
        record(by, Verb.REJECT, offer, note=offer.rejection_reason, changes={"status": (before, offer.status)})
    return offer


def record_child_check(offer: Offer, obtained_on: date, *, by: User) -> Offer:
    """Record that a børneattest was obtained and when. Its content is never stored."""
    if not can_record_child_check(by, offer):
        raise PermissionDenied
    if obtained_on > timezone.localdate():
        raise ValidationError({"obtained_on": _("Datoen kan ikke ligge i fremtiden.")})
    changes: Changes = {"child_check_obtained_on": (offer.child_check_obtained_on, obtained_on)}
    offer.child_check_obtained_on = obtained_on
    offer.child_check_recorded_by = by
    before = offer.status
    offer.settle_status()
    if offer.status != before:
        changes["status"] = (before, offer.status)
    with transaction.atomic():
        offer.save()
        index_offers([offer.pk])
        record(by, Verb.RECORD_CHILD_CHECK, offer, changes=changes)
    return offer
