"""Use cases of activities: create and change an activity and its dates, moderation, sign-up, the
waitlist and giving a place back. Each owns its transaction, writes its audit row and queues its
mail (notifications' outbox) inside it, so a mail goes only for a change that committed.

Sign-up and giving back lock the occurrence row first (select_for_update on PostgreSQL; on SQLite
every write transaction is IMMEDIATE and so takes its turn), then count and change: two people
taking the last place at the same moment get one place and one waitlist spot. The database's
check (taken <= capacity) stands behind it.
"""

import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ressourcebank.accounts.models import Organisation, User
from ressourcebank.accounts.permissions import is_member
from ressourcebank.audit.models import Verb, record
from ressourcebank.lib.mail import render_subject
from ressourcebank.lib.phone import normalise_phone
from ressourcebank.notifications.actions import queue_mail, queue_sms
from ressourcebank.notifications.models import OutboxMail
from ressourcebank.taxonomy.models import Area, Category

from . import indexing, knowledge, links
from .models import Activity, Occurrence, Organiser, Signup, join_slugs
from .permissions import can_edit_activity, can_moderate_activities, can_sign_up_on_behalf
from .recurrence import Recurrence, series_dates, times_of


class SignupClosed(Exception):
    """The date takes no sign-ups: cancelled, over, not public, or the activity needs none."""


class AlreadySignedUp(Exception):
    """The person already has a place or a waitlist spot at this date."""

    def __init__(self, signup: Signup) -> None:
        super().__init__("already signed up")
        self.signup = signup


@dataclass
class ActivityData:
    """What the activity form (or the API) gives."""

    title: str
    description: str
    category: Category
    area: Area
    place: str
    starts_on: date
    start_time: time
    end_time: time
    address: str = ""
    recurrence: str = Recurrence.ONCE
    ends_on: date | None = None
    cost_text: str = ""
    labels: list[str] = field(default_factory=list)
    accessibility: list[str] = field(default_factory=list)
    contact: str = ""
    needs_signup: bool = False
    capacity: int | None = None
    organisation: Organisation | None = None


RULE_FIELDS = ("recurrence", "starts_on", "ends_on", "start_time", "end_time")


def _apply(activity: Activity, data: ActivityData) -> None:
    activity.title = data.title.strip()
    activity.description = data.description.strip()
    activity.category = data.category
    activity.area = data.area
    activity.place = data.place.strip()
    activity.address = data.address.strip()
    activity.cost_text = data.cost_text.strip()
    known_labels, known_features = knowledge.labels(), knowledge.accessibility_features()
    activity.label_slugs = join_slugs([s for s in known_labels if s in data.labels])
    activity.accessibility_slugs = join_slugs([s for s in known_features if s in data.accessibility])
    activity.contact = data.contact.strip()
    activity.recurrence = data.recurrence
    activity.starts_on = data.starts_on
    activity.ends_on = None if data.recurrence == Recurrence.ONCE else data.ends_on
    activity.start_time = data.start_time
    activity.end_time = data.end_time
    activity.needs_signup = data.needs_signup
    activity.capacity = data.capacity if data.needs_signup else None


def _citizen_is_trusted(user: User) -> bool:
    """A citizen is trusted once staff have approved one of their activities (or offers)."""
    approved = Activity.objects.filter(owner=user, organisation=None, moderated_at__isnull=False)
    if approved.filter(requires_moderation=False).exists():
        return True
    return user.offers.filter(organisation=None, moderated_at__isnull=False, requires_moderation=False).exists()


def _settle(activity: Activity) -> None:
    """Pending until staff approve it; published when nothing holds it back (keeping the first time)."""
    if activity.status not in (Activity.Status.PENDING, Activity.Status.PUBLISHED):
        return
    if activity.requires_moderation:
        activity.status = Activity.Status.PENDING
    else:
        activity.status = Activity.Status.PUBLISHED
        activity.published_at = activity.published_at or timezone.now()


def lay_out_occurrences(activity: Activity, *, until: date | None = None) -> int:
    """Creates the dates the rule gives up to the horizon (series.json) that do not exist yet;
    cancelled and moved dates stay as they are. Returns how many were created."""
    rules = knowledge.series_rules()
    horizon = until or timezone.localdate() + timedelta(days=rules["horizon_days"])
    dates = series_dates(
        activity.recurrence, activity.starts_on, activity.ends_on, until=horizon, limit=rules["max_occurrences"]
    )
    existing = set(activity.occurrences.values_list("series_starts_at", flat=True))
    new = []
    for day in dates:
        starts_at, ends_at = times_of(day, activity.start_time, activity.end_time)
        if starts_at not in existing:
            new.append(
                Occurrence(
                    activity=activity,
                    area_id=activity.area_id,
                    category_id=activity.category_id,
                    series_starts_at=starts_at,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    capacity=activity.capacity,
                )
            )
    Occurrence.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def extend_series(now: datetime | None = None) -> int:
    """The nightly job: every running series has its dates laid out to the horizon again."""
    today = timezone.localdate(now)
    created = 0
    running = Activity.objects.recurring().filter(status__in=(Activity.Status.PENDING, Activity.Status.PUBLISHED))
    for activity in running.exclude(ends_on__lt=today).iterator():
        with transaction.atomic():
            created += lay_out_occurrences(activity)
    return created


def create_activity(data: ActivityData, *, by: User) -> Activity:
    """A citizen, an association's member or staff create an activity and its dates. A citizen's
    first one waits for staff, as a first offer does."""
    if data.organisation is not None and not is_member(by, data.organisation):
        raise PermissionDenied
    activity = Activity(owner=by, organisation=data.organisation)
    _apply(activity, data)
    if data.organisation is not None:
        activity.organiser = data.organisation.kind
    elif by.is_municipal_staff:
        activity.organiser = Organiser.MUNICIPALITY
    else:
        activity.organiser = Organiser.CITIZEN
        activity.requires_moderation = not _citizen_is_trusted(by)
    activity.status = Activity.Status.PENDING
    _settle(activity)
    with transaction.atomic():
        activity.save()
        lay_out_occurrences(activity)
        indexing.index_activities([activity.pk])
        record(by, Verb.CREATE, activity)
    return activity


def update_activity(activity: Activity, data: ActivityData, *, by: User) -> Activity:
    """Changes the activity. A changed rule lays the coming dates out again: those nobody signed up
    for and nobody changed by hand go, the new rule's dates come; the others stay as they were."""
    if not can_edit_activity(by, activity):
        raise PermissionDenied
    rule_before = tuple(getattr(activity, name) for name in RULE_FIELDS)
    _apply(activity, data)
    if activity.status == Activity.Status.REJECTED:
        activity.status = Activity.Status.PENDING
        activity.requires_moderation = True
        activity.rejection_reason = ""
    _settle(activity)
    with transaction.atomic():
        activity.save()
        coming = activity.occurrences.filter(starts_at__gt=timezone.now())
        if rule_before != tuple(getattr(activity, name) for name in RULE_FIELDS):
            coming.filter(cancelled_at__isnull=True, starts_at=F("series_starts_at"), taken=0).exclude(
                signups__status__in=(Signup.Status.CONFIRMED, Signup.Status.WAITLISTED)
            ).delete()
        coming.update(area=activity.area, category=activity.category)
        if activity.capacity is None or not activity.needs_signup:
            coming.update(capacity=None)
        else:
            coming.filter(taken__lte=activity.capacity).update(capacity=activity.capacity)
        lay_out_occurrences(activity)
        indexing.index_activities([activity.pk])
        record(by, Verb.UPDATE, activity)
    return activity


def end_activity(activity: Activity, *, by: User) -> Activity:
    """The organiser stops the activity: it leaves the lists; dates already held stay in the history."""
    if not can_edit_activity(by, activity):
        raise PermissionDenied
    before = activity.status
    activity.status = Activity.Status.ENDED
    with transaction.atomic():
        activity.save(update_fields=["status", "updated_at"])
        indexing.index_activities([activity.pk])
        record(by, Verb.UPDATE, activity, changes={"status": (before, activity.status)})
    return activity


def approve_activity(activity: Activity, *, by: User) -> Activity:
    """Staff let a citizen's activity through moderation."""
    if not can_moderate_activities(by):
        raise PermissionDenied
    if activity.status not in (Activity.Status.PENDING, Activity.Status.REJECTED):
        raise ValidationError(_("Aktiviteten venter ikke på godkendelse."))
    before = activity.status
    activity.requires_moderation = False
    activity.rejection_reason = ""
    activity.moderated_by = by
    activity.moderated_at = timezone.now()
    activity.status = Activity.Status.PENDING
    _settle(activity)
    with transaction.atomic():
        activity.save()
        indexing.index_activities([activity.pk])
        record(by, Verb.APPROVE, activity, changes={"status": (before, activity.status)})
    return activity


def reject_activity(activity: Activity, reason: str, *, by: User) -> Activity:
    """Staff turn an activity down with a reason the organiser sees and can act on."""
    if not can_moderate_activities(by):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv en begrundelse, så arrangøren ved, hvad der skal rettes.")})
    before = activity.status
    activity.status = Activity.Status.REJECTED
    activity.rejection_reason = reason.strip()
    activity.moderated_by = by
    activity.moderated_at = timezone.now()
    with transaction.atomic():
        activity.save()
        indexing.index_activities([activity.pk])
        record(by, Verb.REJECT, activity, note=activity.rejection_reason, changes={"status": (before, activity.status)})
    return activity


# --- One date ---


def _tell_signed_up(occurrence: Occurrence, template: str, key: str) -> int:
    """Mails (or texts) everyone with a place or a waitlist spot at the date."""
    told = 0
    for signup in occurrence.signups.active().select_related("user"):
        if _tell(signup, template, f"{key}:{signup.pk}"):
            told += 1
    return told


def cancel_occurrence(occurrence: Occurrence, note: str, *, by: User) -> Occurrence:
    """One date is cancelled; the rest of the series stays. Those signed up are told."""
    if not can_edit_activity(by, occurrence.activity):
        raise PermissionDenied
    if occurrence.is_cancelled:
        return occurrence
    with transaction.atomic():
        occurrence = Occurrence.objects.select_for_update(of=("self",)).select_related("activity").get(pk=occurrence.pk)
        occurrence.cancelled_at = timezone.now()
        occurrence.note = note.strip()
        occurrence.save(update_fields=["cancelled_at", "note"])
        _tell_signed_up(occurrence, "cancelled", f"activity-cancelled:{occurrence.pk}")
        record(by, Verb.UPDATE, occurrence, note="aflyst", changes={"cancelled_at": (None, occurrence.cancelled_at)})
    return occurrence


def move_occurrence(
    occurrence: Occurrence, day: date, start_time: time, end_time: time, note: str, *, by: User
) -> Occurrence:
    """One date moves to another day or time (in local time); the rest of the series stays. Those
    signed up keep their place and are told."""
    if not can_edit_activity(by, occurrence.activity):
        raise PermissionDenied
    starts_at, ends_at = times_of(day, start_time, end_time)
    if starts_at <= timezone.now():
        raise ValidationError({"day": _("Den nye tid skal ligge ude i fremtiden.")})
    with transaction.atomic():
        occurrence = Occurrence.objects.select_for_update(of=("self",)).select_related("activity").get(pk=occurrence.pk)
        before = occurrence.starts_at
        occurrence.starts_at, occurrence.ends_at = starts_at, ends_at
        occurrence.cancelled_at = None
        occurrence.note = note.strip()
        occurrence.save(update_fields=["starts_at", "ends_at", "cancelled_at", "note"])
        _tell_signed_up(occurrence, "moved", f"activity-moved:{occurrence.pk}:{starts_at.isoformat()}")
        record(by, Verb.UPDATE, occurrence, note="flyttet", changes={"starts_at": (before, starts_at)})
    return occurrence


# --- Sign-up, the waitlist and giving a place back ---


def _render(name: str, context: dict[str, object]) -> tuple[str, str, str]:
    with translation.override("da"):
        context = {**context, "site_url": settings.SITE_URL}
        subject = render_subject(f"activities/email/{name}_subject.txt", context)
        text = render_to_string(f"activities/email/{name}.txt", context)
        html = render_to_string(f"activities/email/{name}.html", context)
    return subject, text, html


def _tell(signup: Signup, template: str, key: str) -> bool:
    """A mail to the person about their sign-up, or an SMS when all we have is a phone number."""
    occurrence = signup.occurrence
    context = {
        "signup": signup,
        "occurrence": occurrence,
        "activity": occurrence.activity,
        "starts_at": timezone.localtime(occurrence.starts_at),
        "manage_url": links.manage_url(signup),
    }
    address = signup.contact_email()
    if address:
        queue_mail(signup.user, OutboxMail.Kind.ACTIVITY, key, _render(template, context), to_address=address)
        return True
    if signup.phone:
        with translation.override("da"):
            text = render_to_string(f"activities/sms/{template}.txt", context).strip()
        queue_sms(signup.phone, text, key=key, kind=OutboxMail.Kind.ACTIVITY, user=signup.user)
        return True
    return False


def _open_for_signup(occurrence: Occurrence) -> None:
    activity = occurrence.activity
    if not activity.needs_signup or not activity.is_public or occurrence.is_cancelled or occurrence.has_ended:
        raise SignupClosed


def _take_place(signup: Signup, occurrence: Occurrence) -> None:
    """Inside the caller's transaction, with the occurrence row locked: a place if there is one,
    else the end of the waitlist."""
    signup.queued_at = timezone.now()
    if occurrence.capacity is None or occurrence.taken < occurrence.capacity:
        signup.status = Signup.Status.CONFIRMED
        Occurrence.objects.filter(pk=occurrence.pk).update(taken=F("taken") + 1)
        occurrence.taken += 1
    else:
        signup.status = Signup.Status.WAITLISTED


def _locked(occurrence: Occurrence) -> Occurrence:
    return (
        Occurrence.objects.select_for_update(of=("self",))
        .select_related("activity__organisation")
        .get(pk=occurrence.pk)
    )


def _existing(occurrence: Occurrence, *, user: User | None, email: str) -> Signup | None:
    active = occurrence.signups.exclude(status=Signup.Status.CANCELLED)
    if user is not None:
        return active.filter(user=user).first()
    if email:
        return active.filter(email__iexact=email).first()
    return None


def sign_up(
    occurrence: Occurrence,
    *,
    by: User | None,
    name: str = "",
    email: str = "",
    phone: str = "",
    channel: str = Signup.Channel.WEB,
    on_behalf: bool = False,
) -> Signup:
    """Signs a person up for one date.

    - A logged-in person signing themselves up gets a place or a waitlist spot at once.
    - A person without an account (by None) gives a name and an e-mail; the sign-up holds nothing
      until they open the mailed link (confirm_signup).
    - A tovholder, staff or the organiser signing someone else up (on_behalf, by phone or on paper)
      gives the person's name and an e-mail or phone number; it counts at once and is recorded
      with who did it and how.
    Raises SignupClosed, AlreadySignedUp, PermissionDenied, or ValueError for a bad phone number.
    """
    if on_behalf and (by is None or not can_sign_up_on_behalf(by, occurrence.activity)):
        raise PermissionDenied
    number = normalise_phone(phone) if phone.strip() else ""
    user = None if on_behalf or by is None or not by.is_authenticated else by
    email = email.strip().lower()
    if user is not None:
        name, email = user.get_full_name() or user.get_short_name(), ""
    if not name.strip() or not (user or email or (on_behalf and number)):
        raise ValueError("a sign-up needs a name and a way to reach the person")
    try:
        with transaction.atomic():
            occurrence = _locked(occurrence)
            _open_for_signup(occurrence)
            existing = _existing(occurrence, user=user, email=email)
            if existing is not None:
                raise AlreadySignedUp(existing)
            signup = Signup(
                occurrence=occurrence,
                user=user,
                name=name.strip(),
                email=email,
                phone=number,
                channel=channel,
                registered_by=by if on_behalf else None,
                key=secrets.token_urlsafe(32),
                status=Signup.Status.UNCONFIRMED,
            )
            if user is not None or on_behalf:
                _take_place(signup, occurrence)
            signup.save()
            if signup.status == Signup.Status.UNCONFIRMED:
                _confirm_mail(signup)
            else:
                _tell(signup, signup.status, f"activity-signup:{signup.pk}:{signup.status}")
            note = f"tilmeldt ({signup.status})"
            if on_behalf:
                note = f"tilmeldt på vegne af en anden ({signup.get_channel_display()}, {signup.status})"
            record(by if by is not None and by.is_authenticated else None, Verb.CREATE, signup, note=note)
    except IntegrityError:
        # The same person's second sign-up at the same moment: the unique index stopped it.
        existing = _existing(occurrence, user=user, email=email)
        if existing is None:
            raise
        raise AlreadySignedUp(existing) from None
    return signup


def _confirm_mail(signup: Signup) -> None:
    context = {
        "signup": signup,
        "occurrence": signup.occurrence,
        "activity": signup.occurrence.activity,
        "starts_at": timezone.localtime(signup.occurrence.starts_at),
        "confirm_url": links.confirm_url(signup),
    }
    queue_mail(
        None,
        OutboxMail.Kind.ACTIVITY,
        f"activity-confirm:{signup.pk}",
        _render("confirm", context),
        to_address=signup.email,
    )


def confirm_signup(signup: Signup) -> Signup:
    """The person without an account opened the mailed link: a place, or the waitlist. Opening it
    again changes nothing."""
    with transaction.atomic():
        occurrence = _locked(signup.occurrence)
        signup = Signup.objects.select_for_update().get(pk=signup.pk)
        if signup.status != Signup.Status.UNCONFIRMED:
            return signup
        _open_for_signup(occurrence)
        signup.occurrence = occurrence
        _take_place(signup, occurrence)
        signup.save(update_fields=["status", "queued_at"])
        _tell(signup, signup.status, f"activity-signup:{signup.pk}:{signup.status}")
        record(None, Verb.UPDATE, signup, note=f"bekræftet ({signup.status})")
    return signup


def _move_up(occurrence: Occurrence) -> list[Signup]:
    """Inside the caller's transaction, with the occurrence locked: the first on the waitlist get
    the free places, and each is told."""
    moved: list[Signup] = []
    if occurrence.is_cancelled or occurrence.has_ended:
        return moved
    while occurrence.capacity is None or occurrence.taken < occurrence.capacity:
        first = occurrence.signups.waitlist().select_related("user").first()
        if first is None:
            break
        first.status = Signup.Status.CONFIRMED
        first.save(update_fields=["status"])
        Occurrence.objects.filter(pk=occurrence.pk).update(taken=F("taken") + 1)
        occurrence.taken += 1
        first.occurrence = occurrence
        _tell(first, "moved_up", f"activity-moved-up:{first.pk}")
        record(None, Verb.UPDATE, first, note="rykket op fra ventelisten")
        moved.append(first)
    return moved


def give_back(signup: Signup, *, by: User | None) -> Signup:
    """The person gives their place (or waitlist spot) back; the first on the waitlist moves up
    and is told. Giving back twice changes nothing."""
    with transaction.atomic():
        occurrence = _locked(signup.occurrence)
        signup = Signup.objects.select_for_update().get(pk=signup.pk)
        if signup.status == Signup.Status.CANCELLED:
            return signup
        held_place = signup.status == Signup.Status.CONFIRMED
        before = signup.status
        signup.status = Signup.Status.CANCELLED
        signup.cancelled_at = timezone.now()
        signup.save(update_fields=["status", "cancelled_at"])
        if held_place:
            Occurrence.objects.filter(pk=occurrence.pk).update(taken=F("taken") - 1)
            occurrence.taken -= 1
        actor = by if by is not None and by.is_authenticated else None
        record(actor, Verb.UPDATE, signup, note="plads givet tilbage", changes={"status": (before, signup.status)})
        _move_up(occurrence)
    return signup
