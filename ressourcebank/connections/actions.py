"""Use cases of a connection: ask, answer, end, write, record and confirm hours, thank.

Each owns its transaction. Whatever draws on an offer's capacity (accepting, recording hours)
first locks the offer row, so concurrent requests queue and the capacity check sees every earlier
one: SELECT ... FOR UPDATE on PostgreSQL; on SQLite every transaction is IMMEDIATE (see settings),
so writers queue already at BEGIN. Permission checks are part of each use case here, because the
side a person acts on (provider or receiver) decides what they may do.
"""

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from ressourcebank.accounts.models import User
from ressourcebank.lib.limits import max_length
from ressourcebank.needs.models import Need
from ressourcebank.notifications import actions as notifications
from ressourcebank.notifications.models import Event
from ressourcebank.offers.models import CapacityKind, Offer, period_of

from .models import (
    AUTO_CONFIRM_DAYS,
    DECLARATION_VERSION,
    MAX_HOURS,
    MIN_HOURS,
    ConfidentialityDeclaration,
    Connection,
    ContactShare,
    HoursEntry,
    Message,
    Thanks,
    has_accepted_declaration,
)
from .permissions import (
    answers,
    can_ask_for_help,
    can_ask_for_need,
    can_offer_help,
    is_participant,
    is_provider,
    is_receiver,
)


class DeclarationRequired(ValidationError):
    """The volunteer must accept the current confidentiality declaration first."""


# --- Who hears about a change (the events and mail live in notifications) -------------------


def provider_people(connection: Connection) -> list[User]:
    offer = connection.offer
    if offer.organisation_id:
        return list(User.objects.filter(memberships__organisation_id=offer.organisation_id, is_active=True))
    return [offer.owner] if offer.owner_id else []  # type: ignore[list-item]


def receiver_people(connection: Connection) -> list[User]:
    people = [connection.requester]
    if connection.need_id:
        need = connection.need
        people += [person for person in (need.owner, need.coordinator) if person is not None]  # type: ignore[union-attr]
    return list({person.pk: person for person in people}.values())


def _notify_all(people: Iterable[User], event: str, connection: Connection, *, by: User) -> None:
    for person in people:
        if person.pk != by.pk:
            notifications.notify(person, event, connection)


def _notify_other_side(connection: Connection, event: str, *, by: User) -> None:
    people = receiver_people(connection) if is_provider(by, connection) else provider_people(connection)
    _notify_all(people, event, connection, by=by)


# --- Capacity -------------------------------------------------------------------------------


def _lock(connection: Connection) -> tuple[Offer, Connection]:
    """Locks the offer row first (the one lock every capacity change takes), then re-reads the
    connection, whose state may have changed while this request waited."""
    offer = Offer.objects.select_for_update().get(pk=connection.offer_id)
    fresh = Connection.objects.select_for_update(of=("self",)).select_related("need", "requester").get(pk=connection.pk)
    fresh.offer = offer
    return offer, fresh


def committed_hours(offer: Offer, period: tuple[date, date]) -> Decimal:
    """Hours of the period's quota that are spoken for: every recorded hour, plus what is still
    reserved by accepted connections beyond the hours they have recorded."""
    recorded: dict[int, Decimal] = {
        row["connection"]: row["total"]
        for row in HoursEntry.objects.filter(connection__offer=offer, given_on__range=period)
        .values("connection")
        .annotate(total=Sum("hours"))
        .order_by()
    }
    total = sum(recorded.values(), Decimal(0))
    reserved = Connection.objects.filter(offer=offer, state=Connection.State.ACCEPTED).values_list(
        "pk", "reserved_hours"
    )
    for pk, reserved_hours in reserved:
        total += max((reserved_hours or Decimal(0)) - recorded.get(pk, Decimal(0)), Decimal(0))
    return total


def _hours_text(hours: Decimal) -> str:
    """1.50 → "1,5": Danish decimal comma, no trailing zeros."""
    return f"{hours.normalize():f}".replace(".", ",")


def is_quota(offer: Offer) -> bool:
    return offer.capacity_kind in (CapacityKind.HOURS_PER_MONTH, CapacityKind.HOURS_PER_WEEK)


# --- Asking and answering -------------------------------------------------------------------


def _share(connection: Connection, user: User, *, share_email: bool, share_phone: bool) -> None:
    ContactShare.objects.update_or_create(
        connection=connection, user=user, defaults={"share_email": share_email, "share_phone": share_phone}
    )


def ask_for_help(
    offer: Offer,
    *,
    by: User,
    need: Need | None = None,
    message: str = "",
    share_email: bool = True,
    share_phone: bool = False,
) -> Connection:
    """A citizen, or their coordinator, asks the provider of an offer for help.

    Asking again while the first request is open gives the first one back, not a second request.
    """
    if not can_ask_for_help(by, offer):
        raise PermissionDenied
    if need is not None and not can_ask_for_need(by, need):
        raise PermissionDenied
    with transaction.atomic():
        Offer.objects.select_for_update().filter(pk=offer.pk).first()
        existing = Connection.objects.active().filter(offer=offer, requester=by).first()
        if existing is not None:
            return existing
        connection = Connection.objects.create(offer=offer, need=need, requester=by, request_message=message.strip())
        _share(connection, by, share_email=share_email, share_phone=share_phone)
        _notify_all(provider_people(connection), Event.Kind.ASKED, connection, by=by)
    return connection


def offer_help(
    need: Need,
    offer: Offer,
    *,
    by: User,
    message: str = "",
    share_email: bool = True,
    share_phone: bool = False,
) -> Connection:
    """A helper offers one of their offers for a public need ("Jeg kan hjælpe"); the need's owner
    (or coordinator) says yes or no. The same rules as asking: the declaration before helping,
    contact details only once both have said yes, one open request per offer and person."""
    if not can_offer_help(by, need, offer):
        raise PermissionDenied
    if not has_accepted_declaration(by):
        raise DeclarationRequired(_("Du skal acceptere tavshedserklæringen, før du kan hjælpe."))
    receiver = need.owner or need.coordinator
    assert receiver is not None  # noqa: S101 — can_offer_help refuses a need nobody answers for
    with transaction.atomic():
        Offer.objects.select_for_update().filter(pk=offer.pk).first()
        existing = Connection.objects.active().filter(offer=offer, requester=receiver).first()
        if existing is not None:
            return existing
        connection = Connection.objects.create(
            offer=offer, need=need, requester=receiver, request_message=message.strip(), offered_by_provider=True
        )
        _share(connection, by, share_email=share_email, share_phone=share_phone)
        _notify_all(receiver_people(connection), Event.Kind.OFFERED, connection, by=by)
    return connection


def accept_connection(
    connection: Connection,
    *,
    by: User,
    message: str = "",
    reserved_hours: Decimal | None = None,
    share_email: bool = True,
    share_phone: bool = False,
) -> Connection:
    """The side that was asked says yes: the provider, or the receiver when the helper offered.
    Refused when it would exceed the offer's places or hours, when the volunteer has not accepted
    the confidentiality declaration, or when a børneattest is missing."""
    if not answers(by, connection):
        raise PermissionDenied
    # A helper who offered accepted the declaration then; a provider who was asked accepts it now.
    if not connection.offered_by_provider and not has_accepted_declaration(by):
        raise DeclarationRequired(_("Du skal acceptere tavshedserklæringen, før du kan hjælpe."))
    with transaction.atomic():
        offer, connection = _lock(connection)
        if connection.state != Connection.State.REQUESTED:
            raise ValidationError(_("Forespørgslen er allerede besvaret eller afbrudt."))
        if offer.status not in (Offer.Status.PUBLISHED, Offer.Status.PAUSED):
            raise ValidationError(_("Tilbuddet er ikke aktivt, så forespørgslen kan ikke accepteres."))
        if offer.has_child_contact and offer.child_check_obtained_on is None:
            raise ValidationError(_("Tilbuddet giver kontakt med børn. Der skal først registreres en børneattest."))
        amount = offer.capacity_amount or 0
        if offer.capacity_kind == CapacityKind.PLACES:
            taken = Connection.objects.filter(offer=offer, state=Connection.State.ACCEPTED).count()
            if taken >= amount:
                raise ValidationError(_("Alle pladser er optaget. Afslut en anden forbindelse først."))
        if is_quota(offer):
            reserved_hours = reserved_hours if reserved_hours is not None else Decimal(1)
            if reserved_hours < MIN_HOURS:
                raise ValidationError({"reserved_hours": _("Sæt mindst et kvarter af.")})
            period = period_of(offer.capacity_kind, timezone.localdate())
            assert period is not None  # noqa: S101 — is_quota guarantees a period
            left = Decimal(amount) - committed_hours(offer, period)
            if reserved_hours > left:
                raise ValidationError(
                    {
                        "reserved_hours": _("Der er kun %(left)s timer tilbage i denne periode.")
                        % {"left": _hours_text(max(left, Decimal(0)))}
                    }
                )
            connection.reserved_hours = reserved_hours
        connection.state = Connection.State.ACCEPTED
        connection.provider_message = message.strip()
        connection.answered_by = by
        connection.answered_at = timezone.now()
        connection.save()
        _share(connection, by, share_email=share_email, share_phone=share_phone)
        _notify_other_side(connection, Event.Kind.ACCEPTED, by=by)
    return connection


def decline_connection(connection: Connection, *, by: User, message: str = "") -> Connection:
    """The side that was asked says no, with an optional message to the other side."""
    if not answers(by, connection):
        raise PermissionDenied
    with transaction.atomic():
        _offer, connection = _lock(connection)
        if connection.state != Connection.State.REQUESTED:
            raise ValidationError(_("Forespørgslen er allerede besvaret eller afbrudt."))
        connection.state = Connection.State.DECLINED
        connection.provider_message = message.strip()
        connection.answered_by = by
        connection.answered_at = timezone.now()
        connection.save()
        _notify_other_side(connection, Event.Kind.DECLINED, by=by)
    return connection


def _end(connection: Connection, state: str, event: str, *, by: User, allowed_from: tuple[str, ...]) -> Connection:
    if not is_participant(by, connection):
        raise PermissionDenied
    with transaction.atomic():
        _offer, connection = _lock(connection)
        if connection.state not in allowed_from:
            raise ValidationError(
                _("Det kan ikke lade sig gøre, når forbindelsen er “%(state)s”.")
                % {"state": connection.get_state_display()}
            )
        connection.state = state
        connection.ended_by = by
        connection.ended_at = timezone.now()
        connection.save()
        _notify_other_side(connection, event, by=by)
    return connection


def cancel_connection(connection: Connection, *, by: User) -> Connection:
    """Either side ends a request or an agreement. Reserved hours are freed."""
    return _end(
        connection,
        Connection.State.CANCELLED,
        Event.Kind.CANCELLED,
        by=by,
        allowed_from=(Connection.State.REQUESTED, Connection.State.ACCEPTED),
    )


def complete_connection(connection: Connection, *, by: User) -> Connection:
    """The help has been given; the connection ends well. Hours may still be recorded and confirmed."""
    return _end(
        connection,
        Connection.State.COMPLETED,
        Event.Kind.COMPLETED,
        by=by,
        allowed_from=(Connection.State.ACCEPTED,),
    )


# --- Messages and thanks --------------------------------------------------------------------

MAX_MESSAGE = max_length(Message, "body")


def post_message(connection: Connection, body: str, *, by: User) -> Message:
    """Either side writes in the thread, once the provider has said yes."""
    if not is_participant(by, connection):
        raise PermissionDenied
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Skriv en besked.")})
    if len(body) > MAX_MESSAGE:
        raise ValidationError({"body": _("Beskeden må højst være %(limit)s tegn.") % {"limit": MAX_MESSAGE}})
    with transaction.atomic():
        # The state as stored now, not as the caller last read it.
        if not Connection.objects.filter(pk=connection.pk, state=Connection.State.ACCEPTED).exists():
            raise ValidationError(_("I kan skrive sammen, når forespørgslen er accepteret og ikke afsluttet."))
        message = Message.objects.create(connection=connection, author=by, body=body)
        _notify_other_side(connection, Event.Kind.MESSAGE, by=by)
    return message


def say_thanks(connection: Connection, body: str = "", *, by: User) -> Thanks:
    """The receiver says thank you in their own words, once per connection."""
    if not is_receiver(by, connection):
        raise PermissionDenied
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Skriv et par ord, fx “Tusind tak for hjælpen”.")})
    with transaction.atomic():
        current = Connection.objects.select_for_update().get(pk=connection.pk)
        if current.state not in (Connection.State.ACCEPTED, Connection.State.COMPLETED):
            raise ValidationError(_("Du kan sige tak, når du har fået hjælp."))
        if Thanks.objects.filter(connection=connection).exists():
            raise ValidationError(_("Du har allerede sagt tak."))
        thanks = Thanks.objects.create(connection=connection, author=by, body=body[: max_length(Thanks, "body")])
        _notify_all(provider_people(connection), Event.Kind.THANKED, connection, by=by)
    return thanks


# --- Hours ----------------------------------------------------------------------------------


NOTE_MAX = max_length(HoursEntry, "note")


def _check_hours(hours: Decimal) -> None:
    if hours < MIN_HOURS or hours > MAX_HOURS:
        raise ValidationError({"hours": _("Skriv mellem 0,25 og 24 timer.")})
    if (hours * 4) % 1 != 0:
        raise ValidationError({"hours": _("Skriv timerne i hele kvarter, fx 1,5 eller 0,75.")})


def record_hours(connection: Connection, given_on: date, hours: Decimal, note: str = "", *, by: User) -> HoursEntry:
    """The provider records hours given on one day. On an hours quota offer the period's quota
    can never be exceeded, however many record at the same moment."""
    if not is_provider(by, connection):
        raise PermissionDenied
    _check_hours(hours)
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": _("Datoen kan ikke ligge i fremtiden.")})
    if given_on < timezone.localtime(connection.created_at).date():
        raise ValidationError({"given_on": _("Datoen kan ikke ligge før forespørgslen.")})
    with transaction.atomic():
        offer, connection = _lock(connection)
        if connection.state not in (Connection.State.ACCEPTED, Connection.State.COMPLETED):
            raise ValidationError(_("Timer kan kun registreres, når forespørgslen er accepteret."))
        period = period_of(offer.capacity_kind, given_on)
        if period is not None:
            left = Decimal(offer.capacity_amount or 0) - committed_hours(offer, period)
            # Hours inside this connection's own reservation are already counted in `committed`.
            own_reserved = connection.reserved_hours or Decimal(0)
            own_recorded = HoursEntry.objects.filter(connection=connection, given_on__range=period).total()
            left += max(own_reserved - own_recorded, Decimal(0))
            if hours > left:
                raise ValidationError(
                    {
                        "hours": _("Der er kun %(left)s timer tilbage af tilbuddets timer i den periode.")
                        % {"left": _hours_text(max(left, Decimal(0)))}
                    }
                )
        entry = HoursEntry.objects.create(
            connection=connection, given_on=given_on, hours=hours, note=note.strip()[:NOTE_MAX], recorded_by=by
        )
        _notify_all(receiver_people(connection), Event.Kind.HOURS_RECORDED, connection, by=by)
    return entry


def correct_hours(entry: HoursEntry, hours_to_remove: Decimal, note: str = "", *, by: User) -> HoursEntry:
    """The provider takes back hours recorded by mistake: a new, negative entry that names the one
    it corrects. The original is never changed. Corrections only lower hours, so need no confirmation."""
    connection = entry.connection
    if not is_provider(by, connection):
        raise PermissionDenied
    if entry.is_correction:
        raise ValidationError(_("En rettelse kan ikke rettes. Ret den oprindelige registrering."))
    _check_hours(hours_to_remove)
    with transaction.atomic():
        _lock(connection)
        left = entry.hours + entry.corrections.total()  # type: ignore[attr-defined]
        if hours_to_remove > left:
            raise ValidationError({"hours": _("Du kan højst trække %(left)s timer fra.") % {"left": _hours_text(left)}})
        now = timezone.now()
        return HoursEntry.objects.create(
            connection=connection,
            given_on=entry.given_on,
            hours=-hours_to_remove,
            note=note.strip()[:NOTE_MAX],
            corrects=entry,
            recorded_by=by,
            confirmed_at=now,
            confirmed_by=by,
        )


def confirm_hours(entry: HoursEntry, *, by: User) -> HoursEntry:
    """The receiver confirms that the hours were given."""
    if not is_receiver(by, entry.connection):
        raise PermissionDenied
    with transaction.atomic():
        now = timezone.now()
        # The filter on confirmed_at makes a second, concurrent confirmation a no-op.
        changed = HoursEntry.objects.filter(pk=entry.pk, confirmed_at__isnull=True).update(
            confirmed_at=now, confirmed_by=by
        )
        if not changed:
            raise ValidationError(_("Timerne er allerede bekræftet."))
        if entry.recorded_by is not None and entry.recorded_by.pk != by.pk:
            notifications.notify(entry.recorded_by, Event.Kind.HOURS_CONFIRMED, entry.connection)
    entry.refresh_from_db()
    return entry


def confirm_overdue_hours(now: datetime | None = None) -> int:
    """Hours the receiver has not confirmed within AUTO_CONFIRM_DAYS count as confirmed.
    Run by the worker or cron (manage.py confirm_overdue_hours); returns how many were confirmed."""
    now = now or timezone.now()
    return HoursEntry.objects.filter(
        confirmed_at__isnull=True, created_at__lte=now - timedelta(days=AUTO_CONFIRM_DAYS)
    ).update(confirmed_at=now)


# --- The confidentiality declaration --------------------------------------------------------


def accept_declaration(*, by: User) -> ConfidentialityDeclaration:
    """The volunteer accepts the current version of the declaration; stored with version and time."""
    declaration, _created = ConfidentialityDeclaration.objects.get_or_create(user=by, version=DECLARATION_VERSION)
    return declaration


def mark_events_read(user: User, connection: Connection) -> None:
    notifications.mark_connection_read(user, connection)
