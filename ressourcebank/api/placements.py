"""Places at businesses: the approved, open places for anyone; a member posts a place for their
business with a token. The rules are the form's (placements.rules): a broken one is a 422 whose
`type` names it (`hours_max`, `hours_range`, `ratio`, ...)."""

from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import ValidationError
from pydantic import Field, StringConstraints

from ressourcebank.lib.limits import max_length
from ressourcebank.placements.actions import PlaceBreaksRules, PlaceData, create_place
from ressourcebank.placements.models import Place, Workplace
from ressourcebank.placements.permissions import businesses_for

from .auth import TokenRequest, token_auth
from .errors import MAX_ID, area_from_slug, field_error, query_error
from .schemas import SLUG_MAX, InSchema, NoNul

router = Router(tags=["Pladser i virksomheder"])

KindValue = Literal["virksomhedspraktik", "loentilskud", "fleksjob", "skaanejob"]
PlaceTitle = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length(Place, "title")), NoNul
]
Tasks = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length(Place, "tasks")), NoNul
]
Hours = Annotated[int, Field(ge=1, le=168, description="Timer om ugen; reglen siger højst 37.")]
MAX_OFFSET = 10_000


class PlaceOut(Schema):
    id: int
    kind: KindValue
    title: str
    tasks: str
    hours_per_week_min: int
    hours_per_week_max: int
    places: int
    young: bool
    area: str = Field(description="Lokalområdets slug.")
    organisation: int
    workplace: int

    @staticmethod
    def of(place: Place) -> dict[str, Any]:
        return {
            "id": place.pk,
            "kind": place.kind,
            "title": place.title,
            "tasks": place.tasks,
            "hours_per_week_min": place.hours_per_week_min,
            "hours_per_week_max": place.hours_per_week_max,
            "places": place.places,
            "young": place.young,
            "area": place.workplace.area.slug,
            "organisation": place.workplace.organisation_id,
            "workplace": place.workplace_id,
        }


class OwnPlaceOut(PlaceOut):
    status: Literal["pending", "open", "filled", "closed", "rejected"]

    @staticmethod
    def of(place: Place) -> dict[str, Any]:
        return PlaceOut.of(place) | {"status": place.status}


class PlaceIn(InSchema):
    organisation: int = Field(ge=1, le=MAX_ID, description="Virksomheden, du er medlem af.")
    workplace: int = Field(ge=1, le=MAX_ID, description="Et af virksomhedens arbejdssteder.")
    kind: KindValue
    title: PlaceTitle
    tasks: Tasks
    hours_per_week_min: Hours
    hours_per_week_max: Hours
    places: int = Field(1, ge=1, le=100, description="Hvor mange personer ad gangen.")
    young: bool = Field(False, description="Passer til unge under 30.")


@router.get("", response=list[PlaceOut], summary="Godkendte, ledige pladser")
def list_places(
    request: HttpRequest,
    kind: KindValue | None = None,
    area: str | None = Query(None, max_length=SLUG_MAX, description="Lokalområdets slug."),
    young: bool | None = Query(None, description="Kun pladser, der passer (true) eller ikke passer til unge under 30."),
    limit: int = Query(50, ge=1, le=100),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
) -> list[dict[str, Any]]:
    """Pladser, kommunen har godkendt, hos godkendte virksomheder; nyeste først."""
    places = Place.objects.approved_open().select_related("workplace__area")
    if kind:
        places = places.of_kind(kind)
    if area:
        places = places.in_area(area_from_slug(area, error=query_error))
    if young is not None:
        places = places.filter(young=young)
    return [PlaceOut.of(place) for place in places.order_by("-approved_at", "-id")[offset : offset + limit]]


@router.post("", auth=token_auth, response={201: OwnPlaceOut}, summary="Tilbyd en plads")
def create(request: TokenRequest, payload: PlaceIn) -> tuple[int, dict[str, Any]]:
    """Som "Vi har en plads" på siden: pladsen venter på kommunens godkendelse (`"status": "pending"`).
    En brudt regel giver 422, hvor `type` siger hvilken: `hours_max` (mere end 37 timer),
    `hours_range` (fra er større end til) eller `ratio` (flere pladser, end arbejdsstedets ordinært
    ansatte giver plads til)."""
    user = request.auth
    organisation = businesses_for(user).filter(pk=payload.organisation).first()
    if organisation is None:
        raise field_error("organisation", "You are not a member of that business.")
    workplace = (
        Workplace.objects.select_related("organisation", "area")
        .filter(pk=payload.workplace, organisation=organisation)
        .first()
    )
    if workplace is None:
        raise field_error("workplace", "Not a workplace of that business. Add workplaces on /pladser/.")
    data = PlaceData(
        workplace=workplace,
        kind=payload.kind,
        title=payload.title,
        tasks=payload.tasks,
        hours_per_week_min=payload.hours_per_week_min,
        hours_per_week_max=payload.hours_per_week_max,
        places=payload.places,
        young=payload.young,
    )
    try:
        place = create_place(data, by=user)
    except PlaceBreaksRules as error:
        raise ValidationError(
            [
                {"type": broken.rule, "loc": ["body", "payload", broken.field or "kind"], "msg": broken.message}
                for broken in error.rule_errors
            ]
        ) from None
    return 201, OwnPlaceOut.of(place)
