"""Appointments: counselling where people live ("fremskudt rådgivning") and callbacks ("Ring mig op").

Both end in a Slot a citizen books: a callback time a team published, or a bookable time at local
counselling hours. A slot is booked at most once: the database refuses a second active booking of
the same slot (appointments_slot_booked_once), so two people taking it at the same moment cannot
both get it, whatever the code above does.
"""

from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ressourcebank.inbox.models import Team
from ressourcebank.lib.phone import display_phone
from ressourcebank.lib.workdays import closed_days
from ressourcebank.taxonomy.models import Area

MAX_EVERY_WEEKS = 4
BOOKING_MINUTES_RANGE = (10, 120)


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("mandag")
    TUESDAY = 1, _("tirsdag")
    WEDNESDAY = 2, _("onsdag")
    THURSDAY = 3, _("torsdag")
    FRIDAY = 4, _("fredag")
    SATURDAY = 5, _("lørdag")
    SUNDAY = 6, _("søndag")


class CounsellingHoursQuerySet(models.QuerySet["CounsellingHours"]):
    def active(self) -> "CounsellingHoursQuerySet":
        today = timezone.localdate()
        return self.filter(is_active=True).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))

    def in_area(self, area: Area | None) -> "CounsellingHoursQuerySet":
        """The area's counselling hours; None is every area."""
        return self if area is None else self.filter(area=area)


class CounsellingHours(models.Model):
    """Staff at a local place at set hours, every week or every few weeks: drop in, book a time, or both.
    Public holidays and the municipality's closing days (lib.workdays) have no counselling."""

    area = models.ForeignKey(Area, models.PROTECT, related_name="counselling_hours", verbose_name=_("lokalområde"))
    team = models.ForeignKey(
        Team, models.SET_NULL, null=True, blank=True, related_name="counselling_hours", verbose_name=_("team")
    )
    title = models.CharField(_("hvad kan man få hjælp til"), max_length=100)
    description = models.TextField(_("mere om rådgivningen"), max_length=1000, blank=True)
    place = models.CharField(_("sted"), max_length=100, help_text=_("Fx: Assentoft Bibliotek"))
    address = models.CharField(_("adresse"), max_length=200)
    weekday = models.PositiveSmallIntegerField(_("ugedag"), choices=Weekday.choices)
    start_time = models.TimeField(_("fra kl."))
    end_time = models.TimeField(_("til kl."))
    every_weeks = models.PositiveSmallIntegerField(
        _("hver hvilken uge"), default=1, help_text=_("1 er hver uge, 2 er hver anden uge.")
    )
    starts_on = models.DateField(_("første gang fra og med"))
    ends_on = models.DateField(_("sidste gang til og med"), null=True, blank=True)
    is_drop_in = models.BooleanField(_("man kan bare komme"), default=True)
    # Empty: no bookable times. Otherwise the hours are cut into times of this many minutes.
    booking_minutes = models.PositiveSmallIntegerField(
        _("tider man kan bestille (minutter)"),
        null=True,
        blank=True,
        help_text=_("Tom, hvis man ikke kan bestille tid. Fx 30 for tider af en halv time."),
    )
    is_active = models.BooleanField(_("vises"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = CounsellingHoursQuerySet.as_manager()

    class Meta:
        verbose_name = _("fremskudt rådgivning")
        verbose_name_plural = _("fremskudt rådgivning")
        ordering = ["area__position", "area__name", "weekday", "start_time", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")), name="appointments_hours_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(every_weeks__gte=1, every_weeks__lte=MAX_EVERY_WEEKS), name="appointments_hours_every_weeks"
            ),
            models.CheckConstraint(
                condition=Q(is_drop_in=True) | Q(booking_minutes__isnull=False),
                name="appointments_hours_drop_in_or_booked",
            ),
            models.CheckConstraint(
                condition=Q(booking_minutes__isnull=True)
                | Q(booking_minutes__gte=BOOKING_MINUTES_RANGE[0], booking_minutes__lte=BOOKING_MINUTES_RANGE[1]),
                name="appointments_hours_booking_minutes",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="appointments_hours_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.place} · {self.get_weekday_display()} {self.start_time:%H.%M}–{self.end_time:%H.%M}"

    def occurrences(self, start: date, end: date) -> list[date]:
        """The dates in [start, end) the counselling takes place: the weekday, every `every_weeks`
        weeks counted from the first one on or after starts_on, not on a closed day."""
        first = self.starts_on + timedelta(days=(self.weekday - self.starts_on.weekday()) % 7)
        step = timedelta(weeks=self.every_weeks)
        day = first
        if start > first:
            day = first + step * -(-(start - first).days // step.days)  # the first occurrence >= start
        last = min(end, self.ends_on + timedelta(days=1)) if self.ends_on else end
        dates = []
        while day < last:
            if day not in closed_days(day.year):
                dates.append(day)
            day += step
        return dates

    def next_on(self, now: datetime | None = None) -> date | None:
        """The next day it takes place; today only while today's hours have not yet ended."""
        moment = timezone.localtime(now)
        today = moment.date()
        upcoming = self.occurrences(today, today + timedelta(weeks=MAX_EVERY_WEEKS * 3))
        if upcoming and upcoming[0] == today and moment.time() >= self.end_time:
            upcoming = upcoming[1:]
        return upcoming[0] if upcoming else None

    def at(self, day: date, moment: time) -> datetime:
        return timezone.make_aware(datetime.combine(day, moment))


class SlotQuerySet(models.QuerySet["Slot"]):
    def upcoming(self, now: datetime | None = None) -> "SlotQuerySet":
        return self.filter(starts_at__gt=now or timezone.now())

    def free(self) -> "SlotQuerySet":
        return self.exclude(Exists(Booking.objects.active().filter(slot=OuterRef("pk"))))

    def callbacks(self) -> "SlotQuerySet":
        return self.filter(kind=Slot.Kind.CALLBACK)


class Slot(models.Model):
    """One time a citizen can book: a callback from a team, or a time at counselling hours."""

    class Kind(models.TextChoices):
        CALLBACK = "callback", _("Ring mig op")
        COUNSELLING = "counselling", _("Tid til rådgivning")

    kind = models.CharField(max_length=12, choices=Kind.choices)
    team = models.ForeignKey(Team, models.CASCADE, null=True, blank=True, related_name="slots")
    counselling = models.ForeignKey(CounsellingHours, models.CASCADE, null=True, blank=True, related_name="slots")
    starts_at = models.DateTimeField(_("fra"))
    ends_at = models.DateTimeField(_("til"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = SlotQuerySet.as_manager()

    class Meta:
        verbose_name = _("tid")
        verbose_name_plural = _("tider")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="appointments_slot_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(kind="callback", team__isnull=False, counselling__isnull=True)
                | Q(kind="counselling", counselling__isnull=False),
                name="appointments_slot_kind_matches_owner",
            ),
            # Publishing the same hour twice, or making counselling times again, adds no second slot.
            models.UniqueConstraint(
                fields=["team", "starts_at"], condition=Q(kind="callback"), name="appointments_slot_team_time_once"
            ),
            models.UniqueConstraint(
                fields=["counselling", "starts_at"],
                condition=Q(kind="counselling"),
                name="appointments_slot_counselling_time_once",
            ),
        ]
        indexes = [models.Index(fields=["kind", "team", "starts_at"], name="appointments_slot_team_time")]

    def __str__(self) -> str:
        return f"{self.kind} · {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()


class BookingQuerySet(models.QuerySet["Booking"]):
    def active(self) -> "BookingQuerySet":
        return self.filter(cancelled_at__isnull=True)

    def upcoming(self, now: datetime | None = None) -> "BookingQuerySet":
        return self.active().filter(slot__ends_at__gt=now or timezone.now())

    def to_handle(self, now: datetime | None = None) -> "BookingQuerySet":
        """What staff still have to do: not cancelled, not marked done, and not over before today
        (a callback nobody made today stays on the list until someone has called)."""
        start_of_today = timezone.localtime(now or timezone.now()).replace(hour=0, minute=0, second=0, microsecond=0)
        return self.active().filter(done_at__isnull=True, slot__ends_at__gt=start_of_today)

    def for_teams(self, teams: Any) -> "BookingQuerySet":
        return self.filter(Q(slot__team__in=teams) | Q(slot__counselling__team__in=teams))


class Booking(models.Model):
    """A citizen's booked slot: who to call (or expect) and on which number. The link to move or
    cancel it carries `key`, signed and time-limited (links.py), never the name or the number."""

    slot = models.ForeignKey(Slot, models.PROTECT, related_name="bookings")
    # The citizen's account, when they were logged in; a booking needs none.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="bookings")
    name = models.CharField(_("navn"), max_length=100)
    phone = models.CharField(_("telefonnummer"), max_length=20)  # E.164, lib.phone
    key = models.CharField(max_length=43, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Set when the reminder the day before was queued; cleared when the booking moves.
    reminded_at = models.DateTimeField(null=True, blank=True)
    # Set when staff have called back (or held the counselling time): it leaves their list.
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("bestilt tid")
        verbose_name_plural = _("bestilte tider")
        ordering = ["slot__starts_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot"], condition=Q(cancelled_at__isnull=True), name="appointments_slot_booked_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pk} · slot {self.slot_id}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def phone_display(self) -> str:
        """The number as one reads it aloud while dialling: "+45 12 34 56 78"."""
        return display_phone(self.phone)

    @property
    def is_overdue(self) -> bool:
        return self.done_at is None and self.slot.ends_at <= timezone.now()
