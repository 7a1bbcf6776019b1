"""A body that is not a JSON object is refused with 422, never read as "no fields given"."""

import json
from collections.abc import Callable
from typing import Any

import pytest

from ressourcebank.accounts.models import User
from ressourcebank.needs.models import Need
from ressourcebank.offers.models import Offer
from ressourcebank.taxonomy.models import Area

pytestmark = pytest.mark.django_db

NOT_OBJECTS = ["[]", '["title"]', '"x"', "1", "true", "null"]


def _send(client: Any, method: str, path: str, body: str) -> Any:
    send = getattr(client.client, method)
    return send(path, body, content_type="application/json", headers=client.headers)


@pytest.mark.parametrize("body", NOT_OBJECTS)
def test_patching_an_offer_with_a_body_that_is_not_an_object_is_422(
    api_as: Callable[..., Any], alice: User, make_offer: Callable[..., Offer], body: str
) -> None:
    offer = make_offer(owner=alice)
    before = Offer.objects.filter(pk=offer.pk).values().get()

    response = _send(api_as(alice), "patch", f"/api/v1/offers/{offer.pk}", body)

    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == "The body must be a JSON object."
    assert Offer.objects.filter(pk=offer.pk).values().get() == before


@pytest.mark.parametrize("body", NOT_OBJECTS)
def test_patching_a_need_with_a_body_that_is_not_an_object_is_422(
    api_as: Callable[..., Any], alice: User, body: str
) -> None:
    need = Need.objects.create(owner=alice, description="Hjælp til indkøb", area=Area.objects.get(slug="langaa"))
    before = Need.objects.filter(pk=need.pk).values().get()

    response = _send(api_as(alice), "patch", f"/api/v1/needs/{need.pk}", body)

    assert response.status_code == 422
    assert Need.objects.filter(pk=need.pk).values().get() == before


@pytest.mark.parametrize("path", ["/api/v1/offers", "/api/v1/needs", "/api/v1/connections", "/api/v1/match"])
@pytest.mark.parametrize("body", NOT_OBJECTS)
def test_creating_with_a_body_that_is_not_an_object_is_422(
    api_as: Callable[..., Any], alice: User, path: str, body: str
) -> None:
    response = _send(api_as(alice), "post", path, body)

    assert response.status_code == 422, response.content
    assert not Offer.objects.exists() and not Need.objects.exists()


def test_an_empty_object_still_changes_nothing_and_answers_200(
    api_as: Callable[..., Any], alice: User, make_offer: Callable[..., Offer]
) -> None:
    offer = make_offer(owner=alice)

    response = _send(api_as(alice), "patch", f"/api/v1/offers/{offer.pk}", json.dumps({}))

    assert response.status_code == 200
