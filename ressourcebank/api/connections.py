"""Connections for the people in them: ask, answer, write, record and confirm hours.

The same actions and rules as the pages; a connection someone does not take part in is 404.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from django.http import Http404
from ninja import Path, Router, Schema
from pydantic import Field, StringConstraints

from ressourcebank.accounts.models import User
from ressourcebank.connections import actions
from ressourcebank.connections.models import Connection, HoursEntry, Message
from ressourcebank.connections.permissions import (
    get_connection_for_participant,
    is_provider,
    is_provider_of,
    receiver_name_for,
    shared_need_for,
)
from ressourcebank.lib.limits import max_length
from ressourcebank.needs.permissions import get_need_for_editor, prime_provider_views
from ressourcebank.offers.models import MAX_CAPACITY
from ressourcebank.offers.permissions import get_offer_for_viewer

from .auth import TokenRequest, token_auth
from .errors import MAX_ID, field_error
from .schemas import ErrorOut, InSchema

router = Router(tags=["Forbindelser"], auth=token_auth)

MESSAGE_MAX = max_length(Message, "body")
MessageText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MESSAGE_MAX)]
Body = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MESSAGE_MAX)]
Hours = Annotated[Decimal, Field(ge=Decimal("0.25"), le=Decimal(24), decimal_places=2)]
Reserve = Annotated[Decimal, Field(ge=Decimal("0.25"), le=Decimal(MAX_CAPACITY), decimal_places=2)]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


class ConnectionOut(Schema):
    id: int
    offer: int
    need: int | None
    state: str
    request_message: str
    provider_message: str
    reserved_hours: Decimal | None
    i_am_provider: bool
    receiver_name: str = Field(description="Hvem der får hjælp, som du må se det (før et ja: aldrig et navn).")
    need_text: str | None = Field(
        description="Behovets tekst, når borgerens samtykke lader hjælperen se den (et forløbs behov); ellers null."
    )
    need_area: str | None = Field(description="Behovets lokalområde (slug) på samme betingelse; ellers null.")
    created_at: datetime
    answered_at: datetime | None
    ended_at: datetime | None

    @staticmethod
    def of(connection: Connection, user: User) -> dict[str, Any]:
        shared = shared_need_for(user, connection)
        return {
            "id": connection.pk,
            "offer": connection.offer_id,
            "need": connection.need_id,
            "state": connection.state,
            "request_message": connection.request_message,
            "provider_message": connection.provider_message,
            "reserved_hours": connection.reserved_hours,
            "i_am_provider": is_provider(user, connection),
            "receiver_name": receiver_name_for(user, connection),
            "need_text": shared.description if shared else None,
            "need_area": shared.area.slug if shared else None,
            "created_at": connection.created_at,
            "answered_at": connection.answered_at,
            "ended_at": connection.ended_at,
        }


class AskIn(InSchema):
    offer: Id
    need: Id | None = None
    message: MessageText = ""
    share_email: bool = True
    share_phone: bool = False


class AcceptIn(InSchema):
    message: MessageText = ""
    reserved_hours: Reserve | None = Field(None, description="Timer pr. periode på et tilbud med timekvote.")
    share_email: bool = True
    share_phone: bool = False


class DeclineIn(InSchema):
    message: MessageText = ""


class MessageIn(InSchema):
    body: Body


class MessageOut(Schema):
    id: int
    author: str
    is_mine: bool
    body: str
    created_at: datetime


class HoursIn(InSchema):
    given_on: date
    hours: Hours
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=max_length(HoursEntry, "note"))] = ""


class HoursOut(Schema):
    id: int
    given_on: date
    hours: Decimal
    note: str
    corrects: int | None
    confirmed_at: datetime | None

    @staticmethod
    def of(entry: HoursEntry) -> dict[str, Any]:
        return {
            "id": entry.pk,
            "given_on": entry.given_on,
            "hours": entry.hours,
            "note": entry.note,
            "corrects": entry.corrects_id,
            "confirmed_at": entry.confirmed_at,
        }


def _message_out(message: Message, user: User) -> dict[str, Any]:
    return {
        "id": message.pk,
        "author": message.author.get_short_name() if message.author else "",
        "is_mine": message.author_id == user.pk,
        "body": message.body,
        "created_at": message.created_at,
    }


@router.get("", response=list[ConnectionOut], summary="Mine forbindelser")
def list_connections(request: TokenRequest) -> list[dict[str, Any]]:
    user = request.auth
    connections = Connection.objects.for_participant(user).select_related(
        "offer", "offer__organisation", "need", "need__area", "need__coordinator", "requester"
    )
    page = list(connections[:500])
    prime_provider_views(connection.need for connection in page if connection.need is not None)
    return [ConnectionOut.of(connection, user) for connection in page]


@router.post("", response={201: ConnectionOut, 404: ErrorOut}, summary="Spørg om hjælp")
def ask(request: TokenRequest, payload: AskIn) -> tuple[int, dict[str, Any]]:
    user = request.auth
    offer = get_offer_for_viewer(user, payload.offer)
    need = get_need_for_editor(user, payload.need) if payload.need else None
    if not offer.is_public:
        raise field_error("offer", "The offer is not open for requests.")
    if is_provider_of(user, offer):
        raise field_error("offer", "You cannot ask your own offer.")
    connection = actions.ask_for_help(
        offer,
        by=user,
        need=need,
        message=payload.message,
        share_email=payload.share_email,
        share_phone=payload.share_phone,
    )
    return 201, ConnectionOut.of(connection, user)


@router.get("/{connection_id}", response={200: ConnectionOut, 404: ErrorOut}, summary="Én forbindelse")
def get_connection(request: TokenRequest, connection_id: int = Path(..., ge=1, le=MAX_ID)) -> dict[str, Any]:
    user = request.auth
    return ConnectionOut.of(get_connection_for_participant(user, connection_id), user)


@router.post("/{connection_id}/accept", response={200: ConnectionOut, 404: ErrorOut}, summary="Sig ja")
def accept(request: TokenRequest, payload: AcceptIn, connection_id: int = Path(..., ge=1, le=MAX_ID)) -> dict[str, Any]:
    """Kræver, at du har accepteret tavshedserklæringen på /forbindelser/tavshedspligt/."""
    user = request.auth
    connection = get_connection_for_participant(user, connection_id)
    connection = actions.accept_connection(
        connection,
        by=user,
        message=payload.message,
        reserved_hours=payload.reserved_hours,
        share_email=payload.share_email,
        share_phone=payload.share_phone,
    )
    return ConnectionOut.of(connection, user)


@router.post("/{connection_id}/decline", response={200: ConnectionOut, 404: ErrorOut}, summary="Sig nej tak")
def decline(
    request: TokenRequest, payload: DeclineIn, connection_id: int = Path(..., ge=1, le=MAX_ID)
) -> dict[str, Any]:
    user = request.auth
    connection = get_connection_for_participant(user, connection_id)
    return ConnectionOut.of(actions.decline_connection(connection, by=user, message=payload.message), user)


@router.get("/{connection_id}/messages", response={200: list[MessageOut], 404: ErrorOut}, summary="Beskeder")
def list_messages(request: TokenRequest, connection_id: int = Path(..., ge=1, le=MAX_ID)) -> list[dict[str, Any]]:
    user = request.auth
    connection = get_connection_for_participant(user, connection_id)
    return [_message_out(message, user) for message in connection.messages.select_related("author")]


@router.post("/{connection_id}/messages", response={201: MessageOut, 404: ErrorOut}, summary="Skriv en besked")
def post_message(
    request: TokenRequest, payload: MessageIn, connection_id: int = Path(..., ge=1, le=MAX_ID)
) -> tuple[int, dict[str, Any]]:
    user = request.auth
    connection = get_connection_for_participant(user, connection_id)
    return 201, _message_out(actions.post_message(connection, payload.body, by=user), user)


@router.get("/{connection_id}/hours", response={200: list[HoursOut], 404: ErrorOut}, summary="Timer")
def list_hours(request: TokenRequest, connection_id: int = Path(..., ge=1, le=MAX_ID)) -> list[dict[str, Any]]:
    connection = get_connection_for_participant(request.auth, connection_id)
    return [HoursOut.of(entry) for entry in connection.hours_entries.order_by("given_on", "pk")]


@router.post("/{connection_id}/hours", response={201: HoursOut, 404: ErrorOut}, summary="Registrér timer")
def record_hours(
    request: TokenRequest, payload: HoursIn, connection_id: int = Path(..., ge=1, le=MAX_ID)
) -> tuple[int, dict[str, Any]]:
    user = request.auth
    connection = get_connection_for_participant(user, connection_id)
    entry = actions.record_hours(connection, payload.given_on, payload.hours, payload.note, by=user)
    return 201, HoursOut.of(entry)


@router.post(
    "/{connection_id}/hours/{entry_id}/confirm", response={200: HoursOut, 404: ErrorOut}, summary="Bekræft timer"
)
def confirm_hours(
    request: TokenRequest,
    connection_id: int = Path(..., ge=1, le=MAX_ID),
    entry_id: int = Path(..., ge=1, le=MAX_ID),
) -> dict[str, Any]:
    user = request.auth
    connection = get_connection_for_participant(user, connection_id)
    entry = HoursEntry.objects.filter(pk=entry_id, connection=connection).select_related("recorded_by").first()
    if entry is None:
        raise Http404
    entry.connection = connection
    return HoursOut.of(actions.confirm_hours(entry, by=user))
