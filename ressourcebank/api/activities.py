"""Fællesskaber: the public dates of activities, and signing oneself up or giving the place back
with a token. The same actions as the pages (activities.actions.sign_up and give_back), so the
capacity holds and the waitlist moves up the same way.

Giving back is `DELETE /activities/{occurrence}/signups`, on the date rather than on a sign-up id:
a person has at most one sign-up per date (the database holds to it), so the date names it, a
client needs to keep nothing from the POST, and POST and DELETE are the same address."""

from datetime import date, datetime, time, timedelta
from typing import Annotated, Any, Literal

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Path, Query, Router, Schema
from pydantic import Field, StringConstraints

from ressourcebank.activities import actions
from ressourcebank.activities.models import Occurrence, Signup
from ressourcebank.activities.recurrence import local
from ressourcebank.taxonomy.cache import taxonomy

from .auth import TokenRequest, token_auth
from .errors import MAX_ID, area_from_slug, query_error
from .schemas import SLUG_MAX, ErrorOut

router = Router(tags=["Fællesskaber"])

MAX_DAYS = 366
DEFAULT_DAYS = 90
LISTED = 200


class LabelOut(Schema):
    slug: str
    name: str


class OccurrenceOut(Schema):
    id: int = Field(description="Gangens id: brug det til tilmelding.")
    title: str
    starts_at: datetime
    ends_at: datetime
    area: str = Field(description="Lokalområdets slug.")
    place: str = Field(description="Stedet og adressen.")
    labels: list[LabelOut] = Field(description="Fx “Bare mød op” (activities/data/labels.json).")
    capacity: int | None = Field(description="Pladser denne gang; null, når der ikke er tilmelding eller ingen grænse.")
    free_places: int | None = Field(description="Ledige pladser; null, når der ikke er nogen grænse.")
    ical_url: str = Field(description="Aktivitetens kalender (iCal) med alle kommende gange.")

    @staticmethod
    def of(occurrence: Occurrence) -> dict[str, Any]:
        activity = occurrence.activity
        limited = activity.needs_signup and occurrence.capacity is not None
        held = taxonomy().area_by_id.get(occurrence.area_id)
        return {
            "id": occurrence.pk,
            "title": activity.title,
            "starts_at": occurrence.starts_at,
            "ends_at": occurrence.ends_at,
            "area": held.slug if held else occurrence.area.slug,
            "place": ", ".join(part for part in (activity.place, activity.address) if part),
            "labels": [{"slug": label.slug, "name": label.name} for label in activity.labels],
            "capacity": occurrence.capacity if limited else None,
            "free_places": occurrence.free_places if limited else None,
            "ical_url": settings.SITE_URL + f"/faellesskaber/{activity.pk}/kalender.ics",
        }


class SignupOut(Schema):
    id: int
    occurrence: int
    status: Literal["confirmed", "waitlisted"] = Field(
        description="confirmed: en plads. waitlisted: på ventelisten; en plads gives af sig selv, "
        "og der kommer en mail."
    )
    free_places: int | None


def _signup_out(signup: Signup) -> dict[str, Any]:
    occurrence = Occurrence.objects.get(pk=signup.occurrence_id)
    return {
        "id": signup.pk,
        "occurrence": occurrence.pk,
        "status": signup.status,
        "free_places": occurrence.free_places,
    }


def _listed(occurrence_id: int) -> Occurrence:
    occurrence = Occurrence.objects.listed().select_related("activity").filter(pk=occurrence_id).first()
    if occurrence is None:
        raise Http404
    return occurrence


# A date as written in the description only: pydantic alone would also take a number of seconds.
IsoDate = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]


def _day(name: str, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise query_error(name, "Give a date as YYYY-MM-DD.") from None


class OccurrenceFilter(Schema):
    area: Annotated[str, StringConstraints(max_length=SLUG_MAX)] | None = Field(None, description="Lokalområdets slug.")
    from_: IsoDate | None = Field(None, alias="from", description="Første dag (ÅÅÅÅ-MM-DD); standard i dag.")
    to: IsoDate | None = Field(None, description="Sidste dag, inklusive (ÅÅÅÅ-MM-DD); standard 90 dage efter `from`.")


@router.get("", response=list[OccurrenceOut], summary="Kommende gange af åbne aktiviteter")
def list_occurrences(request: HttpRequest, filters: Query[OccurrenceFilter]) -> Any:
    """Ikke aflyste gange af offentliggjorte aktiviteter, tidligste først, højst 200; højst 366 dage
    ad gangen."""
    area, from_, to = filters.area, _day("from", filters.from_), _day("to", filters.to)
    first = from_ or timezone.localdate()
    last = to or first + timedelta(days=DEFAULT_DAYS)
    if last < first:
        raise query_error("to", "`to` must be on or after `from`.")
    if (last - first).days > MAX_DAYS:
        raise query_error("to", f"At most {MAX_DAYS} days at a time.")
    found = Occurrence.objects.listed().between(local(first, time()), local(last + timedelta(days=1), time()))
    if area:
        found = found.in_area(area_from_slug(area, error=query_error))
    rows = found.select_related("activity", "area").order_by("starts_at", "id")[:LISTED]
    return [OccurrenceOut.of(occurrence) for occurrence in rows]


@router.post(
    "/{occurrence_id}/signups",
    auth=token_auth,
    response={201: SignupOut, 404: ErrorOut, 409: ErrorOut},
    summary="Meld dig til en gang",
)
def sign_up(request: TokenRequest, occurrence_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    """201 med `status` "confirmed" (en plads) eller "waitlisted" (fuldt: på ventelisten). 409, når
    du allerede er meldt til, eller gangen ikke tager imod tilmeldinger (aflyst, forbi, ingen tilmelding)."""
    occurrence = _listed(occurrence_id)
    try:
        signup = actions.sign_up(occurrence, by=request.auth, channel=Signup.Channel.API)
    except actions.AlreadySignedUp:
        return 409, {"detail": "Du er allerede meldt til denne gang."}
    except actions.SignupClosed:
        return 409, {"detail": "Der er ikke tilmelding til denne gang."}
    return 201, _signup_out(signup)


@router.delete(
    "/{occurrence_id}/signups",
    auth=token_auth,
    response={204: None, 404: ErrorOut},
    summary="Giv din plads tilbage",
)
def give_back(request: TokenRequest, occurrence_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    """Din plads (eller din plads på ventelisten) gives tilbage; den første på ventelisten rykker op
    og får en mail. 404, når du ikke er meldt til."""
    occurrence = _listed(occurrence_id)
    signup = occurrence.signups.active().filter(user=request.auth).first()
    if signup is None:
        raise Http404
    actions.give_back(signup, by=request.auth)
    return HttpResponse(status=204)
