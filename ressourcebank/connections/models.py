"""Connections: a citizen (or their coordinator) asks the provider of an offer for help.

The hours ledger is append-only: an entry is never changed, a correction is a new entry with
negative hours that names the entry it corrects. Confirmation is the only later write to a row.
"""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ressourcebank.needs.models import Need
from ressourcebank.offers.models import Offer

MIN_HOURS = Decimal("0.25")
MAX_HOURS = Decimal("24")
# Hours the receiver has not confirmed count as confirmed after this many days.
AUTO_CONFIRM_DAYS = 14


class ConnectionQuerySet(models.QuerySet["Connection"]):
    def active(self) -> "ConnectionQuerySet":
        return self.filter(state__in=[Connection.State.REQUESTED, Connection.State.ACCEPTED])

    def waiting_for(self, user: Any) -> "ConnectionQuerySet":
        """Requests the user must answer: asked of an offer they provide, or help offered for a
        need they own or coordinate."""
        provides = Q(offer__organisation__isnull=True, offer__owner=user) | Q(
            offer__organisation__memberships__user=user
        )
        receives = Q(requester=user) | Q(need__owner=user) | Q(need__coordinator=user)
        return (
            self.filter(state=Connection.State.REQUESTED)
            .filter((Q(offered_by_provider=False) & provides) | (Q(offered_by_provider=True) & receives))
            .distinct()
        )

    def for_participant(self, user: Any) -> "ConnectionQuerySet":
        """Every connection the user takes part in, on either side."""
        return self.filter(
            Q(requester=user)
            | Q(need__owner=user)
            | Q(need__coordinator=user)
            | Q(offer__organisation__isnull=True, offer__owner=user)
            | Q(offer__organisation__memberships__user=user)
        ).distinct()


class Connection(models.Model):
    class State(models.TextChoices):
        REQUESTED = "requested", _("Venter på svar")
        ACCEPTED = "accepted", _("Aftalt")
        DECLINED = "declined", _("Afslået")
        CANCELLED = "cancelled", _("Afbrudt")
        COMPLETED = "completed", _("Afsluttet")

    offer = models.ForeignKey(Offer, models.CASCADE, related_name="connections", verbose_name=_("tilbud"))
    need = models.ForeignKey(
        Need, models.SET_NULL, null=True, blank=True, related_name="connections", verbose_name=_("behov")
    )
    # The citizen who asked, or the coordinator who asked for them.
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="requested_connections")
    state = models.CharField(_("status"), max_length=20, choices=State.choices, default=State.REQUESTED)
    request_message = models.TextField(_("besked med forespørgslen"), max_length=2000, blank=True)
    # True when a helper offered their help for a public need ("Jeg kan hjælpe"): then the receiving
    # side answers, and `requester` is the need's owner (or coordinator) the help is offered to.
    offered_by_provider = models.BooleanField(_("tilbudt af hjælperen"), default=False)
    # The provider's words with the acceptance or the refusal.
    provider_message = models.TextField(_("svar fra udbyderen"), max_length=2000, blank=True)
    # On an hours quota offer: the hours per period the provider set aside for this connection.
    reserved_hours = models.DecimalField(_("reserverede timer"), max_digits=6, decimal_places=2, null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    answered_at = models.DateTimeField(_("besvaret"), null=True, blank=True)
    ended_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)

    objects = ConnectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("forbindelse")
        verbose_name_plural = _("forbindelser")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["offer", "state"], name="connections_offer_state")]
        constraints = [
            # A second click on "Spørg" must not ask the same provider twice.
            models.UniqueConstraint(
                fields=["offer", "requester"],
                condition=Q(state__in=["requested", "accepted"]),
                name="connections_one_active_per_offer_and_requester",
            ),
            models.CheckConstraint(
                condition=Q(reserved_hours__isnull=True) | Q(reserved_hours__gt=0),
                name="connections_reserved_hours_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offer} · {self.get_state_display()}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("connections:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state in (self.State.REQUESTED, self.State.ACCEPTED)

    @property
    def shows_contact_details(self) -> bool:
        """Contact details are shown once the provider has said yes, never before."""
        return self.state in (self.State.ACCEPTED, self.State.COMPLETED)


class Message(models.Model):
    connection = models.ForeignKey(Connection, models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    body = models.TextField(_("besked"), max_length=2000)
    created_at = models.DateTimeField(_("skrevet"), default=timezone.now)

    class Meta:
        verbose_name = _("besked")
        verbose_name_plural = _("beskeder")
        ordering = ["created_at", "id"]
        constraints = [models.CheckConstraint(condition=~Q(body=""), name="connections_message_not_empty")]

    def __str__(self) -> str:
        return f"{self.connection_id} · {self.created_at:%Y-%m-%d %H:%M}"


class HoursEntryQuerySet(models.QuerySet["HoursEntry"]):
    def total(self) -> Decimal:
        return self.aggregate(total=Sum("hours"))["total"] or Decimal(0)

    def unconfirmed(self) -> "HoursEntryQuerySet":
        return self.filter(confirmed_at__isnull=True)


class HoursEntry(models.Model):
    """Hours given on one day. Never changed: corrections are new negative entries."""

    connection = models.ForeignKey(Connection, models.PROTECT, related_name="hours_entries")
    given_on = models.DateField(_("dato"))
    hours = models.DecimalField(_("timer"), max_digits=5, decimal_places=2)
    note = models.CharField(_("kort note"), max_length=200, blank=True)
    corrects = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="corrections", verbose_name=_("retter")
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("registreret"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("bekræftet"), null=True, blank=True)
    # Empty with confirmed_at set: confirmed by itself after AUTO_CONFIRM_DAYS.
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")

    objects = HoursEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("timeregistrering")
        verbose_name_plural = _("timeregistreringer")
        ordering = ["given_on", "id"]
        indexes = [models.Index(fields=["connection", "given_on"], name="connections_hours_conn_day")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(corrects__isnull=True) & Q(hours__gte=MIN_HOURS) & Q(hours__lte=MAX_HOURS))
                | (Q(corrects__isnull=False) & Q(hours__gte=-MAX_HOURS) & Q(hours__lt=0)),
                name="connections_hours_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.given_on} {self.hours}"

    def save(self, *args: object, **kwargs: object) -> None:
        # The ledger is append-only; confirming goes through a queryset update of its two fields.
        if self.pk is not None and not self._state.adding:
            raise ValueError("Hours entries are immutable; record a correction instead.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def is_correction(self) -> bool:
        return self.corrects_id is not None


class Thanks(models.Model):
    connection = models.OneToOneField(Connection, models.CASCADE, related_name="thanks")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    body = models.TextField(_("tak"), max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("tak")
        verbose_name_plural = _("tak")

    def __str__(self) -> str:
        return f"{self.connection_id}"


class ContactShare(models.Model):
    """What one person chose to show the other side once the connection is accepted."""

    connection = models.ForeignKey(Connection, models.CASCADE, related_name="contact_shares")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    share_email = models.BooleanField(_("vis min e-mail"), default=True)
    share_phone = models.BooleanField(_("vis mit telefonnummer"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["connection", "user"], name="connections_one_share_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.connection_id} · {self.user_id}"


# The declaration a volunteer accepts before helping anyone. A new text gets a new version, and
# everyone accepts it again before their next acceptance.
DECLARATION_VERSION = "2025-1"
DECLARATION_TEXT = _(
    "Når du hjælper en anden borger gennem Ressourcebanken, får du måske noget at vide om personens "
    "helbred, familie, økonomi eller hjem. Det har du tavshedspligt om.\n\n"
    "Det betyder:\n"
    "• Du fortæller ikke andre om det, du hører eller ser, når du hjælper – heller ikke familie og venner.\n"
    "• Du deler ikke billeder, navne eller beskeder fra den, du hjælper, fx på sociale medier.\n"
    "• Tavshedspligten gælder også, når du er holdt op med at hjælpe.\n"
    "• Er du bekymret for personen – fx for vold, omsorgssvigt eller alvorlig sygdom – så tal med kommunen. "
    "Det må du gerne, og det bryder ikke tavshedspligten.\n\n"
    "Ved at klikke “Jeg accepterer” lover du at overholde tavshedspligten."
)


class ConfidentialityDeclaration(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="confidentiality_declarations")
    version = models.CharField(_("version"), max_length=20)
    accepted_at = models.DateTimeField(_("accepteret"), default=timezone.now)

    class Meta:
        verbose_name = _("tavshedserklæring")
        verbose_name_plural = _("tavshedserklæringer")
        constraints = [
            models.UniqueConstraint(fields=["user", "version"], name="connections_one_declaration_per_version"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.version}"


def has_accepted_declaration(user: Any) -> bool:
    return ConfidentialityDeclaration.objects.filter(user=user, version=DECLARATION_VERSION).exists()
