"""Places at businesses: a workplace with its ordinary staff, and the places it offers before any
candidate exists (virksomhedspraktik, løntilskud, fleksjob, skånejob).

A place is shown only once the municipality has approved it: the database refuses an open or filled
place without an approval time. The rules a place is checked against (the staff ratio, hours,
durations) are in rules.py, their numbers in data/.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ressourcebank.accounts.models import Organisation
from ressourcebank.taxonomy.models import Area

P_NUMBER_VALIDATOR = RegexValidator(
    r"^\d{10}$", _("Et P-nummer er 10 cifre. Lad feltet stå tomt, hvis I ikke kender det.")
)


class Workplace(models.Model):
    """One site of a business. Its ordinary full-time employees decide how many places it may have
    at a time (rules.max_concurrent); subsidised and fixed-term staff are not counted."""

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="workplaces", verbose_name=_("virksomhed")
    )
    name = models.CharField(_("navn på arbejdsstedet"), max_length=200)
    address = models.CharField(_("adresse"), max_length=200)
    p_number = models.CharField(
        _("P-nummer"),
        max_length=10,
        blank=True,
        validators=[P_NUMBER_VALIDATOR],
        help_text=_("10 cifre. Kan udelades."),
    )
    area = models.ForeignKey(Area, models.PROTECT, related_name="workplaces", verbose_name=_("lokalområde"))
    ordinary_employees = models.PositiveIntegerField(
        _("ordinært ansatte"),
        validators=[MaxValueValidator(100_000)],
        help_text=_(
            "Fuldtidsansatte på almindelige vilkår. Ansatte med løntilskud og tidsbegrænset ansatte tæller ikke."
        ),
    )
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)

    class Meta:
        verbose_name = _("arbejdssted")
        verbose_name_plural = _("arbejdssteder")
        ordering = ["organisation__name", "name", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class PlaceQuerySet(models.QuerySet["Place"]):
    def approved_open(self) -> "PlaceQuerySet":
        """The places the municipality has approved and that still take people, at approved businesses."""
        return self.filter(
            status=Place.Status.OPEN,
            approved_at__isnull=False,
            workplace__organisation__approved_at__isnull=False,
        )

    def awaiting_approval(self) -> "PlaceQuerySet":
        return self.filter(status=Place.Status.PENDING)

    def in_use(self) -> "PlaceQuerySet":
        """Places that take up room under the staff ratio: waiting, open or filled."""
        return self.filter(status__in=Place.IN_USE)

    def of_kind(self, kind: str) -> "PlaceQuerySet":
        return self.filter(kind=kind)

    def in_area(self, area: Area) -> "PlaceQuerySet":
        return self.filter(workplace__area=area)


class Place(models.Model):
    """A standing offer of a place at a workplace, made before any candidate exists. It waits for the
    municipality's approval (pending) before it is shown (open); nobody can start before that."""

    class Kind(models.TextChoices):
        VIRKSOMHEDSPRAKTIK = "virksomhedspraktik", _("Virksomhedspraktik")
        LOENTILSKUD = "loentilskud", _("Løntilskud")
        FLEKSJOB = "fleksjob", _("Fleksjob")
        SKAANEJOB = "skaanejob", _("Skånejob")

    class Status(models.TextChoices):
        PENDING = "pending", _("Venter på godkendelse")
        OPEN = "open", _("Ledig")
        FILLED = "filled", _("Besat")
        CLOSED = "closed", _("Lukket")
        REJECTED = "rejected", _("Afvist")

    IN_USE = (Status.PENDING, Status.OPEN, Status.FILLED)

    workplace = models.ForeignKey(Workplace, models.CASCADE, related_name="places", verbose_name=_("arbejdssted"))
    kind = models.CharField(_("slags plads"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("overskrift"), max_length=120)
    tasks = models.TextField(_("arbejdsopgaver"), max_length=2000)
    learning = models.TextField(_("hvad personen lærer"), max_length=2000, blank=True)
    hours_per_week_min = models.PositiveSmallIntegerField(_("timer om ugen, mindst"))
    hours_per_week_max = models.PositiveSmallIntegerField(_("timer om ugen, højst"))
    adjustments = models.TextField(_("mulige skånehensyn"), max_length=2000, blank=True)
    mentor = models.CharField(_("mentor"), max_length=150, blank=True)
    accessibility = models.TextField(_("tilgængelighed"), max_length=1000, blank=True)
    places = models.PositiveSmallIntegerField(
        _("antal personer ad gangen"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    young = models.BooleanField(_("passer til unge under 30"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oprettet af"),
    )
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    approved_at = models.DateTimeField(_("godkendt"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("godkendt af"),
    )
    rejected_at = models.DateTimeField(_("afvist"), null=True, blank=True)
    rejection_reason = models.TextField(_("begrundelse for afvisning"), max_length=1000, blank=True)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("plads")
        verbose_name_plural = _("pladser")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(hours_per_week_min__gte=1), name="placements_place_hours_min_positive"),
            models.CheckConstraint(
                condition=Q(hours_per_week_min__lte=models.F("hours_per_week_max")),
                name="placements_place_hours_range",
            ),
            models.CheckConstraint(condition=Q(places__gte=1), name="placements_place_at_least_one"),
            # Nobody is shown, placed in or started at a place the municipality has not approved.
            models.CheckConstraint(
                condition=Q(status__in=["pending", "rejected"]) | Q(approved_at__isnull=False),
                name="placements_place_open_only_when_approved",
            ),
        ]
        indexes = [models.Index(fields=["status", "kind"], name="placements_place_status_kind")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING
