from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from ressourcebank.accounts.models import ApiToken, Organisation, User
from ressourcebank.api.tests.payloads import NEW_OFFER
from ressourcebank.offers.models import CapacityKind, Offer

pytestmark = pytest.mark.django_db


def test_anyone_can_list_published_offers_with_slugs_capacity_and_an_absolute_url(
    api_as: Callable[..., Any], make_offer: Callable[..., Offer], settings: Any
) -> None:
    settings.SITE_URL = "https://ressourcebank.example"
    offer = make_offer(key="kilde-1", capacity_kind=CapacityKind.HOURS_PER_MONTH, capacity_amount=5)
    make_offer(title="Venter", status=Offer.Status.PENDING)

    response = api_as(None).get("/api/v1/offers")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    [result] = body["results"]
    assert result["id"] == offer.pk
    assert result["key"] == "kilde-1"
    assert (result["category"], result["area"], result["provider"]) == ("besoegsven", "assentoft", "borger")
    assert result["capacity"]["kind"] == "hours_per_month"
    assert result["capacity"]["amount"] == 5
    assert result["capacity"]["text"].startswith("5 af 5 timer tilbage i ")
    assert result["url"] == f"https://ressourcebank.example/tilbud/{offer.pk}/"


def test_a_search_ranks_by_relevance_and_filters_by_category_area_and_provider(
    api_as: Callable[..., Any], make_offer: Callable[..., Offer]
) -> None:
    wanted = make_offer(title="Lektiehjælp i matematik", description="Hjælp til lektier.")
    make_offer(title="Strikkeklub", description="Vi strikker.")

    found = api_as(None).get("/api/v1/offers", q="lektier", area="assentoft", provider="borger")
    none = api_as(None).get("/api/v1/offers", q="lektier", category="transport")

    assert [r["id"] for r in found.json()["results"]] == [wanted.pk]
    assert none.json() == {"count": 0, "count_is_capped": False, "results": []}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"offset": -1}, "offset"),
        ({"limit": "mange"}, "limit"),
        ({"category": "findes-ikke"}, "category"),
        ({"area": "mars"}, "area"),
        ({"provider": "kommune"}, "provider"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_bad_search_parameters_answer_422_naming_the_parameter(
    api_as: Callable[..., Any], params: dict[str, Any], field: str
) -> None:
    response = api_as(None).get("/api/v1/offers", **params)

    assert response.status_code == 422
    assert [error["loc"] for error in response.json()["detail"]] == [["query", field]]


def test_one_offer_is_shown_and_a_hidden_or_unknown_one_is_404(
    api_as: Callable[..., Any], make_offer: Callable[..., Offer]
) -> None:
    offer = make_offer()
    hidden = make_offer(status=Offer.Status.PAUSED)
    client = api_as(None)

    assert client.get(f"/api/v1/offers/{offer.pk}").json()["title"] == offer.title
    assert client.get(f"/api/v1/offers/{hidden.pk}").status_code == 404
    assert client.get("/api/v1/offers/999999").status_code == 404
    assert client.get("/api/v1/offers/99999999999999999999999").status_code == 422
    assert client.get("/api/v1/offers/abc").status_code == 422


def test_a_citizens_first_offer_waits_for_moderation(api_as: Callable[..., Any], alice: User) -> None:
    response = api_as(alice).post("/api/v1/offers", NEW_OFFER)

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "pending"
    assert body["is_public"] is False
    assert body["waiting_reasons"]
    offer = Offer.objects.get(pk=body["id"])
    assert (offer.owner, offer.requires_moderation) == (alice, True)


def test_a_member_offers_for_an_approved_organisation_and_it_is_published(
    api_as: Callable[..., Any], bent: User, business: Organisation
) -> None:
    payload = {**NEW_OFFER, "organisation_id": business.pk, "capacity_kind": "hours_per_month", "capacity_amount": 5}

    response = api_as(bent).post("/api/v1/offers", payload)

    assert response.status_code == 201
    assert response.json()["status"] == "published"
    assert response.json()["provider"] == "virksomhed"
    assert response.json()["capacity"]["amount"] == 5


def test_an_offer_for_an_organisation_one_is_not_a_member_of_is_refused(
    api_as: Callable[..., Any], alice: User, business: Organisation
) -> None:
    response = api_as(alice).post("/api/v1/offers", {**NEW_OFFER, "organisation_id": business.pk})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "organisation_id"]
    assert not Offer.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "  "}, "title"),
        ({"title": "x" * 121}, "title"),
        ({"description": ""}, "description"),
        ({"category": "findes-ikke"}, "category"),
        ({"area": "mars"}, "area"),
        ({"capacity_kind": "hours_per_week"}, "capacity_amount"),
        ({"capacity_kind": "places", "capacity_amount": 0}, "capacity_amount"),
        ({"capacity_kind": "sometimes"}, "capacity_kind"),
    ],
)
def test_bad_offer_input_answers_422_with_the_field(
    api_as: Callable[..., Any], alice: User, changes: dict[str, Any], field: str
) -> None:
    response = api_as(alice).post("/api/v1/offers", {**NEW_OFFER, **changes})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == field
    assert not Offer.objects.exists()


def test_a_missing_field_and_a_malformed_body_are_refused_without_a_crash(
    api_as: Callable[..., Any], alice: User
) -> None:
    client = api_as(alice)

    missing = client.post("/api/v1/offers", {"title": "Kun en titel"})
    malformed = client.client.post(
        "/api/v1/offers", "{ikke json", content_type="application/json", headers=client.headers
    )

    assert missing.status_code == 422
    assert malformed.status_code in (400, 422)


def test_writing_without_a_token_or_with_a_wrong_one_is_401(api_as: Callable[..., Any]) -> None:
    assert api_as(None).post("/api/v1/offers", NEW_OFFER).status_code == 401
    client = api_as(None)
    client.headers = {"Authorization": "Bearer rb_forkert"}
    assert client.post("/api/v1/offers", NEW_OFFER).status_code == 401


def test_a_revoked_token_is_refused(api_as: Callable[..., Any], alice: User) -> None:
    client = api_as(alice)
    ApiToken.objects.update(revoked_at="2026-01-01T00:00:00Z")

    assert client.post("/api/v1/offers", NEW_OFFER).status_code == 401


def test_using_a_token_records_when_it_was_last_used(api_as: Callable[..., Any], alice: User) -> None:
    api_as(alice).post("/api/v1/offers", NEW_OFFER)

    assert ApiToken.objects.get().last_used_at is not None


def test_a_logged_in_browser_session_cannot_write_through_the_api(alice: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)

    response = client.post("/api/v1/offers", NEW_OFFER, content_type="application/json")

    assert response.status_code == 401
    assert not Offer.objects.exists()


def test_the_owner_changes_only_the_fields_sent(
    api_as: Callable[..., Any], alice: User, make_offer: Callable[..., Offer]
) -> None:
    offer = make_offer(owner=alice)

    response = api_as(alice).patch(f"/api/v1/offers/{offer.pk}", {"title": "Ny titel", "area": "langaa"})

    assert response.status_code == 200
    offer.refresh_from_db()
    assert (offer.title, offer.area.slug, offer.description) == (
        "Ny titel",
        "langaa",
        "Jeg kommer gerne forbi til en kop kaffe og en snak.",
    )


def test_a_patch_with_null_for_a_required_field_is_422(
    api_as: Callable[..., Any], alice: User, make_offer: Callable[..., Offer]
) -> None:
    offer = make_offer(owner=alice)

    response = api_as(alice).patch(f"/api/v1/offers/{offer.pk}", {"title": None})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "title"


def test_an_outsider_gets_404_for_someone_elses_offer(
    api_as: Callable[..., Any], alice: User, olga: User, make_offer: Callable[..., Offer]
) -> None:
    offer = make_offer(owner=alice)
    client = api_as(olga)

    assert client.patch(f"/api/v1/offers/{offer.pk}", {"title": "Mit nu"}).status_code == 404
    assert client.post(f"/api/v1/offers/{offer.pk}/pause").status_code == 404
    offer.refresh_from_db()
    assert (offer.title, offer.status) == ("Besøgsven i Assentoft", Offer.Status.PUBLISHED)


def test_the_owner_pauses_resumes_and_archives_an_offer(
    api_as: Callable[..., Any], alice: User, make_offer: Callable[..., Offer]
) -> None:
    offer = make_offer(owner=alice)
    client = api_as(alice)

    assert client.post(f"/api/v1/offers/{offer.pk}/pause").json()["status"] == "paused"
    assert client.post(f"/api/v1/offers/{offer.pk}/resume").json()["status"] == "published"
    assert client.post(f"/api/v1/offers/{offer.pk}/archive").json()["status"] == "archived"


def test_pausing_an_offer_that_is_not_published_is_422(
    api_as: Callable[..., Any], alice: User, make_offer: Callable[..., Offer]
) -> None:
    offer = make_offer(owner=alice, status=Offer.Status.ARCHIVED)

    response = api_as(alice).post(f"/api/v1/offers/{offer.pk}/pause")

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "status"]
