from collections.abc import Callable
from typing import Any

import pytest

from ressourcebank.accounts.models import User
from ressourcebank.api.tests.payloads import NEW_NEED
from ressourcebank.needs.models import Need

pytestmark = pytest.mark.django_db


def test_a_citizen_describes_a_need_which_is_staff_only_by_default(api_as: Callable[..., Any], alice: User) -> None:
    response = api_as(alice).post("/api/v1/needs", {**NEW_NEED, "category": "praktisk-hjaelp"})

    assert response.status_code == 201
    body = response.json()
    assert (body["visibility"], body["status"], body["category"]) == ("staff", "open", "praktisk-hjaelp")
    assert Need.objects.get(pk=body["id"]).owner == alice


def test_a_citizen_lists_only_their_own_needs(
    api_as: Callable[..., Any], alice: User, olga: User, alices_need: Need
) -> None:
    assert [n["id"] for n in api_as(alice).get("/api/v1/needs").json()] == [alices_need.pk]
    assert api_as(olga).get("/api/v1/needs").json() == []


def test_an_outsider_gets_404_for_someone_elses_need(api_as: Callable[..., Any], olga: User, alices_need: Need) -> None:
    client = api_as(olga)

    assert client.get(f"/api/v1/needs/{alices_need.pk}").status_code == 404
    assert client.patch(f"/api/v1/needs/{alices_need.pk}", {"title": "Mit"}).status_code == 404
    assert client.post(f"/api/v1/needs/{alices_need.pk}/close").status_code == 404
    alices_need.refresh_from_db()
    assert (alices_need.title, alices_need.status) == ("Besøgsven til min mor", Need.Status.OPEN)


def test_the_owner_edits_and_closes_a_need(api_as: Callable[..., Any], alice: User, alices_need: Need) -> None:
    client = api_as(alice)

    edited = client.patch(f"/api/v1/needs/{alices_need.pk}", {"visibility": "public", "category": None})
    closed = client.post(f"/api/v1/needs/{alices_need.pk}/close")

    assert edited.status_code == 200 and edited.json()["visibility"] == "public"
    assert closed.json()["status"] == "closed"


def test_a_coordinator_registers_a_need_for_a_citizen_without_an_account(
    api_as: Callable[..., Any], dorte: User
) -> None:
    response = api_as(dorte).post("/api/v1/needs", {**NEW_NEED, "citizen_name": "Hanne Hansen"})

    assert response.status_code == 201
    need = Need.objects.get()
    assert (need.coordinator, need.owner, need.citizen_name) == (dorte, None, "Hanne Hansen")


def test_a_citizen_cannot_register_a_need_for_someone_else(api_as: Callable[..., Any], alice: User) -> None:
    response = api_as(alice).post("/api/v1/needs", {**NEW_NEED, "citizen_name": "Hanne Hansen"})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "citizen_name"
    assert not Need.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"description": " "}, "description"),
        ({"area": "mars"}, "area"),
        ({"category": "findes-ikke"}, "category"),
        ({"visibility": "alle"}, "visibility"),
        ({"urgency": "straks"}, "urgency"),
    ],
)
def test_bad_need_input_answers_422_with_the_field(
    api_as: Callable[..., Any], alice: User, changes: dict[str, Any], field: str
) -> None:
    response = api_as(alice).post("/api/v1/needs", {**NEW_NEED, **changes})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == field
    assert not Need.objects.exists()


def test_needs_are_not_available_without_a_token(api_as: Callable[..., Any], alices_need: Need) -> None:
    client = api_as(None)

    assert client.get("/api/v1/needs").status_code == 401
    assert client.get(f"/api/v1/needs/{alices_need.pk}").status_code == 401
    assert client.post("/api/v1/needs", NEW_NEED).status_code == 401
