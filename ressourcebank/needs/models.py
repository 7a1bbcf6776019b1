from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ressourcebank.accounts.models import User
from ressourcebank.offers.models import ProviderKind
from ressourcebank.taxonomy.models import Area, Category


def _public() -> Q:
    return Q(visibility=Need.Visibility.PUBLIC, status=Need.Status.OPEN)


def _editable_by(user: User) -> Q:
    return Q(owner=user) | Q(coordinator=user)


class NeedQuerySet(models.QuerySet["Need"]):
    def public(self) -> "NeedQuerySet":
        """Open needs the owner chose to show to everyone, anonymously."""
        return self.filter(_public())

    def editable_by(self, user: User | AnonymousUser) -> "NeedQuerySet":
        """The needs a person owns, or follows as the citizen's coordinator."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(_editable_by(user))

    def visible_to(self, user: User | AnonymousUser) -> "NeedQuerySet":
        """The one rule for who may read a need: everyone the public ones, a person also the needs
        they may edit, municipal staff all of them but those an app above keeps to its own staff
        (`hooks.staff_need_rule`: a case's needs are for the case's staff)."""
        if not user.is_authenticated:
            return self.public()
        if user.is_municipal_staff:
            from .hooks import staff_need_rule  # the hooks module imports this one

            rule = Q()
            for condition in staff_need_rule:
                rule &= condition(user)
            return self.filter(rule | _editable_by(user))
        return self.filter(_public() | _editable_by(user))

    def open(self) -> "NeedQuerySet":
        return self.filter(status=Need.Status.OPEN)


class Need(models.Model):
    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Alle kan se det, uden mit navn")
        STAFF = "staff", _("Kun kommunens medarbejdere og min tovholder")

    class Urgency(models.TextChoices):
        LOW = "low", _("Det haster ikke")
        SOON = "soon", _("Gerne inden for en uge")
        URGENT = "urgent", _("Det haster")

    class Status(models.TextChoices):
        OPEN = "open", _("Åben")
        CLOSED = "closed", _("Lukket")

    key = models.CharField(_("importnøgle"), max_length=200, null=True, blank=True, unique=True)
    title = models.CharField(_("overskrift"), max_length=120, blank=True)
    description = models.TextField(_("hvad har du brug for hjælp til?"), max_length=4000)
    category = models.ForeignKey(
        Category, models.PROTECT, null=True, blank=True, related_name="needs", verbose_name=_("kategori")
    )
    area = models.ForeignKey(Area, models.PROTECT, related_name="needs", verbose_name=_("lokalområde"))
    urgency = models.CharField(_("hvor meget haster det?"), max_length=10, choices=Urgency.choices, default=Urgency.LOW)
    visibility = models.CharField(
        _("hvem må se det?"), max_length=10, choices=Visibility.choices, default=Visibility.STAFF
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    # The citizen with an account who owns the need; empty when a coordinator registered it for
    # a citizen without one (then citizen_name says who, visible to staff and the coordinator only).
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, null=True, blank=True, related_name="needs")
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="coordinated_needs"
    )
    citizen_name = models.CharField(_("borgerens navn"), max_length=150, blank=True)
    requester = models.CharField(_("hvem har behovet"), max_length=20, choices=ProviderKind.choices, default="borger")
    has_child_contact = models.BooleanField(_("handler om børn under 15 år"), default=False)
    hours_per_month = models.PositiveIntegerField(_("timer om måneden"), null=True, blank=True)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)
    closed_at = models.DateTimeField(_("lukket"), null=True, blank=True)

    objects = NeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("behov")
        verbose_name_plural = _("behov")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["visibility", "status", "area"], name="needs_vis_status_area")]
        constraints = [
            models.CheckConstraint(
                condition=Q(owner__isnull=False) | Q(coordinator__isnull=False) | Q(key__isnull=False),
                name="needs_need_has_owner_coordinator_or_import_key",
            ),
        ]

    def __str__(self) -> str:
        return self.display_title()

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("needs:detail", args=[self.pk])

    def display_title(self) -> str:
        """The title, or the first words of the description when the citizen gave none."""
        if self.title:
            return self.title
        words = self.description.split()
        return " ".join(words[:8]) + ("…" if len(words) > 8 else "")

    @property
    def is_public(self) -> bool:
        return self.visibility == self.Visibility.PUBLIC and self.status == self.Status.OPEN
