"""Use cases for people and organisations: signing up, confirming an e-mail address,
registering an organisation, adding its members, and staff approving or rejecting it.

Each owns its transaction and queues its mail inside it. Permission checks that are part of the
rule itself (only staff approve) live here; views ask permissions.py before calling.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ressourcebank.audit.models import Verb, record
from ressourcebank.lib.limits import max_length

from .mail import queue_email_confirmation, queue_organisation_decision
from .models import Membership, Organisation, User
from .permissions import is_organisation_admin


class EmailTaken(ValidationError):
    pass


def register_user(*, name: str, email: str, password: str) -> User:
    """Creates a citizen's account and queues the confirmation mail. The password is validated by the form."""
    email = User.objects.normalize_email(email.strip()).lower()
    try:
        with transaction.atomic():
            if User.objects.filter(email__iexact=email).exists():
                raise EmailTaken(_("Der findes allerede en konto med den e-mail."), code="email_taken")
            user = User.objects.create_user(email=email, password=password, name=name.strip())
            queue_email_confirmation(user)
    except IntegrityError as error:
        # Two submits of the same form at once: the database's unique index decides.
        raise EmailTaken(_("Der findes allerede en konto med den e-mail."), code="email_taken") from error
    return user


def resend_email_confirmation(user: User) -> bool:
    """Queues a new confirmation mail; False when there is nothing to confirm."""
    if user.has_confirmed_email:
        return False
    with transaction.atomic():
        queue_email_confirmation(user)
    return True


def confirm_email(user: User) -> None:
    with transaction.atomic():
        user.confirm_email()


def create_organisation(*, by: User, **fields: Any) -> Organisation:
    """Registers a business or association with `by` as its first administrator; staff approve it later.

    Submitting the same form twice gives the same organisation back instead of a second one.
    """
    with transaction.atomic():
        existing = Organisation.objects.awaiting_approval().filter(
            name__iexact=fields["name"].strip(),
            kind=fields["kind"],
            memberships__user=by,
            memberships__is_admin=True,
        )
        organisation = existing.first()
        if organisation is not None:
            return organisation
        fields["name"] = fields["name"].strip()
        organisation = Organisation.objects.create(**fields)
        Membership.objects.create(user=by, organisation=organisation, is_admin=True)
    return organisation


def add_member(organisation: Organisation, user: User, *, is_admin: bool = False, by: User) -> Membership:
    """An administrator of the organisation lets another person act for it."""
    if not is_organisation_admin(by, organisation):
        raise PermissionDenied
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            user=user, organisation=organisation, defaults={"is_admin": is_admin}
        )
        if not created:
            raise ValidationError(_("Personen er allerede medlem."), code="already_member")
    return membership


def _reindex_offers(organisation: Organisation) -> None:
    # Imported here: the search app imports offers, which imports accounts.
    from ressourcebank.search.index import index_offers

    index_offers(list(organisation.offers.values_list("pk", flat=True)))


def approve_organisation(organisation: Organisation, *, by: User) -> None:
    """Staff approve an organisation: its published offers become public and searchable."""
    if not by.is_municipal_staff:
        raise PermissionDenied
    with transaction.atomic():
        was_approved = organisation.is_approved
        organisation.approved_at = timezone.now()
        organisation.approved_by = by
        organisation.rejected_at = None
        organisation.rejection_reason = ""
        organisation.save(update_fields=["approved_at", "approved_by", "rejected_at", "rejection_reason"])
        record(by, Verb.APPROVE, organisation, changes={"is_approved": (was_approved, True)})
        _reindex_offers(organisation)
        queue_organisation_decision(organisation)


def reject_organisation(organisation: Organisation, reason: str, *, by: User) -> None:
    """Staff reject an organisation with a reason its members see; its offers leave the public view."""
    if not by.is_municipal_staff:
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": ValidationError(_("Skriv en begrundelse, som organisationen kan se."), code="reason_required")}
        )
    with transaction.atomic():
        was_approved = organisation.is_approved
        organisation.approved_at = None
        organisation.approved_by = None
        organisation.rejected_at = timezone.now()
        organisation.rejection_reason = reason[: max_length(Organisation, "rejection_reason")]
        organisation.save(update_fields=["approved_at", "approved_by", "rejected_at", "rejection_reason"])
        record(by, Verb.REJECT, organisation, note=reason, changes={"is_approved": (was_approved, False)})
        _reindex_offers(organisation)
        queue_organisation_decision(organisation)
