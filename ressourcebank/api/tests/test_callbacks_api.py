"""GET /api/v1/callback-slots and POST /api/v1/callbacks: no token, the same booking as the page."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from ressourcebank.appointments import actions
from ressourcebank.appointments.models import Booking, Slot
from ressourcebank.inbox.models import Team
from ressourcebank.notifications.sms import SmsMessage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_allowance() -> None:
    cache.clear()


def _post(client: Client, body: Any) -> Any:
    return client.post("/api/v1/callbacks", json.dumps(body), content_type="application/json")


def test_free_slots_of_a_team_are_listed_and_a_booked_one_is_not(
    client: Client, make_slot: Callable[..., Slot], other_team: Team
) -> None:
    free, booked = make_slot(hours_ahead=24), make_slot(hours_ahead=25)
    make_slot(hours_ahead=26, for_team=other_team)
    make_slot(hours_ahead=-2)
    actions.book_slot(booked, name="Birthe", phone="12345678", by=None)

    answer = client.get("/api/v1/callback-slots?team=borgerservice").json()

    assert [row["id"] for row in answer] == [free.pk]
    assert set(answer[0]) == {"id", "starts_at", "ends_at", "team"}
    assert answer[0]["team"] == "borgerservice"
    assert len(client.get("/api/v1/callback-slots").json()) == 2


def test_an_unknown_team_is_422(client: Client) -> None:
    response = client.get("/api/v1/callback-slots?team=findes-ikke")

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "team"]


def test_booking_a_free_slot_answers_201_with_the_link_and_sends_an_sms(
    client: Client, slot: Slot, sms_outbox: list[SmsMessage], immediate_tasks: None
) -> None:
    response = _post(client, {"slot": slot.pk, "name": "Birthe Borger", "phone": "12 34 56 78"})

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["slot"] == slot.pk
    assert body["team"] == "borgerservice"
    assert "/min-tid/" in body["manage_url"]
    assert Booking.objects.get().phone == "+4512345678"
    assert sms_outbox[0].to == "+4512345678"


def test_a_taken_slot_answers_409(client: Client, slot: Slot) -> None:
    actions.book_slot(slot, name="Første", phone="11111111", by=None)

    response = _post(client, {"slot": slot.pk, "name": "Anden", "phone": "22222222"})

    assert response.status_code == 409
    assert "taget" in response.json()["detail"]
    assert Booking.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"slot": 1, "name": "Birthe", "phone": "123"}, "phone"),
        ({"slot": 999999, "name": "Birthe", "phone": "12345678"}, "slot"),
        ({"slot": 1, "name": "", "phone": "12345678"}, "name"),
        ({"name": "Birthe", "phone": "12345678"}, "slot"),
    ],
)
def test_bad_input_is_422_naming_the_field(client: Client, slot: Slot, body: dict[str, Any], field: str) -> None:
    body = {**body, "slot": slot.pk} if body.get("slot") == 1 else body

    response = _post(client, body)

    assert response.status_code == 422
    assert field in json.dumps(response.json()["detail"])
    assert not Booking.objects.exists()
