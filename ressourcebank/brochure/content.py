"""What goes into a brochure, gathered from the live data: the guide's published words, the area's
published offers (a theme narrows them to one category), its counselling hours and upcoming
activities, and the "Hvor kan jeg henvende mig?" text. Only public data: the brochure is printed
and handed out."""

import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

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
class Brochure:
    area: Area
    category: Category | None
    made_at: datetime
    guide: list[GuidePage] = field(default_factory=list)
    offers: list[Offer] = field(default_factory=list)
    more_offers: int = 0
    offers_url: str = ""
    counselling: list[CounsellingHours] = field(default_factory=list)
    activities: list[Any] = field(default_factory=list)
    activities_url: str = ""
    guide_url: str = ""
    contact_title: str = ""
    contact_body: str = ""

    @property
    def title(self) -> str:
        from django.utils.translation import gettext as _

        if self.category:
            return _("%(category)s i %(area)s") % {"category": self.category.name, "area": self.area.name}
        return _("Ressourcebanken i %(area)s") % {"area": self.area.name}

    @property
    def filename(self) -> str:
        theme = f"-{self.category.slug}" if self.category else ""
        return f"pjece-{self.area.slug}{theme}.pdf"


def collect_brochure(area: Area, category: Category | None = None, now: datetime | None = None) -> Brochure:
    now = now or timezone.now()
    numbers = limits()
    brochure = Brochure(area=area, category=category, made_at=now)
    brochure.guide = list(GuidePage.objects.published())

    offers = Offer.objects.published().filter(area=area).select_related("category", "organisation", "owner")
    if category:
        offers = offers.filter(category=category)
    listed = list(offers.order_by("-published_at", "-id")[: numbers["max_offers"] + 1])
    brochure.more_offers = max(0, offers.count() - numbers["max_offers"]) if len(listed) > numbers["max_offers"] else 0
    brochure.offers = listed[: numbers["max_offers"]]
    for offer in brochure.offers:
        offer.short_description = Truncator(offer.description).chars(numbers["offer_text_chars"])  # type: ignore[attr-defined]
    query = f"?area={area.slug}" + (f"&category={category.slug}" if category else "")
    brochure.offers_url = absolute(reverse("offers:list") + query)

    for entry in CounsellingHours.objects.active().in_area(area):
        entry.next_date = entry.next_on(now)  # type: ignore[attr-defined]
        if entry.next_date is not None:  # type: ignore[attr-defined]
            brochure.counselling.append(entry)

    page = Page.objects.filter(slug=Page.Slug.CONTACT).first()
    brochure.contact_title = page.title if page else str(Page.Slug.CONTACT.label)
    brochure.contact_body = page.body if page else default_contact_body()
    brochure.activities_url = absolute(reverse("pages:area", args=[area.slug]))
    brochure.guide_url = absolute(reverse("guide:index"))
    return brochure
