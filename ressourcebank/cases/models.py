"""The coordinator's case ("forløb"): one tovholder for a citizen and the whole family.

The most sensitive data in the system. Nothing here is read except through `permissions` (404 for
outsiders) and `actions.read_case` (every read in the access log, with the Case as the target, so the
citizen can see who opened it). A closed case is kept read-only; `closed_at` dates it for retention.
No CPR numbers: a household member is a name, a relation and an age group.
"""

import json
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ressourcebank.accounts.models import User
from ressourcebank.needs.models import Need
from ressourcebank.offers.models import Offer

# What a name or a free text becomes when a case is anonymised. A marker, not a message: it is stored.
ANONYMISED = "[anonymiseret]"


class CaseTeam(models.Model):
    """The group of tovholdere who cover for each other, with the staff who lead or support them.

    A case belongs to the team that holds it, not to a person's department: when a tovholder moves,
    their old cases stay with the team, and a team leader sees exactly the cases the team holds.
    Teams are rows, not code, since the municipality's units change with each reform.
    """

    name = models.CharField(_("navn"), max_length=120, unique=True)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CaseRole(models.Model):
    """A municipal staff member's role on a team's cases: they may read them, never change them."""

    class Role(models.TextChoices):
        LEADER = "leader", _("Teamleder")
        SUPPORT = "support", _("Faglig støtte")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="case_roles")
    team = models.ForeignKey(CaseTeam, models.CASCADE, related_name="roles")
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("rolle i et team")
        verbose_name_plural = _("roller i teams")
        constraints = [models.UniqueConstraint(fields=["user", "team"], name="cases_one_role_per_team")]

    def __str__(self) -> str:
        return f"{self.user} · {self.team} · {self.get_role_display()}"


def _substituting_today(user: Any, today: date) -> Q:
    return Q(substitute=user, absent_from__lte=today, absent_until__gte=today)


class CaseQuerySet(models.QuerySet["Case"]):
    def open(self) -> "CaseQuerySet":
        return self.filter(status=Case.Status.OPEN)

    def past_retention(self, now: datetime, days: int) -> "CaseQuerySet":
        """Closed more than `days` ago and not yet anonymised (CASE_RETENTION_DAYS)."""
        return self.filter(status=Case.Status.CLOSED, anonymised_at=None, closed_at__lt=now - timedelta(days=days))

    def held_by(self, user: User, today: date | None = None) -> "CaseQuerySet":
        """The cases the user works on as tovholder, or as substitute while the tovholder is away."""
        return self.filter(Q(tovholder=user) | _substituting_today(user, today or timezone.localdate()))

    def of_teams_of(self, user: User) -> "CaseQuerySet":
        """The cases of the teams in which a municipal staff member has a case role."""
        if not user.is_municipal_staff:
            return self.none()
        return self.filter(team__roles__user=user)

    def readable_by(self, user: User, today: date | None = None) -> "CaseQuerySet":
        """Every case the user may read as a professional (the citizen's own page is another way)."""
        today = today or timezone.localdate()
        rule = Q(tovholder=user) | _substituting_today(user, today)
        if user.is_municipal_staff:
            rule |= Q(team__roles__user=user)
        return self.filter(rule).distinct()


class Case(models.Model):
    class Kind(models.TextChoices):
        CITIZEN = "citizen", _("En borger")
        HOUSEHOLD = "household", _("En familie")

    class Status(models.TextChoices):
        OPEN = "open", _("Åbent")
        CLOSED = "closed", _("Afsluttet")

    kind = models.CharField(_("hvem handler forløbet om?"), max_length=20, choices=Kind.choices, default=Kind.CITIZEN)
    # The citizen's account, when they have one: then they see their page and their consents.
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="own_cases"
    )
    title = models.CharField(_("kort navn på forløbet"), max_length=120)
    tovholder = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="held_cases")
    substitute = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="substitute_cases"
    )
    # While the tovholder is away the substitute holds the case: the days, both included.
    absent_from = models.DateField(_("tovholderen er væk fra"), null=True, blank=True)
    absent_until = models.DateField(_("tovholderen er væk til og med"), null=True, blank=True)
    team = models.ForeignKey(CaseTeam, models.PROTECT, null=True, blank=True, related_name="cases")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    opened_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)
    closed_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)
    # Names, contact data and free text were replaced (on request, or by the retention job); the
    # rows stay, so counts and the access log still add up.
    anonymised_at = models.DateTimeField(_("anonymiseret"), null=True, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("forløb")
        verbose_name_plural = _("forløb")
        ordering = ["-opened_at", "-id"]
        indexes = [models.Index(fields=["tovholder", "status"], name="cases_tovholder_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open", closed_at__isnull=True) | Q(status="closed", closed_at__isnull=False),
                name="cases_closed_at_iff_closed",
            ),
            models.CheckConstraint(
                condition=Q(substitute__isnull=True) | ~Q(substitute=models.F("tovholder")),
                name="cases_substitute_is_someone_else",
            ),
            models.CheckConstraint(
                condition=Q(absent_from__isnull=True)
                | Q(absent_until__isnull=True)
                | Q(absent_until__gte=models.F("absent_from")),
                name="cases_absence_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(anonymised_at__isnull=True) | Q(status="closed"),
                name="cases_only_a_closed_case_is_anonymised",
            ),
            # One open case per citizen: their messages and their page have one tovholder.
            models.UniqueConstraint(
                fields=["citizen"], condition=Q(status="open"), name="cases_one_open_case_per_citizen"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("cases:detail", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None

    def is_tovholder_away(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return bool(self.absent_from and self.absent_until and self.absent_from <= today <= self.absent_until)

    def holder(self, today: date | None = None) -> User:
        """Who holds the thread today: the substitute while the tovholder is away, else the tovholder."""
        if self.substitute is not None and self.is_tovholder_away(today):
            return self.substitute
        return self.tovholder


def current_tovholder_for(user: User) -> User | None:
    """The person a citizen's messages go to: the tovholder of their open case, or the substitute
    while the tovholder is away. None when the citizen has no open case."""
    if not user.is_authenticated:
        return None
    case = Case.objects.open().filter(citizen=user).select_related("tovholder", "substitute").first()
    return case.holder() if case else None


class HouseholdMember(models.Model):
    """Someone the case concerns. Never a CPR number: a name, how they are related, an age group."""

    class Relation(models.TextChoices):
        SELF = "self", _("Borgeren selv")
        PARTNER = "partner", _("Partner eller ægtefælle")
        CHILD = "child", _("Barn")
        PARENT = "parent", _("Forælder")
        SIBLING = "sibling", _("Søskende")
        OTHER = "other", _("Anden i familien")

    class AgeGroup(models.TextChoices):
        # 15 is where børneattest rules and a child's own say change.
        CHILD = "0-14", _("Barn under 15 år")
        YOUTH = "15-17", _("Ung, 15–17 år")
        ADULT = "18-64", _("Voksen, 18–64 år")
        SENIOR = "65+", _("65 år eller ældre")

    case = models.ForeignKey(Case, models.CASCADE, related_name="members")
    name = models.CharField(_("navn"), max_length=150)
    relation = models.CharField(_("hvem er det for borgeren?"), max_length=20, choices=Relation.choices)
    age_group = models.CharField(_("alder"), max_length=10, choices=AgeGroup.choices)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("medlem af husstanden")
        verbose_name_plural = _("husstand")
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=Q(relation="self"), name="cases_one_self_per_case"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def first_name(self) -> str:
        return self.name.split(" ")[0] if self.name else ""


class AgencyKindQuerySet(models.QuerySet["AgencyKind"]):
    def active(self) -> "AgencyKindQuerySet":
        return self.filter(is_active=True)


class AgencyKind(models.Model):
    """A kind of public body on a case. Seeded from data/agency_kinds.json; staff keep them in the
    admin. A kind is retired, never deleted, so old cases keep naming it."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("navn"), max_length=120)
    position = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(_("kan vælges"), default=True)

    objects = AgencyKindQuerySet.as_manager()

    class Meta:
        verbose_name = _("slags instans")
        verbose_name_plural = _("slags instanser")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Agency(models.Model):
    """A public body on the case: who to call there, and what they are doing for the family."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="agencies")
    kind = models.ForeignKey(AgencyKind, models.PROTECT, related_name="+", verbose_name=_("slags instans"))
    name = models.CharField(_("navn på instansen"), max_length=150)
    contact_person = models.CharField(_("kontaktperson"), max_length=150, blank=True)
    role = models.CharField(_("kontaktpersonens rolle"), max_length=120, blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    doing = models.TextField(_("hvad gør de?"), max_length=1000, blank=True)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("instans")
        verbose_name_plural = _("instanser")
        ordering = ["added_at", "id"]

    def __str__(self) -> str:
        return self.name


class CaseNeed(models.Model):
    """A need the tovholder registered on the case for the citizen or a family member. The need
    itself is the bank's (needs); this says whose it is, so the member's consent governs sharing."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="case_needs")
    need = models.OneToOneField(Need, models.CASCADE, related_name="case_need")
    member = models.ForeignKey(HouseholdMember, models.PROTECT, related_name="case_needs")

    class Meta:
        verbose_name = _("behov i forløbet")
        verbose_name_plural = _("behov i forløbet")

    def __str__(self) -> str:
        return f"{self.case} · {self.need}"


class PlanGoal(models.Model):
    """A goal in the plan, in words the family uses."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="goals")
    title = models.CharField(_("mål"), max_length=200)
    member = models.ForeignKey(
        HouseholdMember, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("hvem er målet for?")
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title


class PlanAction(models.Model):
    """One action under a goal: who does it, by when, how far it is, and what happens next.

    What the citizen gives ("alle kan noget") is an action too, marked `is_contribution`: it is as
    much part of the plan as what they receive.
    """

    class OwnerKind(models.TextChoices):
        CITIZEN = "citizen", _("Borgeren")
        MEMBER = "member", _("En i familien")
        AGENCY = "agency", _("En instans")
        VOLUNTEER = "volunteer", _("En frivillig eller forening")
        TOVHOLDER = "tovholder", _("Tovholderen")

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Ikke begyndt")
        IN_PROGRESS = "in_progress", _("I gang")
        DONE = "done", _("Gjort")

    class FollowUp(models.TextChoices):
        CONTINUE = "continue", _("Fortsæt")
        CHANGE = "change", _("Lav om")
        END = "end", _("Stop")
        REASSESS = "reassess", _("Se på det igen")

    case = models.ForeignKey(Case, models.CASCADE, related_name="actions")
    goal = models.ForeignKey(PlanGoal, models.CASCADE, related_name="actions", verbose_name=_("mål"))
    title = models.CharField(_("hvad skal gøres?"), max_length=200)
    owner_kind = models.CharField(_("hvem gør det?"), max_length=20, choices=OwnerKind.choices)
    owner_member = models.ForeignKey(
        HouseholdMember, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("hvem i familien?")
    )
    owner_agency = models.ForeignKey(
        Agency, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("hvilken instans?")
    )
    due_on = models.DateField(_("hvornår skal det være gjort?"), null=True, blank=True)
    status = models.CharField(
        _("hvor langt er det?"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    follow_up = models.CharField(_("opfølgning"), max_length=20, choices=FollowUp.choices, blank=True)
    is_contribution = models.BooleanField(_("det her giver borgeren selv (alle kan noget)"), default=False)
    # The offer in the bank the citizen's contribution became, if it did.
    offer = models.ForeignKey(Offer, models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("handling")
        verbose_name_plural = _("handlinger")
        ordering = ["due_on", "created_at", "id"]
        indexes = [models.Index(fields=["case", "goal"], name="cases_action_case_goal")]

    def __str__(self) -> str:
        return self.title

    def owner_text(self) -> str:
        if self.owner_kind == self.OwnerKind.MEMBER and self.owner_member:
            return self.owner_member.name
        if self.owner_kind == self.OwnerKind.AGENCY and self.owner_agency:
            return self.owner_agency.name
        return str(self.get_owner_kind_display())


class CaseNote(models.Model):
    """A dated note by the tovholder. Never shown to volunteers or organisations."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    written_on = models.DateField(_("dato"), default=timezone.localdate)
    body = models.TextField(_("note"), max_length=4000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("noter")
        ordering = ["-written_on", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.written_on} · {self.case}"


@cache
def consent_texts() -> dict[str, Any]:
    """The consent wording per purpose and version (data/consent_texts.json)."""
    source = resources.files("ressourcebank.cases").joinpath("data/consent_texts.json")
    return json.loads(source.read_text(encoding="utf-8"))["purposes"]  # type: ignore[no-any-return]


class ConsentQuerySet(models.QuerySet["Consent"]):
    def in_force(self, today: date | None = None) -> "ConsentQuerySet":
        """Not withdrawn, and not past the day it ends."""
        today = today or timezone.localdate()
        return self.filter(withdrawn_at=None).filter(Q(ends_on=None) | Q(ends_on__gte=today))


class Consent(models.Model):
    """A citizen's (or a family member's) permission for one purpose, recorded as it was given.

    Withdrawal is a date, never a deletion: what was shared before stays lawful, and the receipt
    shows both. Sharing code asks `in_force()`, so it stops the moment `withdrawn_at` is set.
    """

    class Purpose(models.TextChoices):
        SHARE_WITH_VOLUNTEER = "share_with_volunteer", _("Dele med en frivillig eller forening")
        SHARE_WITH_AGENCY = "share_with_agency", _("Dele med en bestemt instans")
        CONTACT_EMAIL = "contact_email", _("Kontakt på e-mail")
        CONTACT_SMS = "contact_sms", _("Kontakt på sms")
        EARLY_SIGNALS = "early_signals", _("Tidlige tegn")
        # A business the citizen is proposed to for a place (placements): the first name and what
        # the citizen wrote to it, nothing else, while the consent is in force.
        SHARE_WITH_BUSINESS = "share_with_business", _("Dele med en virksomhed, jeg foreslås til")

    class Method(models.TextChoices):
        DIGITAL = "digital", _("Digitalt")
        PAPER = "paper", _("På papir")
        ORAL = "oral", _("Mundtligt")

    case = models.ForeignKey(Case, models.CASCADE, related_name="consents")
    member = models.ForeignKey(HouseholdMember, models.PROTECT, related_name="consents", verbose_name=_("hvem?"))
    purpose = models.CharField(_("hvad er samtykket til?"), max_length=30, choices=Purpose.choices)
    agency = models.ForeignKey(
        Agency, models.PROTECT, null=True, blank=True, related_name="consents", verbose_name=_("hvilken instans?")
    )
    text_version = models.CharField(_("tekstens version"), max_length=20)
    method = models.CharField(_("hvordan blev det givet?"), max_length=10, choices=Method.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(_("registreret"), default=timezone.now)
    ends_on = models.DateField(_("gælder til og med"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("trukket tilbage"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("samtykke")
        verbose_name_plural = _("samtykker")
        ordering = ["recorded_at", "id"]
        indexes = [models.Index(fields=["member", "purpose"], name="cases_consent_member_purpose")]
        constraints = [
            # Sharing with an agency names the agency; no other purpose does.
            models.CheckConstraint(
                condition=Q(purpose="share_with_agency", agency__isnull=False)
                | (~Q(purpose="share_with_agency") & Q(agency__isnull=True)),
                name="cases_consent_agency_iff_agency_purpose",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} · {self.get_purpose_display()}"

    def is_in_force(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.withdrawn_at is None and (self.ends_on is None or self.ends_on >= today)

    def text(self) -> str:
        """The words the citizen said yes to, in the version they were given."""
        purpose = consent_texts().get(self.purpose, {})
        return str(purpose.get("versions", {}).get(self.text_version, ""))


def current_consent_version(purpose: str) -> str:
    return str(consent_texts()[purpose]["current"])
