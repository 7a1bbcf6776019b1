"""Use cases of appointments: book, move and cancel a slot; staff publish callback times and keep
counselling hours; the reminder the day before. Each owns its transaction, writes its audit row and
queues its SMS through the outbox (notifications.actions.queue_sms) inside it.

A slot is given once because the database says so (Booking's appointments_slot_booked_once):
booking and moving catch the IntegrityError and answer SlotTaken, never check-then-insert."""

import secrets
from datetime import date, datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from ressourcebank.accounts.models import User
from ressourcebank.audit.models import Verb, record, save_and_record
from ressourcebank.inbox.models import Team
from ressourcebank.lib.phone import display_phone, normalise_phone
from ressourcebank.lib.workdays import closed_days
from ressourcebank.notifications.actions import queue_sms
from ressourcebank.notifications.models import OutboxMail

from . import links
from .models import Booking, CounsellingHours, Slot

# How far ahead bookable counselling times are laid out (the daily job keeps them this far ahead).
COUNSELLING_WEEKS_AHEAD = 4
# Callback times staff publish in one go: one day, at most this many.
MAX_SLOTS_PER_PUBLISH = 48


class SlotTaken(Exception):
    """Someone else has the slot, or it has started: the citizen picks another."""


def _actor(by: User | None) -> User | None:
    return by if by is not None and by.is_authenticated else None


def _sms(booking: Booking, name: str, key: str) -> None:
    context = {
        "booking": booking,
        "slot": booking.slot,
        "phone": display_phone(booking.phone),
        "link": links.manage_url(booking),
    }
    with translation.override("da"):
        text = render_to_string(f"appointments/sms/{name}.txt", context).strip()
    kind = OutboxMail.Kind.CALLBACK if booking.slot.kind == Slot.Kind.CALLBACK else OutboxMail.Kind.COUNSELLING
    queue_sms(booking.phone, text, key=key, kind=kind, user=booking.user)


def book_slot(slot: Slot, *, name: str, phone: str, by: User | None) -> Booking:
    """The citizen (with an account or not) gets the slot, or SlotTaken when someone else has it or
    it has started. A receipt with the link to move or cancel goes by SMS."""
    number = normalise_phone(phone)
    if slot.has_started:
        raise SlotTaken
    try:
        with transaction.atomic():
            booking = Booking.objects.create(
                slot=slot, user=_actor(by), name=name.strip(), phone=number, key=secrets.token_urlsafe(32)
            )
            record(_actor(by), Verb.CREATE, booking, note=f"{slot.kind} bestilt")
            _sms(booking, "booked", f"booking:{booking.pk}:booked")
    except IntegrityError:
        raise SlotTaken from None
    return booking


def move_booking(booking: Booking, slot: Slot, *, by: User | None) -> Booking:
    """To another free slot of the same team or counselling hours; SlotTaken if it is not free."""
    if booking.is_cancelled or booking.slot.has_started:
        raise SlotTaken
    if slot.has_started or (slot.kind, slot.team_id, slot.counselling_id) != (
        booking.slot.kind,
        booking.slot.team_id,
        booking.slot.counselling_id,
    ):
        raise SlotTaken
    old_slot_id = booking.slot_id
    try:
        with transaction.atomic():
            moved = Booking.objects.filter(pk=booking.pk, cancelled_at__isnull=True).update(slot=slot, reminded_at=None)
            if not moved:
                raise SlotTaken
            booking.slot, booking.reminded_at = slot, None
            record(_actor(by), Verb.UPDATE, booking, note="tid flyttet", changes={"slot_id": (old_slot_id, slot.pk)})
            _sms(booking, "moved", f"booking:{booking.pk}:moved:{slot.pk}")
    except IntegrityError:
        booking.slot_id = old_slot_id
        raise SlotTaken from None
    return booking


def cancel_booking(booking: Booking, *, by: User | None) -> bool:
    """Frees the slot for someone else. False when it was cancelled already."""
    with transaction.atomic():
        now = timezone.now()
        if not Booking.objects.filter(pk=booking.pk, cancelled_at__isnull=True).update(cancelled_at=now):
            return False
        booking.cancelled_at = now
        record(_actor(by), Verb.UPDATE, booking, note="tid aflyst", changes={"cancelled_at": (None, now)})
        _sms(booking, "cancelled", f"booking:{booking.pk}:cancelled")
    return True


def mark_done(booking: Booking, *, by: User) -> bool:
    """Staff have called back, or held the counselling time. False when someone already marked it."""
    with transaction.atomic():
        now = timezone.now()
        if not Booking.objects.filter(pk=booking.pk, done_at__isnull=True, cancelled_at__isnull=True).update(
            done_at=now, done_by=by
        ):
            return False
        booking.done_at, booking.done_by = now, by
        note = "ringet op" if booking.slot.kind == Slot.Kind.CALLBACK else "tid afholdt"
        record(by, Verb.UPDATE, booking, note=note, changes={"done_at": (None, now)})
    return True


def publish_callback_slots(team: Team, *, on: date, start: time, end: time, minutes: int, by: User | None) -> int:
    """Staff offer callback times: `start` to `end` on one day, cut into times of `minutes`. Times
    already published are left as they are. Returns how many new times there are. `by` is None
    only for the demo."""
    if on in closed_days(on.year) or on.weekday() >= 5:
        raise ValueError("closed day")
    starts: list[datetime] = []
    moment = datetime.combine(on, start)
    while moment + timedelta(minutes=minutes) <= datetime.combine(on, end) and len(starts) < MAX_SLOTS_PER_PUBLISH:
        starts.append(timezone.make_aware(moment))
        moment += timedelta(minutes=minutes)
    now = timezone.now()
    with transaction.atomic():
        existing = set(
            Slot.objects.callbacks().filter(team=team, starts_at__in=starts).values_list("starts_at", flat=True)
        )
        new = [
            Slot(
                kind=Slot.Kind.CALLBACK,
                team=team,
                starts_at=at,
                ends_at=at + timedelta(minutes=minutes),
                created_by=by,
            )
            for at in starts
            if at not in existing and at > now
        ]
        Slot.objects.bulk_create(new)
        if new:
            record(by, Verb.CREATE, team, note=f"{len(new)} opkaldstider lagt ud {on.isoformat()}")
    return len(new)


def remove_slot(slot: Slot, *, by: User) -> bool:
    """A time nobody has booked, ever, can go; a booked one stays (call or cancel it first)."""
    with transaction.atomic():
        if Booking.objects.filter(slot=slot).exists():
            return False
        record(by, Verb.UPDATE, slot.team or slot, note=f"tid fjernet {slot.starts_at.isoformat()}")
        slot.delete()
    return True


def save_counselling_hours(hours: CounsellingHours, *, by: User) -> CounsellingHours:
    """Staff create or change counselling hours; their bookable times follow (make_counselling_slots)."""
    with transaction.atomic():
        save_and_record(hours, by=by, note="fremskudt rådgivning")
        make_counselling_slots(hours)
    return hours


def _counselling_starts(hours: CounsellingHours, today: date) -> list[datetime]:
    if not (hours.is_active and hours.booking_minutes):
        return []
    step = timedelta(minutes=hours.booking_minutes)
    starts = []
    for day in hours.occurrences(today, today + timedelta(weeks=COUNSELLING_WEEKS_AHEAD)):
        moment, end = hours.at(day, hours.start_time), hours.at(day, hours.end_time)
        while moment + step <= end:
            starts.append(moment)
            moment += step
    return starts


def make_counselling_slots(hours: CounsellingHours, *, now: datetime | None = None) -> int:
    """Lays out the bookable times of the coming weeks and removes future free times that no longer
    fit the hours (changed times, a new end date). Booked times always stay. Returns how many are new."""
    now = now or timezone.now()
    starts = [at for at in _counselling_starts(hours, timezone.localdate(now)) if at > now]
    with transaction.atomic():
        future = Slot.objects.filter(counselling=hours, starts_at__gt=now)
        future.exclude(starts_at__in=starts).filter(bookings__isnull=True).delete()
        existing = set(future.values_list("starts_at", flat=True))
        step = timedelta(minutes=hours.booking_minutes or 0)
        new = [
            Slot(kind=Slot.Kind.COUNSELLING, counselling=hours, team=hours.team, starts_at=at, ends_at=at + step)
            for at in starts
            if at not in existing
        ]
        Slot.objects.bulk_create(new)
    return len(new)


def make_all_counselling_slots(now: datetime | None = None) -> int:
    return sum(make_counselling_slots(hours, now=now) for hours in CounsellingHours.objects.all())


def send_booking_reminders(now: datetime | None = None) -> int:
    """The day before: an SMS to each booking for tomorrow not yet reminded. Returns how many."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    start = timezone.make_aware(datetime.combine(tomorrow, time.min))
    due = Booking.objects.active().filter(
        reminded_at__isnull=True, slot__starts_at__gte=start, slot__starts_at__lt=start + timedelta(days=1)
    )
    sent = 0
    for booking in due.select_related("slot__team", "slot__counselling__area", "user"):
        with transaction.atomic():
            if not Booking.objects.filter(pk=booking.pk, reminded_at__isnull=True, cancelled_at__isnull=True).update(
                reminded_at=now
            ):
                continue
            _sms(booking, "reminder", f"booking:{booking.pk}:reminder:{booking.slot_id}")
            sent += 1
    return sent


def record_bookings_read(teams: list[Team], *, by: User) -> None:
    """Staff opened the list of booked times (names and numbers): logged once per team shown."""
    with transaction.atomic():
        for team in teams:
            record(by, Verb.READ, team, note="bestilte tider læst")
