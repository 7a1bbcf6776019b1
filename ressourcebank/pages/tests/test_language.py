"""English is there for whoever picks it in the footer; everyone else reads Danish.

These check the words on the page, so they also fail when locale/en/LC_MESSAGES/django.mo is missing
or stale (see test_language_choice.py for the cookie and redirect rules themselves).
"""

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def choose(client: Client, code: str) -> None:
    client.get(reverse("pages:language", args=[code]), {"next": "/"})


def test_front_page_is_danish_even_when_the_browser_asks_for_english(client: Client) -> None:
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").text
    assert "Jeg vil gerne hjælpe" in html
    assert "I would like to help" not in html


def test_front_page_is_english_after_picking_english(client: Client) -> None:
    choose(client, "en")
    html = client.get("/").text
    assert '<html lang="en">' in html
    for text in ("I would like to help", "I need help", "Business or association", "Search offers"):
        assert text in html
    assert "Jeg vil gerne hjælpe" not in html


def test_front_page_is_danish_again_after_switching_back(client: Client) -> None:
    choose(client, "en")
    choose(client, "da")
    html = client.get("/").text
    assert '<html lang="da">' in html
    assert "Jeg vil gerne hjælpe" in html
    assert "I would like to help" not in html


def test_search_count_says_offer_or_offers_in_english(client: Client, make_offer: Any) -> None:
    make_offer(title="Besøgsven i Assentoft")
    choose(client, "en")
    assert "1 offer<" in client.get("/tilbud/").text
    make_offer(title="Lektiehjælp i Randers")
    assert "2 offers<" in client.get("/tilbud/").text


def test_cached_danish_search_page_is_not_served_to_someone_who_picked_english(client: Client, settings: Any) -> None:
    settings.PUBLIC_PAGE_CACHE_SECONDS = 30
    cache.clear()
    try:
        assert "Find hjælp" in Client().get("/tilbud/").text
        choose(client, "en")
        html = client.get("/tilbud/").text
        assert "Find help" in html
        assert "Find hjælp" not in html
    finally:
        cache.clear()


def test_form_errors_are_english_after_picking_english(client: Client, alice: Any, login: Any) -> None:
    login(client, alice)
    choose(client, "en")
    html = client.post(reverse("needs:create"), {"description": "", "area": ""}).text
    assert "There is something you need to correct" in html
    assert "Der er noget, du skal rette" not in html


def test_activities_and_guide_are_english_after_picking_english(client: Client) -> None:
    choose(client, "en")
    html = client.get("/faellesskaber/").text
    assert "<h1>Community activities</h1>" in html
    assert "Places where everyone can meet as equals" in html
    assert "Steder, hvor alle kan mødes" not in html
    html = client.get("/saadan-hjaelper-du/").text
    assert "<h1>How to help</h1>" in html
    assert "Good tips when you want to help others" in html
    assert "Gode råd, når du vil hjælpe andre" not in html
