"""Use cases for people and organisations: signing up, confirming an e-mail address,
registering an organisation, inviting its members, staff approving or rejecting it, and API tokens.

Each owns its transaction and queues its mail inside it. Permission checks that are part of the
rule itself (only staff approve) live here; views ask permissions.py before calling.
"""

from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ressourcebank.audit.models import AuditEvent, Verb, record
from ressourcebank.lib.limits import max_length

from .hooks import export_parts, organisation_approval_changed
from .mail import queue_email_confirmation, queue_invitation, queue_organisation_decision
from .models import API_TOKEN_MAX_LIFETIME, ApiToken, Invitation, Membership, Organisation, User
from .permissions import can_export_for_citizen, is_organisation_admin
from .personal_data import ExportItem, ExportPart, ExportRequest

NEXT_PATH_LIMIT = User._meta.get_field("confirmation_next").max_length or 0


class EmailTaken(ValidationError):
    pass


def register_user(*, name: str, email: str, password: str, next_path: str = "") -> User:
    """Creates a citizen's account and queues the confirmation mail. The password is validated by the form.
    `next_path`, a local path the caller has checked, is where the confirmation link leads."""
    email = User.objects.normalize_email(email.strip()).lower()
    try:
        with transaction.atomic():
            if User.objects.filter(email__iexact=email).exists():
                raise EmailTaken(_("Der findes allerede en konto med den e-mail."), code="email_taken")
            user = User.objects.create_user(
                email=email,
                password=password,
                name=name.strip(),
                # A path too long to keep whole is not kept at all: half a path leads nowhere.
                confirmation_next=next_path if len(next_path) <= NEXT_PATH_LIMIT else "",
            )
            queue_email_confirmation(user)
    except IntegrityError as error:
        # Two submits of the same form at once: the database's unique index decides.
        raise EmailTaken(_("Der findes allerede en konto med den e-mail."), code="email_taken") from error
    return user


def update_profile(user: User, *, name: str, phone: str) -> User:
    """A person changes their own name and phone number; nobody else's, so no permission to check."""
    user.name, user.phone = name, phone
    user.save(update_fields=["name", "phone"])
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

    Submitting the same form twice gives the same organisation back instead of a second one. Needs a
    confirmed e-mail: an organisation speaks for real people, so its first administrator must be one.
    """
    if not by.has_confirmed_email:
        raise PermissionDenied
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


def invite_member(organisation: Organisation, email: str, *, is_admin: bool = False, by: User) -> Invitation:
    """An administrator of the organisation invites a person by e-mail; they become a member only by
    saying yes. The outcome is the same whether the address has an account, is a member already or
    was invited before (then the open invitation is returned), so the answer tells nothing about it."""
    if not is_organisation_admin(by, organisation):
        raise PermissionDenied
    email = User.objects.normalize_email(email.strip()).lower()
    with transaction.atomic():
        invitation, created = Invitation.objects.get_or_create(
            organisation=organisation,
            email=email,
            accepted_at=None,
            declined_at=None,
            defaults={"is_admin": is_admin, "invited_by": by},
        )
        if created:
            record(by, Verb.CREATE, invitation, note=f"invitation til {organisation.pk}")
            user = User.objects.filter(email__iexact=email, is_active=True).first()
            if user is not None and not organisation.memberships.filter(user=user).exists():
                queue_invitation(invitation, user)
    return invitation


def _invitation_for(invitation_id: int, user: User) -> Invitation:
    invitation = Invitation.objects.for_user(user).select_for_update().filter(pk=invitation_id).first()
    if invitation is None:
        raise PermissionDenied
    return invitation


def accept_invitation(invitation_id: int, *, by: User) -> Membership:
    """The invited person says yes: from now on they act for the organisation. Only an open
    invitation to the person's own confirmed address can be accepted."""
    with transaction.atomic():
        invitation = _invitation_for(invitation_id, by)
        membership, created = Membership.objects.get_or_create(
            user=by, organisation=invitation.organisation, defaults={"is_admin": invitation.is_admin}
        )
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        if created:
            record(by, Verb.CREATE, membership, note=f"invitation {invitation.pk} accepteret")
    return membership


def decline_invitation(invitation_id: int, *, by: User) -> None:
    with transaction.atomic():
        invitation = _invitation_for(invitation_id, by)
        invitation.declined_at = timezone.now()
        invitation.save(update_fields=["declined_at"])


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
        for changed in organisation_approval_changed:
            changed(organisation)
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
        for changed in organisation_approval_changed:
            changed(organisation)
        queue_organisation_decision(organisation)


class ReadOnlyToken(PermissionDenied):
    """A read token was sent with a write: the API answers 403."""


class SecondFactorRequired(PermissionDenied):
    """A person whose role logs in with TOTP gets a token only in a session that has passed it."""


def create_api_token(
    user: User, *, name: str, scope: str, lifetime: timedelta, second_factor_verified: bool
) -> tuple[ApiToken, str]:
    """Issues a token for `user` (from "Mine API-nøgler" or create_api_token) and returns it with the
    token itself, which is never stored and so shown this once. The rule of the second factor is here,
    not in the page, so no other way of issuing can skip it."""
    if user.needs_second_factor and not second_factor_verified:
        raise SecondFactorRequired
    if not timedelta(0) < lifetime <= API_TOKEN_MAX_LIFETIME:
        raise ValidationError(_("En nøgle kan højst gælde et år."), code="lifetime")
    with transaction.atomic():
        token = ApiToken.issue(
            user,
            name=name.strip(),
            scope=scope,
            expires_at=timezone.now() + lifetime,
            second_factor_verified=second_factor_verified,
        )
        api_token = ApiToken.objects.get(digest=ApiToken.digest_of(token))
        record(user, Verb.CREATE, api_token, note=f"{api_token.get_scope_display()}, {api_token.name}")
    return api_token, token


def revoke_api_token(api_token: ApiToken, *, by: User) -> bool:
    """The owner revokes their own token; it stops working at once. False if it was revoked already."""
    if api_token.user_id != by.pk:
        raise PermissionDenied
    with transaction.atomic():
        revoked = ApiToken.objects.filter(pk=api_token.pk, revoked_at=None).update(revoked_at=timezone.now())
        if revoked:
            record(by, Verb.REVOKE, api_token)
    return bool(revoked)


# A token's last use is written at most this often, so that reads do not all become writes.
LAST_USED_RESOLUTION = timedelta(minutes=5)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def use_api_token(token: str, *, method: str, path: str) -> User | None:
    """The person a bearer token acts for, or None (401) if it is unknown, expired, revoked, or of a
    TOTP role and not issued after the code. A read token asked to write is refused (403). The use
    is logged: the last use on the token, and an audit row for every write."""
    if not token or len(token) > 200:
        return None
    api_token = ApiToken.objects.usable().select_related("user").filter(digest=ApiToken.digest_of(token)).first()
    if api_token is None or not api_token.may_act_for_its_user:
        return None
    is_write = method.upper() not in SAFE_METHODS
    if is_write and not api_token.can_write:
        raise ReadOnlyToken
    now = timezone.now()
    with transaction.atomic():
        if is_write or api_token.last_used_at is None or now - api_token.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        if is_write:
            record(api_token.user, Verb.API_WRITE, api_token, note=f"{method.upper()} {path}")
    return api_token.user


def export_personal_data(subject: User, *, by: User, reason: str = "") -> list[ExportPart]:
    """Everything the system holds on `subject`, part by part, for the person themself or for staff
    on the person's request (who must give the reason). One row in the access log with the person as
    target; the apps log reads of their own sensitive rows (a case) as their part is made."""
    own = by.pk == subject.pk
    if not own and not can_export_for_citizen(by):
        record(by, Verb.REJECT, subject, note="dataudtræk", reason="ingen adgang")
        raise PermissionDenied
    if not own and not reason.strip():
        raise ValidationError({"reason": _("Skriv, hvorfor du tager oplysningerne ud (fx borgerens anmodning).")})
    request = ExportRequest(by=by, reason=reason.strip())
    with transaction.atomic():
        record(by, Verb.EXPORT, subject, note="dataudtræk", reason=request.reason or "borgerens egen anmodning")
        parts = [_account_part(subject), *(p for part in export_parts if (p := part(subject, request)))]
        parts.append(_access_log_part(subject))
    return sorted(parts, key=lambda part: part.position)


def refuse_personal_data_export(*, by: User) -> None:
    """Someone without the role opened the staff page for a citizen's data: the attempt is logged."""
    record(by, Verb.REJECT, None, note="dataudtræk", reason="ingen adgang")


def _account_part(user: User) -> ExportPart:
    item = ExportItem(_("Din konto"))
    item.add("name", _("Navn"), user.name).add("email", _("E-mail"), user.email).add("phone", _("Telefon"), user.phone)
    item.add("role", _("Rolle"), user.get_role_display()).add("joined_at", _("Oprettet"), user.date_joined)
    item.add("email_confirmed_at", _("E-mail bekræftet"), user.email_confirmed_at)
    items = [item]
    for membership in user.memberships.select_related("organisation"):
        org = ExportItem(membership.organisation.name)
        org.add("kind", _("Type"), membership.organisation.get_kind_display())
        org.add("is_admin", _("Kan administrere"), _("Ja") if membership.is_admin else _("Nej"))
        org.add("member_since", _("Medlem siden"), membership.created_at)
        items.append(org)
    for api_token in user.api_tokens.all():
        token = ExportItem(_("API-nøgle: %(name)s") % {"name": api_token.name or "-"})
        token.add("created_at", _("Oprettet"), api_token.created_at).add(
            "expires_at", _("Udløber"), api_token.expires_at
        )
        token.add("revoked_at", _("Tilbagekaldt"), api_token.revoked_at)
        items.append(token)
    return ExportPart("account", _("Din konto"), items, position=0)


# How many entries of the log about the person the export shows (the newest).
ACCESS_LOG_EXPORTED = 500


def _access_log_part(user: User) -> ExportPart:
    """Who has read or changed the person's account, by role and organisation, never by name (the
    right of access asks for when and why, not for the employee). The person's own doings are left
    out; reads of a case are in the case's part."""
    roles = dict(User.Role.choices)
    verbs = dict(Verb.choices)
    events = (
        AuditEvent.objects.filter(target_type=User._meta.label_lower, target_id=str(user.pk))
        .exclude(actor_id=user.pk)
        .order_by("-seq")[:ACCESS_LOG_EXPORTED]
    )
    items = [
        ExportItem(str(verbs.get(event.verb, event.verb)))
        .add("at", _("Tidspunkt"), event.at)
        .add("role", _("Rolle"), roles.get(event.actor_role, event.actor_role) if event.actor_role else _("Systemet"))
        .add("organisation", _("Organisation"), event.actor_organisation)
        .add("reason", _("Hvorfor"), event.reason)
        for event in events
    ]
    intro = _(
        "Hvem der har set eller ændret din konto: hvornår, rolle, organisation og hvorfor. Ikke medarbejderens navn."
    )
    return ExportPart("access_log", _("Hvem har set dine oplysninger"), items, intro=intro, position=1000)
