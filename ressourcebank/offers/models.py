import functools
import math
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.db import connection, models
from django.db.models import Q
from django.db.models.query import ModelIterable
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ressourcebank.accounts.models import Organisation
from ressourcebank.lib.rows import columns, placeholders
from ressourcebank.taxonomy.cache import taxonomy
from ressourcebank.taxonomy.models import Area, Category


class ProviderKind(models.TextChoices):
    """Who stands behind an offer (or a need): the values are also the import/export/API format."""

    CITIZEN = "borger", _("Borger")
    BUSINESS = "virksomhed", _("Virksomhed")
    ASSOCIATION = "forening", _("Forening")


class CapacityKind(models.TextChoices):
    ONE_OFF = "one_off", _("En enkelt gang")
    HOURS_PER_WEEK = "hours_per_week", _("Timer om ugen")
    HOURS_PER_MONTH = "hours_per_month", _("Timer om måneden")
    PLACES = "places", _("Antal pladser")


def period_of(capacity_kind: str, day: date) -> tuple[date, date] | None:
    """First and last day of the quota period that holds `day`, in local dates: the calendar month or
    the week (Monday to Sunday). None when the offer has no hours quota."""
    if capacity_kind == CapacityKind.HOURS_PER_WEEK:
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=6)
    if capacity_kind == CapacityKind.HOURS_PER_MONTH:
        start = day.replace(day=1)
        next_month = (start + timedelta(days=32)).replace(day=1)
        return start, next_month - timedelta(days=1)
    return None


class OfferQuerySet(models.QuerySet["Offer"]):
    def published(self) -> "OfferQuerySet":
        """What the public may see: published, and from an approved organisation if any."""
        return self.filter(status=Offer.Status.PUBLISHED).filter(
            Q(organisation__isnull=True) | Q(organisation__approved_at__isnull=False)
        )

    def awaiting_moderation(self) -> "OfferQuerySet":
        return self.filter(status=Offer.Status.PENDING)

    # Set by with_hours_used() and with_shared_taxonomy(); carried by _clone through further chaining.
    _with_hours_used = False
    _with_shared_taxonomy = False

    def with_hours_used(self) -> "OfferQuerySet":
        """Sets `hours_in_period` (hours recorded in the current quota period) on every offer
        fetched, so a list of offers shows its capacity without one query per offer: one query
        over the page's offers with an hours quota, and none when there are none. Not an
        annotation: two correlated subqueries cost more to build and compile in Python than the
        rest of the page's query (bench/RESULTS.md). `.iterator()` skips it, and then each offer
        asks the ledger itself."""
        clone = self.all()
        clone._with_hours_used = True
        return clone

    def with_shared_taxonomy(self) -> "OfferQuerySet":
        """Each offer's category and area from the per-process taxonomy (taxonomy.cache) instead of
        joined into the query: a list's rows were a third taxonomy columns to convert. The rows are
        shared between requests, so read only; one created in another process within the cache's
        max_age is fetched as usual."""
        clone = self.all()
        clone._with_shared_taxonomy = True
        return clone

    def _clone(self) -> "OfferQuerySet":  # Django's, not in the stubs
        clone: OfferQuerySet = super()._clone()  # type: ignore[misc]
        clone._with_hours_used = self._with_hours_used
        clone._with_shared_taxonomy = self._with_shared_taxonomy
        return clone

    def _fetch_all(self) -> None:
        fetching = self._result_cache is None
        super()._fetch_all()
        if fetching and self._iterable_class is ModelIterable:
            offers: list[Offer] = self._result_cache  # type: ignore[assignment]
            if self._with_hours_used:
                set_hours_used(offers)
            if self._with_shared_taxonomy:
                set_shared_taxonomy(offers)


# The most hours or places one offer gives; forms and the API hold to it.
MAX_CAPACITY = 1000


# --- The publish rule: the offer form, the API, moderation and the importer all go through it ---


def kept_child_check(*, had_child_contact: bool, has_child_contact: bool, obtained_on: date | None) -> date | None:
    """A recorded børneattest stays only while the offer keeps its child contact: a new promise of
    child contact needs its own record, and an offer without child contact needs none."""
    return obtained_on if had_child_contact and has_child_contact else None


def is_held_back(*, requires_moderation: bool, has_child_contact: bool, child_check_obtained_on: date | None) -> bool:
    """What keeps an offer from the public: staff's approval, or a børneattest not yet recorded."""
    return requires_moderation or (has_child_contact and child_check_obtained_on is None)


def settled_status(
    status: str, published_at: datetime | None, *, held_back: bool, now: datetime
) -> tuple[str, datetime | None]:
    """A pending or published offer is published when nothing holds it back (keeping the time it
    was first published), and pending when something does; rejected, paused and archived stay."""
    if status not in (Offer.Status.PENDING, Offer.Status.PUBLISHED):
        return status, published_at
    if held_back:
        return Offer.Status.PENDING, published_at
    return Offer.Status.PUBLISHED, published_at or now


def set_hours_used(offers: "list[Offer]") -> None:
    """`hours_in_period` on each offer: one query for those with an hours quota (see with_hours_used).
    The entries of the widest period (a week may begin last month) are summed here per offer: a
    SQL aggregate with a filter per period costs more to build than the few rows cost to add. The
    query is plain SQL (lib.rows): the ORM took longer to build it than the database to answer."""
    today = timezone.localdate()
    periods = {offer.pk: period for offer in offers if (period := period_of(offer.capacity_kind, today))}
    totals: dict[int, Decimal] = {}
    if periods:
        entry_model = apps.get_model("connections", "HoursEntry")
        connection_model = entry_model._meta.get_field("connection").related_model
        entry = columns(entry_model, "h", ("given_on", "hours"))
        quote = connection.ops.quote_name
        first_day = min(p[0] for p in periods.values())
        last_day = max(p[1] for p in periods.values())
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT c.offer_id, {entry.sql} FROM {quote(entry_model._meta.db_table)} h"  # noqa: S608
                f" JOIN {quote(connection_model._meta.db_table)} c ON c.id = h.connection_id"
                f" WHERE c.offer_id IN ({placeholders(list(periods))}) AND h.given_on BETWEEN %s AND %s",
                [
                    *periods,
                    connection.ops.adapt_datefield_value(first_day),
                    connection.ops.adapt_datefield_value(last_day),
                ],
            )
            rows = cursor.fetchall()
        for row in rows:
            given_on, hours = entry.values(row, 1)
            first, last = periods[row[0]]
            if first <= given_on <= last:
                totals[row[0]] = totals.get(row[0], Decimal(0)) + hours
    for offer in offers:
        offer.hours_in_period = totals.get(offer.pk, Decimal(0))  # type: ignore[attr-defined]


def offers_in_order(ids: Sequence[int]) -> "list[Offer]":
    """The offers with these ids that exist, in this order, as a list of results shows them: with
    their organisation and owner, category and area from the per-process taxonomy, and the hours
    used this period (as with_hours_used). Two plain queries (lib.rows): through the ORM, building
    and compiling them cost most of a search page's fetch."""
    if not ids:
        return []
    organisation_field, owner_field = Offer._meta.get_field("organisation"), Offer._meta.get_field("owner")
    offer = columns(Offer, "o")
    organisation = columns(organisation_field.related_model, "g")  # type: ignore[arg-type]
    owner = columns(owner_field.related_model, "u")  # type: ignore[arg-type]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {offer.sql}, {organisation.sql}, {owner.sql} FROM {quote(Offer._meta.db_table)} o"  # noqa: S608
            f" LEFT JOIN {quote(organisation.model._meta.db_table)} g ON g.id = o.organisation_id"
            f" LEFT JOIN {quote(owner.model._meta.db_table)} u ON u.id = o.owner_id"
            f" WHERE o.id IN ({placeholders(ids)})",
            list(ids),
        )
        rows = cursor.fetchall()
    by_pk: dict[int, Offer] = {}
    for row in rows:
        found: Offer = offer.load(row)
        if found.organisation_id is not None:  # type: ignore[attr-defined]
            organisation_field.set_cached_value(found, organisation.load(row, offer.width))  # type: ignore[union-attr]
        if found.owner_id is not None:  # type: ignore[attr-defined]
            owner_field.set_cached_value(found, owner.load(row, offer.width + organisation.width))  # type: ignore[union-attr]
        by_pk[found.pk] = found
    offers = [by_pk[pk] for pk in ids if pk in by_pk]
    set_hours_used(offers)
    set_shared_taxonomy(offers)
    return offers


def set_shared_taxonomy(offers: "list[Offer]") -> None:
    """Each offer's category and area from the per-process taxonomy (see with_shared_taxonomy)."""
    held = taxonomy()
    categories, areas = held.category_by_id, held.area_by_id
    category_field, area_field = Offer._meta.get_field("category"), Offer._meta.get_field("area")
    for offer in offers:
        if (category := categories.get(offer.category_id)) is not None:
            category_field.set_cached_value(offer, category)  # type: ignore[union-attr]
        if (area := areas.get(offer.area_id)) is not None:
            area_field.set_cached_value(offer, area)  # type: ignore[union-attr]


# An id no offer will have, replaced by the offer's own: the detail URL is reversed once per URL
# configuration and script prefix instead of once per offer (a tenth of the API list's time).
_URL_MARK = 987654321012


@functools.lru_cache(maxsize=16)
def _detail_url(urlconf: str, prefix: str) -> tuple[str, str]:
    before, _, after = reverse("offers:detail", args=[_URL_MARK], urlconf=urlconf).partition(str(_URL_MARK))
    return before, after


class Offer(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Venter på godkendelse")
        PUBLISHED = "published", _("Offentliggjort")
        REJECTED = "rejected", _("Afvist")
        PAUSED = "paused", _("Sat på pause")
        ARCHIVED = "archived", _("Arkiveret")

    # The source's own id when the offer came from an import; importing the key again updates it.
    key = models.CharField(_("importnøgle"), max_length=200, null=True, blank=True, unique=True)
    title = models.CharField(_("overskrift"), max_length=120)
    description = models.TextField(_("beskrivelse"), max_length=4000)
    category = models.ForeignKey(Category, models.PROTECT, related_name="offers", verbose_name=_("kategori"))
    area = models.ForeignKey(Area, models.PROTECT, related_name="offers", verbose_name=_("lokalområde"))
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, null=True, blank=True, related_name="offers")
    organisation = models.ForeignKey(
        Organisation, models.CASCADE, null=True, blank=True, related_name="offers", verbose_name=_("organisation")
    )
    provider = models.CharField(_("udbyder"), max_length=20, choices=ProviderKind.choices)
    capacity_kind = models.CharField(
        _("hvor meget"), max_length=20, choices=CapacityKind.choices, default=CapacityKind.ONE_OFF
    )
    capacity_amount = models.PositiveIntegerField(_("antal"), null=True, blank=True)  # 1 to MAX_CAPACITY
    availability = models.CharField(_("hvornår"), max_length=300, blank=True)
    is_remote = models.BooleanField(_("kan gives over telefon eller online"), default=False)
    has_child_contact = models.BooleanField(_("fast kontakt med børn under 15 år"), default=False)
    # Only that a børneattest was obtained and when; never its content.
    child_check_obtained_on = models.DateField(_("børneattest indhentet"), null=True, blank=True)
    child_check_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    # A citizen's first offers wait for staff; once one is approved, later ones publish directly.
    requires_moderation = models.BooleanField(_("venter på godkendelse"), default=False)
    rejection_reason = models.TextField(_("begrundelse"), max_length=1000, blank=True)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    moderated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)
    published_at = models.DateTimeField(_("offentliggjort"), null=True, blank=True)

    objects = OfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("tilbud")
        verbose_name_plural = _("tilbud")
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "category", "area"], name="offers_status_cat_area"),
            models.Index(fields=["status", "-published_at"], name="offers_status_published"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published")
                | Q(has_child_contact=False)
                | Q(child_check_obtained_on__isnull=False),
                name="offers_child_contact_needs_child_check",
            ),
            models.CheckConstraint(
                condition=Q(capacity_kind="one_off", capacity_amount__isnull=True)
                | (~Q(capacity_kind="one_off") & Q(capacity_amount__gte=1)),
                name="offers_capacity_amount_fits_kind",
            ),
            models.CheckConstraint(
                condition=Q(provider="borger", organisation__isnull=True) | ~Q(provider="borger"),
                name="offers_citizen_offer_has_no_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        before, after = _detail_url(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
        return f"{before}{self.pk}{after}"

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED and (
            self.organisation_id is None or self.organisation.is_approved  # type: ignore[union-attr]
        )

    @property
    def is_waiting_for_child_check(self) -> bool:
        return self.has_child_contact and self.child_check_obtained_on is None

    @property
    def is_ready_to_publish(self) -> bool:
        return not is_held_back(
            requires_moderation=self.requires_moderation,
            has_child_contact=self.has_child_contact,
            child_check_obtained_on=self.child_check_obtained_on,
        )

    def settle_status(self) -> None:
        """Applies the publish rule to this offer (not saved)."""
        self.status, self.published_at = settled_status(
            self.status, self.published_at, held_back=not self.is_ready_to_publish, now=timezone.now()
        )

    def waiting_reasons(self) -> list[str]:
        """Why an offer is not public yet, in words the owner understands."""
        reasons = []
        if self.requires_moderation:
            reasons.append(str(_("En medarbejder skal godkende tilbuddet. Det sker normalt inden for to hverdage.")))
        if self.is_waiting_for_child_check:
            reasons.append(
                str(_("Der skal være registreret en børneattest, fordi tilbuddet giver fast kontakt med børn."))
            )
        if self.organisation_id and not self.organisation.is_approved:  # type: ignore[union-attr]
            reasons.append(str(_("Organisationen skal først godkendes af kommunen.")))
        return reasons

    def provider_name(self) -> str:
        """The name shown publicly: the organisation's, or a citizen's first name only."""
        if self.organisation_id:
            return self.organisation.name  # type: ignore[union-attr]
        if self.owner_id:
            return self.owner.get_short_name()  # type: ignore[union-attr]
        return str(ProviderKind(self.provider).label)

    def hours_recorded_in_period(self) -> Decimal:
        """Hours recorded in the current quota period (the ledger in connections), corrections included.
        One aggregate query, or none when the queryset used with_hours_used()."""
        annotated = getattr(self, "hours_in_period", None)
        if annotated is not None:
            return Decimal(annotated)
        period = period_of(self.capacity_kind, timezone.localdate())
        if period is None or self.pk is None:
            return Decimal(0)
        entries = apps.get_model("connections", "HoursEntry").objects.filter(connection__offer=self)
        return entries.filter(given_on__range=period).total()  # type: ignore[attr-defined,no-any-return]

    def hours_used_in_period(self) -> int:
        """Whole hours used this period, a started hour counted as used (what is left is never overstated)."""
        return math.ceil(self.hours_recorded_in_period())

    def capacity_text(self) -> str:
        """The capacity in plain Danish, e.g. "3 af 5 timer tilbage i november"."""
        amount = self.capacity_amount or 0
        if self.capacity_kind == CapacityKind.HOURS_PER_MONTH:
            left = max(amount - self.hours_used_in_period(), 0)
            month = formats.date_format(timezone.localdate(), "F")
            return ngettext(
                "%(left)s af %(amount)s time tilbage i %(month)s",
                "%(left)s af %(amount)s timer tilbage i %(month)s",
                amount,
            ) % {"left": left, "amount": amount, "month": month}
        if self.capacity_kind == CapacityKind.HOURS_PER_WEEK:
            left = max(amount - self.hours_used_in_period(), 0)
            return ngettext(
                "%(left)s af %(amount)s time tilbage denne uge",
                "%(left)s af %(amount)s timer tilbage denne uge",
                amount,
            ) % {"left": left, "amount": amount}
        if self.capacity_kind == CapacityKind.PLACES:
            return ngettext("%(amount)s plads", "%(amount)s pladser", amount) % {"amount": amount}
        return str(_("En enkelt gang"))
