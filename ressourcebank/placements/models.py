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


# --- Matching a person to a place, and the agreement that follows --------------------------------


class ProposalQuerySet(models.QuerySet["Proposal"]):
    def of_organisation(self, organisation: Organisation) -> "ProposalQuerySet":
        return self.filter(place__workplace__organisation=organisation)

    def waiting_for_business(self) -> "ProposalQuerySet":
        return self.filter(status=Proposal.Status.PROPOSED)

    def waiting_for_approval(self) -> "ProposalQuerySet":
        return self.filter(status=Proposal.Status.ACCEPTED)


class Proposal(models.Model):
    """A citizen proposed for an open place by the tovholder who holds their case, on the citizen's
    consent to share with the business. Never a CPR number. The business sees the first name and
    the introduction while that consent is in force, and nothing else (permissions.business_view)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Venter på virksomhedens svar")
        ACCEPTED = "accepted", _("Virksomheden har sagt ja. Venter på kommunen")
        DECLINED = "declined", _("Virksomheden har sagt nej")
        APPROVED = "approved", _("Godkendt. Aftalen er lavet")
        WITHDRAWN = "withdrawn", _("Trukket tilbage")

    OPEN = (Status.PROPOSED, Status.ACCEPTED)

    place = models.ForeignKey(Place, models.PROTECT, related_name="proposals", verbose_name=_("plads"))
    case = models.ForeignKey("cases.Case", models.PROTECT, related_name="+")
    member = models.ForeignKey("cases.HouseholdMember", models.PROTECT, related_name="+", verbose_name=_("borger"))
    # The consent the sharing rests on; asked again at every read, so a withdrawal stops it at once.
    consent = models.ForeignKey("cases.Consent", models.PROTECT, related_name="+")
    # A slug of data/durations.json: it decides how long the agreement may last.
    target_group = models.CharField(_("borgerens målgruppe"), max_length=40)
    is_young = models.BooleanField(_("borgeren er under 30 år"), default=False)
    introduction = models.TextField(
        _("det vil borgeren gerne fortælle virksomheden"),
        max_length=1000,
        help_text=_("Skriv det sammen med borgeren. Virksomheden ser det og borgerens fornavn, intet andet."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    proposed_at = models.DateTimeField(_("foreslået"), default=timezone.now)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    answered_at = models.DateTimeField(_("besvaret"), null=True, blank=True)
    decline_reason = models.TextField(_("hvorfor ikke?"), max_length=500, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    approved_at = models.DateTimeField(_("godkendt"), null=True, blank=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("forslag til en plads")
        verbose_name_plural = _("forslag til pladser")
        ordering = ["-proposed_at", "-id"]
        constraints = [
            # One open proposal of a person to a place: a second click proposes nobody twice.
            models.UniqueConstraint(
                fields=["place", "member"],
                condition=Q(status__in=["proposed", "accepted"]),
                name="placements_one_open_proposal_per_person_and_place",
            ),
            models.CheckConstraint(
                condition=Q(status="proposed") | Q(answered_at__isnull=False) | Q(status="withdrawn"),
                name="placements_proposal_answered_when_answered",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(approved_at__isnull=False),
                name="placements_proposal_approved_at_when_approved",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.place} · {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN


class AgreementQuerySet(models.QuerySet["Agreement"]):
    def of_organisation(self, organisation: Organisation) -> "AgreementQuerySet":
        return self.filter(place__workplace__organisation=organisation)

    def active(self) -> "AgreementQuerySet":
        return self.filter(status=Agreement.Status.ACTIVE)


class Agreement(models.Model):
    """The agreement the municipality approves: what the state's form asks for, with nothing that
    identifies the citizen beyond the case it belongs to (no CPR number). Its dates keep the duration
    rule of the citizen's target group and never start before the place was approved (actions)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("I gang")
        ENDED = "ended", _("Afsluttet")

    class Outcome(models.TextChoices):
        ORDINARY_JOB = "ordinary_job", _("Ordinært job")
        EDUCATION = "education", _("Uddannelse")
        FLEKSJOB = "fleksjob", _("Fleksjob")
        CONTINUED_SUPPORT = "continued_support", _("Fortsat støtte")
        OTHER = "other", _("Andet")

    proposal = models.OneToOneField(Proposal, models.PROTECT, related_name="agreement")
    # The place again, so the business's lists and the figures need no detour through the proposal.
    place = models.ForeignKey(Place, models.PROTECT, related_name="agreements", verbose_name=_("plads"))
    purpose = models.TextField(_("formål"), max_length=1000)
    starts_on = models.DateField(_("startdato"))
    ends_on = models.DateField(_("slutdato"))
    hours_per_week = models.PositiveSmallIntegerField(_("timer om ugen"))
    business_contact_name = models.CharField(_("virksomhedens kontaktperson"), max_length=150)
    business_contact_phone = models.CharField(_("kontaktpersonens telefon"), max_length=30, blank=True)
    business_contact_email = models.EmailField(_("kontaktpersonens e-mail"), max_length=254, blank=True)
    employee_representative = models.CharField(
        _("medarbejderrepræsentant"),
        max_length=150,
        blank=True,
        help_text=_("Tillidsrepræsentant eller en anden, der taler for de ansatte. Kan udelades, hvis der ingen er."),
    )
    municipal_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("kommunens kontaktperson")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    outcome = models.CharField(_("hvad førte det til?"), max_length=20, choices=Outcome.choices, blank=True)
    ended_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("aftale")
        verbose_name_plural = _("aftaler")
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["status", "starts_on"], name="placements_agreement_status")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="placements_agreement_dates"),
            models.CheckConstraint(condition=Q(hours_per_week__gte=1), name="placements_agreement_hours"),
            models.CheckConstraint(
                condition=Q(status="active", outcome="", ended_at__isnull=True)
                | (Q(status="ended", ended_at__isnull=False) & ~Q(outcome="")),
                name="placements_agreement_outcome_iff_ended",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.place} · {self.starts_on}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("placements:agreement", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


class FollowUp(models.Model):
    """One of the two follow-ups of an agreement, midway and at the end; a mail reminds both sides
    (send_follow_up_reminders). The note is the municipality's and never shown to the business."""

    class Kind(models.TextChoices):
        MIDWAY = "midway", _("Midtvejs")
        FINAL = "final", _("Ved afslutningen")

    agreement = models.ForeignKey(Agreement, models.CASCADE, related_name="follow_ups")
    kind = models.CharField(_("opfølgning"), max_length=10, choices=Kind.choices)
    due_on = models.DateField(_("dato"))
    reminded_at = models.DateTimeField(_("påmindelse sendt"), null=True, blank=True)
    held_on = models.DateField(_("holdt"), null=True, blank=True)
    held_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    note = models.TextField(_("hvad talte I om?"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("opfølgning")
        verbose_name_plural = _("opfølgninger")
        ordering = ["due_on", "id"]
        constraints = [models.UniqueConstraint(fields=["agreement", "kind"], name="placements_one_follow_up_per_kind")]
        indexes = [models.Index(fields=["held_on", "reminded_at", "due_on"], name="placements_follow_up_due")]

    def __str__(self) -> str:
        return f"{self.agreement} · {self.get_kind_display()}"


class Extension(models.Model):
    """An agreement got a new end date, checked again against the duration rule. Kept as history."""

    agreement = models.ForeignKey(Agreement, models.CASCADE, related_name="extensions")
    previous_ends_on = models.DateField(_("tidligere slutdato"))
    new_ends_on = models.DateField(_("ny slutdato"))
    reason = models.TextField(_("hvorfor forlænges aftalen?"), max_length=1000)
    extended_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    extended_at = models.DateTimeField(_("forlænget"), default=timezone.now)

    class Meta:
        verbose_name = _("forlængelse")
        verbose_name_plural = _("forlængelser")
        ordering = ["extended_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(new_ends_on__gt=models.F("previous_ends_on")), name="placements_extension_is_later"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agreement} → {self.new_ends_on}"
