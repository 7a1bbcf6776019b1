from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine
from django.core.cache import cache

from ressourcebank.offers.models import Offer
from ressourcebank.taxonomy.models import Category

pytestmark = pytest.mark.django_db

LONELY = {"description": "Min mor sidder alene og savner nogen at snakke med.", "area": "assentoft"}


@pytest.fixture(autouse=True)
def fresh_rate_limit() -> Iterator[None]:
    """An empty allowance, and the clock held a second into a minute: the allowance is per calendar
    minute, so a slow test crossing a minute's end would otherwise start a new one."""
    cache.clear()
    with time_machine.travel("2026-11-02 10:00:01 +0000", tick=False):
        yield


@pytest.fixture
def offers(make_offer: Callable[..., Offer]) -> dict[str, Offer]:
    return {
        "friend": make_offer(title="Kaffe og en god snak", key="ven-1"),
        "it": make_offer(
            title="Hjælp til MitID", description="Mobil og computer.", category=Category.objects.get(slug="it-hjaelp")
        ),
        "paused": make_offer(title="Besøgsven på pause", status=Offer.Status.PAUSED),
    }


def test_anyone_gets_offers_for_a_need_best_first_with_reasons(api_as: Callable[..., Any], offers: dict) -> None:
    response = api_as(None).post("/api/v1/match", {**LONELY, "title": "Min mor er ensom"})
    assert response.status_code == 200
    results = response.json()["results"]
    assert results[0]["offer"]["id"] == offers["friend"].pk
    assert results[0]["offer"]["key"] == "ven-1"
    assert results[0]["offer"]["category"] == "besoegsven"
    assert results[0]["offer"]["url"].endswith(offers["friend"].get_absolute_url())
    assert results[0]["reasons"][:2] == ["Besøgsven og samvær", "Assentoft, samme område"]
    assert [r["score"] for r in results] == sorted((r["score"] for r in results), reverse=True)
    assert offers["paused"].pk not in [r["offer"]["id"] for r in results]


def test_the_offer_object_is_the_same_as_the_search_apis(api_as: Callable[..., Any], offers: dict) -> None:
    client = api_as(None)
    listed = {o["id"]: o for o in client.get("/api/v1/offers").json()["results"]}
    matched = client.post("/api/v1/match", LONELY).json()["results"][0]["offer"]
    assert matched == listed[matched["id"]]


def test_limit_is_kept(api_as: Callable[..., Any], make_offer: Callable[..., Offer]) -> None:
    for i in range(4):
        make_offer(title=f"Besøgsven {i}")
    response = api_as(None).post("/api/v1/match", {**LONELY, "limit": 2})
    assert len(response.json()["results"]) == 2


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"area": "assentoft"}, "description"),
        ({"description": "   ", "area": "assentoft"}, "description"),
        ({"description": "x" * 4001, "area": "assentoft"}, "description"),
        ({"description": "Hjælp til skat"}, "area"),
        ({**LONELY, "area": "atlantis"}, "area"),
        ({**LONELY, "limit": 0}, "limit"),
        ({**LONELY, "limit": 51}, "limit"),
        ({**LONELY, "limit": "mange"}, "limit"),
        ({**LONELY, "title": "x" * 121}, "title"),
    ],
)
def test_bad_input_is_answered_with_422_naming_the_field(
    api_as: Callable[..., Any], payload: dict, field: str, db: Any
) -> None:
    response = api_as(None).post("/api/v1/match", payload)
    assert response.status_code == 422
    assert field in [error["loc"][-1] for error in response.json()["detail"]]


def test_body_that_is_not_json_is_refused_as_elsewhere_in_the_api(client: Any, db: Any) -> None:
    response = client.post("/api/v1/match", "ikke json", content_type="application/json")
    assert response.status_code == 400


def test_a_client_over_its_allowance_gets_429_with_retry_after(
    api_as: Callable[..., Any], settings: Any, db: Any
) -> None:
    settings.MATCH_RATE_PER_MINUTE = 3
    client = api_as(None)
    statuses = [client.post("/api/v1/match", LONELY).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.post("/api/v1/match", LONELY)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 61


def test_another_client_is_not_limited_by_the_first(api_as: Callable[..., Any], settings: Any, db: Any) -> None:
    settings.MATCH_RATE_PER_MINUTE = 1
    first = api_as(None)
    assert first.post("/api/v1/match", LONELY).status_code == 200
    assert first.post("/api/v1/match", LONELY).status_code == 429
    other = api_as(None)
    other.client.defaults["REMOTE_ADDR"] = "10.0.0.2"
    assert other.post("/api/v1/match", LONELY).status_code == 200


def test_default_allowance_is_120_a_minute(api_as: Callable[..., Any], db: Any) -> None:
    client = api_as(None)
    statuses = [
        client.post("/api/v1/match", {"description": "hjælp", "area": "assentoft"}).status_code for _ in range(121)
    ]
    assert statuses.count(200) == 120
    assert statuses[-1] == 429


def test_the_answer_says_whether_there_is_a_good_match_and_each_result_how_sure(
    api_as: Callable[..., Any], offers: dict
) -> None:
    body = api_as(None).post("/api/v1/match", {**LONELY, "title": "Min mor er ensom"}).json()
    assert body["has_good_match"] is True
    assert body["results"][0]["confidence"] in ("high", "medium")
    assert {r["confidence"] for r in body["results"]} <= {"high", "medium", "low"}


def test_a_need_nothing_fits_has_no_good_match(api_as: Callable[..., Any], offers: dict) -> None:
    body = (
        api_as(None)
        .post("/api/v1/match", {"description": "Jeg vil gerne lære at flyve helikopter.", "area": "assentoft"})
        .json()
    )
    assert body["has_good_match"] is False
    assert all(r["confidence"] == "low" for r in body["results"])
