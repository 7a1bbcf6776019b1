"""What the API reads and writes. Output is built from the models here, so every endpoint shows
an offer or a need the same way; input mirrors the forms' limits."""

from typing import Annotated, Literal

from django.conf import settings
from ninja import Schema
from ninja.schema import DjangoGetter
from pydantic import AfterValidator, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from ressourcebank.lib.limits import max_length
from ressourcebank.needs.models import Need
from ressourcebank.offers.models import MAX_CAPACITY, Offer
from ressourcebank.taxonomy.models import Category


def without_nul(value: str) -> str:
    """PostgreSQL text cannot hold NUL, so it must be refused here as a 422, as the forms do."""
    if "\x00" in value:
        raise ValueError("Null characters are not allowed.")
    return value


NoNul = AfterValidator(without_nul)

# Offers and needs share the title and description limits (a need may turn into an offer's text);
# both are read from the models, and a test checks that they agree.
TITLE_MAX = max_length(Offer, "title")
DESCRIPTION_MAX = max_length(Offer, "description")
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=TITLE_MAX), NoNul]
OptionalTitle = Annotated[str, StringConstraints(strip_whitespace=True, max_length=TITLE_MAX), NoNul]
Description = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=DESCRIPTION_MAX), NoNul]
SLUG_MAX = max_length(Category, "slug")  # an area's slug has the same limit (a test checks it)
Slug = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=SLUG_MAX), NoNul]
Availability = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=max_length(Offer, "availability")), NoNul
]
CitizenName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length(Need, "citizen_name")), NoNul
]
Amount = Annotated[int, Field(ge=1, le=MAX_CAPACITY)]
ProviderValue = Literal["borger", "virksomhed", "forening"]
CapacityKindValue = Literal["one_off", "hours_per_week", "hours_per_month", "places"]
UrgencyValue = Literal["low", "soon", "urgent"]
VisibilityValue = Literal["public", "staff"]


class InSchema(Schema):
    """A request body: a JSON object. Without this check ninja reads `[]`, `"x"`, `1` or `null` as an
    object without fields, so a PATCH with any of them answered 200 as if nothing was asked."""

    @model_validator(mode="before")
    @classmethod
    def _must_be_an_object(cls, data: object) -> object:
        # Ninja's own validator (which runs first) wraps the value in a DjangoGetter.
        value = data._obj if isinstance(data, DjangoGetter) else data
        if not isinstance(value, dict):
            raise PydanticCustomError("object_type", "The body must be a JSON object.")
        return data


def absolute_url(path: str) -> str:
    return settings.SITE_URL + path


class CategoryOut(Schema):
    slug: str
    name: str
    description: str


class AreaOut(Schema):
    slug: str
    name: str
    latitude: float | None
    longitude: float | None
    is_whole_municipality: bool


class CapacityOut(Schema):
    kind: CapacityKindValue
    amount: int | None = Field(description="Timer eller pladser; null for en enkelt gang.")
    text: str = Field(description='I ord, fx "3 af 5 timer tilbage i november".')


class OfferOut(Schema):
    id: int
    key: str | None = Field(description="Importnøglen fra kilden, eller null.")
    title: str
    description: str
    category: str = Field(description="Kategoriens slug.")
    area: str = Field(description="Lokalområdets slug.")
    provider: ProviderValue
    provider_name: str = Field(description="Organisationens navn, eller kun borgerens fornavn.")
    capacity: CapacityOut
    availability: str
    is_remote: bool
    has_child_contact: bool
    url: str = Field(description="Tilbuddets side på Ressourcebanken.")

    @staticmethod
    def of(offer: Offer) -> dict[str, object]:
        return {
            "id": offer.pk,
            "key": offer.key,
            "title": offer.title,
            "description": offer.description,
            "category": offer.category.slug,
            "area": offer.area.slug,
            "provider": offer.provider,
            "provider_name": offer.provider_name(),
            "capacity": {"kind": offer.capacity_kind, "amount": offer.capacity_amount, "text": offer.capacity_text()},
            "availability": offer.availability,
            "is_remote": offer.is_remote,
            "has_child_contact": offer.has_child_contact,
            "url": absolute_url(offer.get_absolute_url()),
        }


class OwnOfferOut(OfferOut):
    """An offer as its owner sees it: with its status and why it is not public yet."""

    status: Literal["pending", "published", "rejected", "paused", "archived"]
    is_public: bool
    waiting_reasons: list[str]
    rejection_reason: str

    @staticmethod
    def of(offer: Offer) -> dict[str, object]:
        return {
            **OfferOut.of(offer),
            "status": offer.status,
            "is_public": offer.is_public,
            "waiting_reasons": offer.waiting_reasons(),
            "rejection_reason": offer.rejection_reason,
        }


class OfferPage(Schema):
    count: int = Field(description="Antal tilbud i alt, der passer (højst det tal, søgningen rangerer).")
    count_is_capped: bool = Field(description="Sand når der er flere end count, fordi søgningen stopper der.")
    results: list[OfferOut]


class OfferIn(InSchema):
    title: Title
    description: Description
    category: Slug
    area: Slug
    capacity_kind: CapacityKindValue = "one_off"
    capacity_amount: Amount | None = Field(None, description="Påkrævet, medmindre capacity_kind er one_off.")
    availability: Availability = ""
    is_remote: bool = False
    has_child_contact: bool = Field(False, description="Fast kontakt med børn under 15 år: kræver en børneattest.")
    organisation_id: int | None = Field(None, description="Tilbyd det for en organisation, du er medlem af.")


class OfferPatch(InSchema):
    """Only the fields given change. Who offers it is fixed once the offer exists."""

    title: Title | None = None
    description: Description | None = None
    category: Slug | None = None
    area: Slug | None = None
    capacity_kind: CapacityKindValue | None = None
    capacity_amount: Amount | None = None
    availability: Availability | None = None
    is_remote: bool | None = None
    has_child_contact: bool | None = None


class NeedOut(Schema):
    id: int
    key: str | None
    title: str
    description: str
    category: str | None
    area: str
    urgency: UrgencyValue
    visibility: VisibilityValue
    status: Literal["open", "closed"]
    has_child_contact: bool
    url: str

    @staticmethod
    def of(need: Need) -> dict[str, object]:
        return {
            "id": need.pk,
            "key": need.key,
            "title": need.title,
            "description": need.description,
            "category": need.category.slug if need.category else None,
            "area": need.area.slug,
            "urgency": need.urgency,
            "visibility": need.visibility,
            "status": need.status,
            "has_child_contact": need.has_child_contact,
            "url": absolute_url(need.get_absolute_url()),
        }


class NeedIn(InSchema):
    description: Description
    area: Slug
    title: OptionalTitle = ""
    category: Slug | None = None
    urgency: UrgencyValue = "low"
    visibility: VisibilityValue = Field("staff", description="public: alle ser det uden navn; staff: kun kommunen.")
    has_child_contact: bool = False
    citizen_name: CitizenName | None = Field(
        None, description="Kun tovholdere: registrér behovet for en borger uden konto."
    )


class NeedPatch(InSchema):
    description: Description | None = None
    area: Slug | None = None
    title: OptionalTitle | None = None
    category: Slug | None = None
    urgency: UrgencyValue | None = None
    visibility: VisibilityValue | None = None
    has_child_contact: bool | None = None


class ErrorOut(Schema):
    detail: str
