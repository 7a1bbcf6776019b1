"""Activities ("fællesskaber"), their dates ("gange") and who signed up.

An Activity holds the series rule in local wall-clock time (recurrence.py); each date is an
Occurrence, laid out ahead by the actions and the nightly job, and changed one at a time (cancelled,
or moved to another time) without touching the rest. `series_starts_at` is the time the rule gave
a date, so laying the series out again never brings a cancelled or moved date back.

Capacity is per occurrence. `taken` counts its confirmed sign-ups and the database refuses more
than `capacity` (activities_occurrence_within_capacity); the sign-up actions lock the occurrence
row, so the count and the sign-ups change together and nobody is let in twice.
"""

from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ressourcebank.accounts.models import Organisation
from ressourcebank.taxonomy.models import Area, Category

from . import knowledge
from .knowledge import Term
from .recurrence import Recurrence

MAX_CAPACITY = 1000


def join_slugs(slugs: list[str]) -> str:
    """Slugs as stored: ",a,b," so that one is found with `__contains=",a,"` on both databases."""
    return f",{','.join(slugs)}," if slugs else ""


def split_slugs(stored: str) -> list[str]:
    return [slug for slug in stored.split(",") if slug]


class Organiser(models.TextChoices):
    """Who stands behind an activity (the API and the pages show it)."""

    CITIZEN = "borger", _("Borger")
    ASSOCIATION = "forening", _("Forening")
    BUSINESS = "virksomhed", _("Virksomhed")
    MUNICIPALITY = "kommune", _("Randers Kommune")


class ActivityQuerySet(models.QuerySet["Activity"]):
    def published(self) -> "ActivityQuerySet":
        """What the public may see: published, and from an approved organisation if any."""
        return self.filter(status=Activity.Status.PUBLISHED).filter(
            Q(organisation__isnull=True) | Q(organisation__approved_at__isnull=False)
        )

    def awaiting_moderation(self) -> "ActivityQuerySet":
        return self.filter(status=Activity.Status.PENDING)

    def with_label(self, slug: str) -> "ActivityQuerySet":
        return self.filter(label_slugs__contains=f",{slug},")

    def recurring(self) -> "ActivityQuerySet":
        return self.exclude(recurrence=Recurrence.ONCE)


class Activity(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Venter på godkendelse")
        PUBLISHED = "published", _("Offentliggjort")
        REJECTED = "rejected", _("Afvist")
        ENDED = "ended", _("Stoppet")

    title = models.CharField(_("hvad hedder det"), max_length=120)
    description = models.TextField(_("hvad sker der"), max_length=3000)
    category = models.ForeignKey(Category, models.PROTECT, related_name="activities", verbose_name=_("hvilken slags"))
    area = models.ForeignKey(Area, models.PROTECT, related_name="activities", verbose_name=_("lokalområde"))
    place = models.CharField(_("sted"), max_length=120, help_text=_("Fx: Assentoft Forsamlingshus"))
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    # Empty is free ("gratis"); otherwise what it costs in the organiser's words ("20 kr. for kaffe").
    cost_text = models.CharField(
        _("pris"), max_length=100, blank=True, help_text=_("Lad feltet være tomt, hvis det er gratis.")
    )
    label_slugs = models.CharField(_("mærker"), max_length=300, blank=True)  # join_slugs of knowledge.labels()
    accessibility_slugs = models.CharField(_("tilgængelighed"), max_length=300, blank=True)
    contact = models.CharField(_("spørgsmål til"), max_length=200, blank=True)

    # The series rule, in local wall-clock time (Europe/Copenhagen).
    recurrence = models.CharField(_("hvor tit"), max_length=12, choices=Recurrence.choices, default=Recurrence.ONCE)
    starts_on = models.DateField(_("første gang"))
    ends_on = models.DateField(_("sidste gang"), null=True, blank=True)
    start_time = models.TimeField(_("fra kl."))
    end_time = models.TimeField(_("til kl."))

    needs_signup = models.BooleanField(_("man skal melde sig til"), default=False)
    # Places per date when sign-up is needed; empty means no limit.
    capacity = models.PositiveIntegerField(_("antal pladser hver gang"), null=True, blank=True)

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="activities"
    )
    organisation = models.ForeignKey(
        Organisation, models.CASCADE, null=True, blank=True, related_name="activities", verbose_name=_("forening")
    )
    organiser = models.CharField(_("arrangør"), max_length=12, choices=Organiser.choices)

    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    # A citizen's first activity waits for staff, as a first offer does.
    requires_moderation = models.BooleanField(_("venter på godkendelse"), default=False)
    rejection_reason = models.TextField(_("begrundelse"), max_length=1000, blank=True)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    moderated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)
    published_at = models.DateTimeField(_("offentliggjort"), null=True, blank=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        ordering = ["title", "id"]
        indexes = [models.Index(fields=["status", "area"], name="activities_status_area")]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1, capacity__lte=MAX_CAPACITY),
                name="activities_activity_capacity_range",
            ),
            models.CheckConstraint(
                condition=Q(needs_signup=True) | Q(capacity__isnull=True),
                name="activities_activity_capacity_needs_signup",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="activities_activity_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(organiser="borger", organisation__isnull=True) | ~Q(organiser="borger"),
                name="activities_citizen_activity_has_no_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("activities:detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED and (
            self.organisation_id is None or self.organisation.is_approved  # type: ignore[union-attr]
        )

    @property
    def is_free(self) -> bool:
        return not self.cost_text.strip()

    def cost_display(self) -> str:
        return str(_("Gratis")) if self.is_free else self.cost_text

    @property
    def labels(self) -> list[Term]:
        """The low-threshold labels ("Bare mød op"), in the data file's order."""
        chosen = set(split_slugs(self.label_slugs))
        return [term for slug, term in knowledge.labels().items() if slug in chosen]

    @property
    def accessibility(self) -> list[Term]:
        """What the place offers for access, in the data file's order."""
        chosen = set(split_slugs(self.accessibility_slugs))
        return [term for slug, term in knowledge.accessibility_features().items() if slug in chosen]

    @property
    def is_recurring(self) -> bool:
        return self.recurrence != Recurrence.ONCE

    def organiser_name(self) -> str:
        """The name shown publicly: the organisation's, a citizen's first name, or the municipality."""
        if self.organisation_id:
            return self.organisation.name  # type: ignore[union-attr]
        if self.organiser == Organiser.CITIZEN and self.owner_id:
            return self.owner.get_short_name()  # type: ignore[union-attr]
        return str(Organiser(self.organiser).label)

    def waiting_reasons(self) -> list[str]:
        reasons = []
        if self.requires_moderation:
            reasons.append(str(_("En medarbejder skal godkende aktiviteten. Det sker normalt inden for to hverdage.")))
        if self.organisation_id and not self.organisation.is_approved:  # type: ignore[union-attr]
            reasons.append(str(_("Foreningen skal først godkendes af kommunen.")))
        return reasons


class OccurrenceQuerySet(models.QuerySet["Occurrence"]):
    def listed(self) -> "OccurrenceQuerySet":
        """Dates the public sees: not cancelled, of a published activity."""
        return self.filter(cancelled_at__isnull=True, activity__status=Activity.Status.PUBLISHED).filter(
            Q(activity__organisation__isnull=True) | Q(activity__organisation__approved_at__isnull=False)
        )

    def between(self, start: datetime, end: datetime) -> "OccurrenceQuerySet":
        """Dates that start in [start, end)."""
        return self.filter(starts_at__gte=start, starts_at__lt=end)

    def upcoming(self, now: datetime | None = None) -> "OccurrenceQuerySet":
        """Dates that have not ended yet. A date lasts at most a day (recurrence.times_of; 25 hours
        across the autumn's clock change), so a start bound two days back loses none and lets the
        (area, starts_at) and starts_at indexes begin near now instead of walking past dates."""
        moment = now or timezone.now()
        return self.filter(ends_at__gt=moment, starts_at__gt=moment - timedelta(days=2))

    def in_area(self, area: Area | None) -> "OccurrenceQuerySet":
        """The area's dates; None is every area."""
        return self if area is None else self.filter(area=area)

    def upcoming_in_area(self, area: Area | None, start: datetime, end: datetime) -> "OccurrenceQuerySet":
        """The area's public dates that start in [start, end), earliest first, each with its activity
        (the brochure and the front door read these); None is every area."""
        return (
            self.listed()
            .in_area(area)
            .between(start, end)
            .select_related("activity", "activity__area", "activity__organisation")
            .order_by("starts_at", "id")
        )


class Occurrence(models.Model):
    """One date of an activity. Cancelled dates stay (with the reason) so the series never lays
    them out again; a moved date keeps the time the rule gave it in series_starts_at."""

    activity = models.ForeignKey(Activity, models.CASCADE, related_name="occurrences")
    # Copied from the activity (and kept in step by the actions): the list filters by area and
    # category and orders by time in one index, without a join for the filter.
    area = models.ForeignKey(Area, models.PROTECT, related_name="+")
    category = models.ForeignKey(Category, models.PROTECT, related_name="+")
    series_starts_at = models.DateTimeField()
    starts_at = models.DateTimeField(_("fra"))
    ends_at = models.DateTimeField(_("til"))
    cancelled_at = models.DateTimeField(_("aflyst"), null=True, blank=True)
    note = models.CharField(
        _("besked til deltagerne"),
        max_length=200,
        blank=True,
        help_text=_("Fx: Vi mødes i den lille sal denne gang."),
    )
    capacity = models.PositiveIntegerField(_("antal pladser"), null=True, blank=True)
    taken = models.PositiveIntegerField(_("tilmeldte"), default=0)

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("gang")
        verbose_name_plural = _("gange")
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["starts_at"], name="activities_occ_starts"),
            models.Index(fields=["area", "starts_at"], name="activities_occ_area_starts"),
            models.Index(fields=["category", "starts_at"], name="activities_occ_category_starts"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["activity", "series_starts_at"], name="activities_occurrence_once"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="activities_occ_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(taken__lte=models.F("capacity")),
                name="activities_occurrence_within_capacity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity} · {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("activities:occurrence", args=[self.pk])

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def is_moved(self) -> bool:
        return self.starts_at != self.series_starts_at

    @property
    def has_ended(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def free_places(self) -> int | None:
        """Places left; None when there is no limit."""
        if self.capacity is None:
            return None
        return max(self.capacity - self.taken, 0)

    @property
    def is_full(self) -> bool:
        return self.capacity is not None and self.taken >= self.capacity

    @property
    def local_date(self) -> date:
        return timezone.localtime(self.starts_at).date()


class SignupQuerySet(models.QuerySet["Signup"]):
    def active(self) -> "SignupQuerySet":
        """Holding a place or a place on the waitlist."""
        return self.filter(status__in=(Signup.Status.CONFIRMED, Signup.Status.WAITLISTED))

    def waitlist(self) -> "SignupQuerySet":
        return self.filter(status=Signup.Status.WAITLISTED).order_by("queued_at", "id")


class Signup(models.Model):
    """A person's place (or place on the waitlist) at one date. A person without an account
    confirms by a mailed link first; until then the sign-up holds nothing. The link carries `key`,
    signed (links.py): no name, address or id in a URL."""

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Venter på bekræftelse")
        CONFIRMED = "confirmed", _("Tilmeldt")
        WAITLISTED = "waitlisted", _("På venteliste")
        CANCELLED = "cancelled", _("Afmeldt")

    class Channel(models.TextChoices):
        WEB = "web", _("På siden")
        API = "api", _("Med API")
        PHONE = "phone", _("Over telefonen")
        PAPER = "paper", _("På papir")
        IN_PERSON = "in_person", _("Ved personligt fremmøde")

    occurrence = models.ForeignKey(Occurrence, models.CASCADE, related_name="signups")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    name = models.CharField(_("navn"), max_length=100)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    phone = models.CharField(_("telefonnummer"), max_length=20, blank=True)  # E.164, lib.phone
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    channel = models.CharField(_("hvordan"), max_length=10, choices=Channel.choices, default=Channel.WEB)
    # The tovholder or staff member who signed the person up on their behalf.
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    key = models.CharField(max_length=43, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    # When the person got a place or joined the waitlist: the waitlist moves up in this order.
    queued_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = SignupQuerySet.as_manager()

    class Meta:
        verbose_name = _("tilmelding")
        verbose_name_plural = _("tilmeldinger")
        ordering = ["queued_at", "id"]
        indexes = [models.Index(fields=["occurrence", "status", "queued_at"], name="activities_signup_queue")]
        constraints = [
            models.UniqueConstraint(
                fields=["occurrence", "user"],
                condition=Q(user__isnull=False) & ~Q(status="cancelled"),
                name="activities_signup_user_once",
            ),
            models.UniqueConstraint(
                "occurrence",
                Lower("email"),
                condition=~Q(email="") & ~Q(status="cancelled"),
                name="activities_signup_email_once",
            ),
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(phone="") | Q(user__isnull=False),
                name="activities_signup_reachable",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pk} · occurrence {self.occurrence_id} · {self.status}"

    @property
    def is_on_behalf(self) -> bool:
        return self.registered_by_id is not None and self.registered_by_id != self.user_id

    def contact_email(self) -> str:
        if self.email:
            return self.email
        user: Any = self.user
        return user.email if user is not None else ""
