"""A NUL character (\\x00) in any text the API takes answers 422, never 500.

PostgreSQL text columns cannot hold NUL, so such a value reached the database and failed there
(found by fuzzing the API with schemathesis against PostgreSQL). The web forms refuse it already.
"""

from collections.abc import Callable
from typing import Any

import pytest

from ressourcebank.accounts.models import User
from ressourcebank.api.tests.payloads import NEW_NEED, NEW_OFFER
from ressourcebank.needs.models import Need
from ressourcebank.offers.models import Offer

pytestmark = pytest.mark.django_db


def _fields_in(response: Any) -> list[str]:
    return [error["loc"][-1] for error in response.json()["detail"]]


@pytest.mark.parametrize("field", ["title", "description", "category", "area", "availability"])
def test_creating_an_offer_with_a_nul_character_answers_422(
    api_as: Callable[..., Any], alice: User, field: str
) -> None:
    response = api_as(alice).post("/api/v1/offers", {**NEW_OFFER, field: "Hjælp\x00"})

    assert response.status_code == 422
    assert field in _fields_in(response)
    assert not Offer.objects.exists()


def test_changing_an_offer_to_text_with_a_nul_character_answers_422(
    api_as: Callable[..., Any], alice: User, make_offer: Callable[..., Offer]
) -> None:
    offer = make_offer(owner=alice)

    response = api_as(alice).patch(f"/api/v1/offers/{offer.pk}", {"description": "a\x00b"})

    assert response.status_code == 422
    offer.refresh_from_db()
    assert "\x00" not in offer.description


@pytest.mark.parametrize("field", ["title", "description", "category", "area"])
def test_describing_a_need_with_a_nul_character_answers_422(
    api_as: Callable[..., Any], alice: User, field: str
) -> None:
    response = api_as(alice).post("/api/v1/needs", {**NEW_NEED, field: "Indkøb\x00"})

    assert response.status_code == 422
    assert field in _fields_in(response)
    assert not Need.objects.exists()


def test_a_coordinator_registering_a_citizen_name_with_a_nul_character_gets_422(
    api_as: Callable[..., Any], dorte: User
) -> None:
    response = api_as(dorte).post("/api/v1/needs", {**NEW_NEED, "citizen_name": "Else\x00"})

    assert response.status_code == 422
    assert _fields_in(response) == ["citizen_name"]


@pytest.mark.parametrize("field", ["description", "area", "title"])
def test_matching_a_need_with_a_nul_character_answers_422(api_as: Callable[..., Any], field: str) -> None:
    response = api_as(None).post("/api/v1/match", {**NEW_NEED, field: "Indkøb\x00"})

    assert response.status_code == 422


@pytest.mark.parametrize("param", ["category", "area"])
def test_searching_with_a_nul_character_in_a_filter_answers_422(api_as: Callable[..., Any], param: str) -> None:
    response = api_as(None).get("/api/v1/offers", **{param: "a\x00b"})

    assert response.status_code == 422
    assert _fields_in(response) == [param]


def test_searching_for_text_with_a_nul_character_answers_normally(
    api_as: Callable[..., Any], make_offer: Callable[..., Offer]
) -> None:
    make_offer(title="Besøgsven")

    response = api_as(None).get("/api/v1/offers", q="besøgsven\x00")

    assert response.status_code == 200
