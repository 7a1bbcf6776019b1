"""Anonymous visitors share a short-lived cache of the public lists; nobody else ever does."""

import pytest
from django.test import Client

from ressourcebank.offers.models import Offer


@pytest.fixture(autouse=True)
def fresh_cache(settings):
    from django.core.cache import cache

    settings.PUBLIC_PAGE_CACHE_SECONDS = 30
    cache.clear()
    yield
    cache.clear()


def test_anonymous_visitors_get_the_cached_search_page_until_it_expires(client, make_offer):
    offer = make_offer(title="Besøgsven i Assentoft")
    first = client.get("/tilbud/?q=besøgsven")
    assert "Besøgsven i Assentoft" in first.text

    Offer.objects.filter(pk=offer.pk).update(title="Ændret titel")
    again = Client().get("/tilbud/?q=besøgsven")

    assert again.content == first.content
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_cache_can_be_turned_off(client, make_offer, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    offer = make_offer(title="Besøgsven i Assentoft")
    client.get("/tilbud/?q=besøgsven")
    Offer.objects.filter(pk=offer.pk).update(title="Ændret titel")
    assert "Ændret titel" in client.get("/tilbud/?q=besøgsven").text


def test_logged_in_people_always_see_the_live_page(client, make_offer, alice):
    offer = make_offer(title="Besøgsven i Assentoft")
    Client().get("/tilbud/?q=besøgsven")
    Offer.objects.filter(pk=offer.pk).update(title="Ændret titel")

    client.force_login(alice)
    response = client.get("/tilbud/?q=besøgsven")

    assert "Ændret titel" in response.text
    assert "Log ud" in response.text


def test_a_logged_in_page_is_never_served_to_anonymous_visitors(client, make_offer, alice):
    make_offer(title="Besøgsven i Assentoft")
    client.force_login(alice)
    client.get("/tilbud/")

    anonymous = Client().get("/tilbud/")

    assert "Log ud" not in anonymous.text
    assert "Log ind" in anonymous.text


def test_each_language_has_its_own_cached_page(make_offer):
    make_offer()
    danish = Client().get("/tilbud/")
    english_client = Client()
    english_client.cookies["django_language"] = "en"
    english = english_client.get("/tilbud/")
    assert danish["Content-Language"] == "da"
    assert english["Content-Language"] == "en"


def test_api_requests_with_a_token_are_not_cached(client, make_offer):
    offer = make_offer(title="Besøgsven i Assentoft")
    Client().get("/api/v1/offers")
    Offer.objects.filter(pk=offer.pk).update(title="Ændret titel")

    with_token = client.get("/api/v1/offers", HTTP_AUTHORIZATION="Bearer rb_ukendt")

    assert "Besøgsven i Assentoft" not in with_token.text


def test_public_pages_carry_no_csrf_token_for_anonymous_visitors(client, make_offer):
    make_offer()
    response = client.get("/tilbud/")
    assert "csrfmiddlewaretoken" not in response.text
    assert not response.cookies
