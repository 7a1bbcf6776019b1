"""Ring mig op: the free callback times of a team, and booking one. No token: a citizen needs no
account to be called back, so booking is rate-limited per client, like the page. The same action
(appointments.actions.book_slot) and the same database rule: a time is given once, and the second
of two callers taking it at the same moment gets 409."""

from datetime import datetime
from typing import Annotated, Any

from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field, StringConstraints

from ressourcebank.appointments import actions, links
from ressourcebank.appointments.limits import booking_allowed
from ressourcebank.appointments.models import Booking, Slot
from ressourcebank.inbox.models import Team
from ressourcebank.lib.limits import max_length
from ressourcebank.lib.phone import normalise_phone

from .errors import MAX_ID, field_error, query_error
from .schemas import ErrorOut, InSchema

router = Router(tags=["Ring mig op"])

SLOTS_LISTED = 200
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length(Booking, "name"))]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=30)]


class SlotOut(Schema):
    id: int
    starts_at: datetime
    ends_at: datetime
    team: str = Field(description="Teamets slug.")


class SlotFilter(Schema):
    team: Annotated[str, StringConstraints(max_length=50)] | None = Field(
        None, description="Teamets slug; uden den: alle teams."
    )


class CallbackIn(InSchema):
    slot: Annotated[int, Field(ge=1, le=MAX_ID)] = Field(description="En ledig tids id fra /callback-slots.")
    name: Name
    phone: Phone = Field(description="8 cifre (dansk) eller med landekode, fx +46 70 123 45 67.")


class CallbackOut(Schema):
    slot: int
    starts_at: datetime
    ends_at: datetime
    team: str
    manage_url: str = Field(description="Linket, hvor borgeren flytter eller aflyser tiden (gælder i 60 dage).")


def _slot_out(slot: Slot) -> dict[str, Any]:
    return {
        "id": slot.pk,
        "starts_at": slot.starts_at,
        "ends_at": slot.ends_at,
        "team": slot.team.slug if slot.team else "",
    }


@router.get("/callback-slots", response=list[SlotOut], summary="Ledige tider til Ring mig op")
def callback_slots(request: HttpRequest, filters: Query[SlotFilter]) -> Any:
    """Ledige tider, tidligste først, højst 200."""
    slots = Slot.objects.callbacks().upcoming().free().select_related("team")
    if filters.team is not None:
        team = None if "\x00" in filters.team else Team.objects.filter(slug=filters.team).first()
        if team is None:
            raise query_error("team", f'Unknown team "{filters.team[:50]}".')
        slots = slots.filter(team=team)
    return [_slot_out(slot) for slot in slots.order_by("starts_at", "id")[:SLOTS_LISTED]]


@router.post(
    "/callbacks",
    response={201: CallbackOut, 409: ErrorOut, 429: ErrorOut},
    summary="Bestil Ring mig op",
)
def book_callback(request: HttpRequest, payload: CallbackIn) -> Any:
    """Bestiller en ledig tid: 201 med tiden og linket til at flytte eller aflyse; borgeren får en
    SMS. 409, når tiden lige er taget eller er begyndt; 422 ved forkerte data; 429 ved for mange
    bestillinger fra samme klient."""
    try:
        phone = normalise_phone(payload.phone)
    except ValueError:
        raise field_error("phone", "Not a phone number: 8 digits, or + and the country code.") from None
    slot = Slot.objects.callbacks().select_related("team").filter(pk=payload.slot).first()
    if slot is None:
        raise field_error("slot", "Unknown callback slot. See /api/v1/callback-slots.")
    if not booking_allowed(request):
        return JsonResponse({"detail": "For mange bestillinger. Prøv igen om en time."}, status=429)
    if slot.starts_at <= timezone.now():
        return 409, {"detail": "Tiden er begyndt. Vælg en anden tid."}
    try:
        booking = actions.book_slot(slot, name=payload.name, phone=phone, by=None)
    except actions.SlotTaken:
        return 409, {"detail": "Tiden er lige blevet taget. Vælg en anden tid."}
    return 201, {**_slot_out(slot), "slot": slot.pk, "manage_url": links.manage_url(booking)}
