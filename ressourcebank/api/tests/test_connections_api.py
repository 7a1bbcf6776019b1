from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from ressourcebank.accounts.models import Organisation, User
from ressourcebank.connections.models import DECLARATION_VERSION, ConfidentialityDeclaration, Connection, HoursEntry
from ressourcebank.needs.models import Need
from ressourcebank.offers.models import Offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(make_offer: Callable[..., Offer], carla: User, association: Organisation) -> Offer:
    ConfidentialityDeclaration.objects.create(user=carla, version=DECLARATION_VERSION)
    return make_offer(
        owner=carla, organisation=association, provider="forening", capacity_kind="hours_per_month", capacity_amount=5
    )


def test_ask_accept_write_record_and_confirm_through_the_api(
    api_as: Callable[..., Any], alice: User, carla: User, offer: Offer
) -> None:
    need = Need.objects.create(owner=alice, description="Min mor er alene", area=offer.area)
    receiver, provider = api_as(alice), api_as(carla)

    asked = receiver.post("/api/v1/connections", {"offer": offer.pk, "need": need.pk, "message": "Hej"})
    assert asked.status_code == 201, asked.json()
    pk = asked.json()["id"]
    accepted = provider.post(f"/api/v1/connections/{pk}/accept", {"reserved_hours": "2", "message": "Gerne"})
    written = receiver.post(f"/api/v1/connections/{pk}/messages", {"body": "Tak!"})
    hours = provider.post(
        f"/api/v1/connections/{pk}/hours", {"given_on": timezone.localdate().isoformat(), "hours": 1.5, "note": "Kaffe"}
    )
    confirmed = receiver.post(f"/api/v1/connections/{pk}/hours/{hours.json()['id']}/confirm")

    assert accepted.json()["state"] == "accepted" and accepted.json()["i_am_provider"]
    assert written.status_code == 201
    assert [m["body"] for m in provider.get(f"/api/v1/connections/{pk}/messages").json()] == ["Tak!"]
    assert hours.status_code == 201 and hours.json()["hours"] == "1.5"
    assert confirmed.status_code == 200 and confirmed.json()["confirmed_at"]
    assert [c["id"] for c in receiver.get("/api/v1/connections").json()] == [pk]


def test_the_provider_declines_through_the_api(
    api_as: Callable[..., Any], alice: User, carla: User, offer: Offer
) -> None:
    pk = api_as(alice).post("/api/v1/connections", {"offer": offer.pk}).json()["id"]
    response = api_as(carla).post(f"/api/v1/connections/{pk}/decline", {"message": "Ikke nu"})
    assert response.json()["state"] == "declined"


def test_an_outsider_gets_404_everywhere(
    api_as: Callable[..., Any], alice: User, carla: User, olga: User, offer: Offer
) -> None:
    pk = api_as(alice).post("/api/v1/connections", {"offer": offer.pk}).json()["id"]
    api_as(carla).post(f"/api/v1/connections/{pk}/accept", {})
    entry = api_as(carla).post(
        f"/api/v1/connections/{pk}/hours", {"given_on": timezone.localdate().isoformat(), "hours": 1}
    )
    outsider = api_as(olga)

    assert outsider.get(f"/api/v1/connections/{pk}").status_code == 404
    assert outsider.get(f"/api/v1/connections/{pk}/messages").status_code == 404
    assert outsider.post(f"/api/v1/connections/{pk}/messages", {"body": "Hej"}).status_code == 404
    assert outsider.post(f"/api/v1/connections/{pk}/accept", {}).status_code == 404
    assert outsider.post(f"/api/v1/connections/{pk}/decline", {}).status_code == 404
    assert outsider.post(f"/api/v1/connections/{pk}/hours", {"given_on": "2025-01-01", "hours": 1}).status_code == 404
    assert outsider.post(f"/api/v1/connections/{pk}/hours/{entry.json()['id']}/confirm").status_code == 404
    assert outsider.get("/api/v1/connections").json() == []
    assert HoursEntry.objects.get().confirmed_at is None


def test_bad_input_and_broken_rules_answer_422(
    api_as: Callable[..., Any], alice: User, carla: User, offer: Offer
) -> None:
    receiver, provider = api_as(alice), api_as(carla)
    assert receiver.post("/api/v1/connections", {"offer": "abc"}).status_code == 422
    assert provider.post("/api/v1/connections", {"offer": offer.pk}).status_code == 422
    pk = receiver.post("/api/v1/connections", {"offer": offer.pk}).json()["id"]

    too_many = provider.post(f"/api/v1/connections/{pk}/accept", {"reserved_hours": "9"})
    assert too_many.status_code == 422
    assert too_many.json()["detail"][0]["loc"] == ["body", "payload", "reserved_hours"]
    not_yet = receiver.post(f"/api/v1/connections/{pk}/messages", {"body": "Hej"})
    assert not_yet.status_code == 422 and not_yet.json()["detail"][0]["loc"] == ["body", "status"]
    provider.post(f"/api/v1/connections/{pk}/accept", {"reserved_hours": "1"})
    assert receiver.post(f"/api/v1/connections/{pk}/messages", {"body": ""}).status_code == 422
    assert receiver.post(f"/api/v1/connections/{pk}/messages", {"body": "x" * 2001}).status_code == 422
    for hours in (0, 25, "abc"):
        bad = provider.post(
            f"/api/v1/connections/{pk}/hours", {"given_on": timezone.localdate().isoformat(), "hours": hours}
        )
        assert bad.status_code == 422
    assert provider.post(f"/api/v1/connections/{pk}/hours", {"given_on": "i går", "hours": 1}).status_code == 422
    assert (
        receiver.post(
            f"/api/v1/connections/{pk}/hours", {"given_on": timezone.localdate().isoformat(), "hours": 1}
        ).status_code
        == 403
    )
    assert Connection.objects.get().state == "accepted" and not HoursEntry.objects.exists()


def test_without_a_token_the_connections_api_answers_401(api_as: Callable[..., Any]) -> None:
    assert api_as(None).get("/api/v1/connections").status_code == 401
