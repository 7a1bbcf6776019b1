"""What goes into a brochure, gathered from the live data: the guide's published words, the area's
published offers and upcoming activities (a theme narrows both to one category), its counselling
hours, and the "Hvor kan jeg henvende mig?" text. Only public data: the brochure is printed
and handed out."""

import tomllib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from ressourcebank.activities.models import Occurrence
from ressourcebank.appointments.models import CounsellingHours
from ressourcebank.guide.models import GuidePage
from ressourcebank.offers.models import Offer
from ressourcebank.pages.content import default_contact_body
from ressourcebank.pages.models import Page
from ressourcebank.taxonomy.models import Area, Category


@cache
def limits() -> dict[str, int]:
    text = resources.files("ressourcebank.brochure").joinpath("data/brochure.toml").read_text("utf-8")
    return tomllib.loads(text)


def absolute(path: str) -> str:
    """The web address printed beside a QR code: SITE_URL, so the paper points at the real site."""
    return settings.SITE_URL + path


@dataclass
class ActivityDates:
    """An activity with its next dates in the brochure's weeks."""

    activity: Any
    short_description: str
    dates: list[Occurrence] = field(default_factory=list)
    more_dates: bool = False


@dataclass
class Brochure:
    area: Area
    category: Category | None
    made_at: datetime
    guide: list[GuidePage] = field(default_factory=list)
    offers: list[Offer] = field(default_factory=list)
    more_offers: int = 0
    offers_url: str = ""
    counselling: list[CounsellingHours] = field(default_factory=list)
    activities: list[ActivityDates] = field(default_factory=list)
    activities_url: str = ""
    area_url: str = ""
    guide_url: str = ""
    contact_title: str = ""
    contact_body: str = ""

    @property
    def title(self) -> str:
        from django.utils.translation import gettext as _

        if self.category:
            return _("%(category)s i %(area)s") % {"category": self.category.name, "area": self.area.name_in_text}
        return _("Ressourcebanken i %(area)s") % {"area": self.area.name_in_text}

    @property
    def filename(self) -> str:
        theme = f"-{self.category.slug}" if self.category else ""
        return f"pjece-{self.area.slug}{theme}.pdf"


def collect_brochure(area: Area, category: Category | None = None, now: datetime | None = None) -> Brochure:
    now = now or timezone.now()
    numbers = limits()
    brochure = Brochure(area=area, category=category, made_at=now)
    brochure.guide = list(GuidePage.objects.published())

    # The whole municipality's brochure holds every area's help, not only what is tagged "hele kommunen".
    everywhere = area.is_whole_municipality
    offers = Offer.objects.published().select_related("category", "organisation", "owner")
    if not everywhere:
        offers = offers.filter(area=area)
    if category:
        offers = offers.filter(category=category)
    listed = list(offers.order_by("-published_at", "-id")[: numbers["max_offers"] + 1])
    brochure.more_offers = max(0, offers.count() - numbers["max_offers"]) if len(listed) > numbers["max_offers"] else 0
    brochure.offers = listed[: numbers["max_offers"]]
    for offer in brochure.offers:
        offer.short_description = Truncator(offer.description).chars(numbers["offer_text_chars"])  # type: ignore[attr-defined]
    query = "&".join(
        ([] if everywhere else [f"area={area.slug}"]) + ([f"category={category.slug}"] if category else [])
    )
    query = f"?{query}" if query else ""
    brochure.offers_url = absolute(reverse("offers:list") + query)

    for hours in CounsellingHours.objects.active().in_area(None if everywhere else area):
        hours.next_date = hours.next_on(now)  # type: ignore[attr-defined]
        if hours.next_date is not None:  # type: ignore[attr-defined]
            brochure.counselling.append(hours)

    occurrences = Occurrence.objects.upcoming_in_area(
        None if everywhere else area, now, now + timedelta(weeks=numbers["activity_weeks"])
    )
    if category:
        occurrences = occurrences.filter(category=category)
    # A weekly series is one entry with its next dates, not eight entries that say the same.
    by_activity: dict[int, ActivityDates] = {}
    for occurrence in occurrences[: numbers["max_occurrences"]]:
        entry = by_activity.get(occurrence.activity_id)
        if entry is None:
            description = Truncator(occurrence.activity.description).chars(numbers["offer_text_chars"])
            entry = by_activity[occurrence.activity_id] = ActivityDates(occurrence.activity, description)
        if len(entry.dates) < numbers["dates_per_activity"]:
            entry.dates.append(occurrence)
        else:
            entry.more_dates = True
    brochure.activities = list(by_activity.values())
    query = "&".join(
        ([] if everywhere else [f"omraade={area.slug}"]) + ([f"kategori={category.slug}"] if category else [])
    )
    query = f"?{query}" if query else ""
    brochure.activities_url = absolute(reverse("activities:list") + query)

    page = Page.objects.filter(slug=Page.Slug.CONTACT).first()
    brochure.contact_title = page.title if page else str(Page.Slug.CONTACT.label)
    brochure.contact_body = page.body if page else default_contact_body()
    brochure.area_url = absolute(reverse("pages:area", args=[area.slug]))
    brochure.guide_url = absolute(reverse("guide:index"))
    return brochure
