"""The pages added late (API keys, the ordbog, the error pages, Min side) read English after
picking English, so a missing or fuzzy entry in locale/en shows up here as Danish on the page."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def choose(client: Client, code: str) -> None:
    client.get(reverse("pages:language", args=[code]), {"next": "/"})


def test_api_keys_page_is_english(client: Client, alice: Any, login: Any) -> None:
    login(client, alice)
    choose(client, "en")
    html = client.get(reverse("accounts:api_tokens")).text
    for text in ("My API keys", "Make a new key", "What can the key do?", "How long should it last?", "Read only"):
        assert text in html
    for danish in ("Mine API-nøgler", "Lav en ny nøgle", "Hvad må nøglen?", "Kun læse"):
        assert danish not in html


def test_dashboard_is_english(client: Client, alice: Any, login: Any) -> None:
    login(client, alice)
    choose(client, "en")
    html = client.get(reverse("accounts:dashboard")).text
    assert "My API keys" in html
    assert "Logged in as" in html
    assert "Logget ind som" not in html


def test_ordbog_is_english_for_staff(client: Client, erik: Any, login: Any) -> None:
    login(client, erik)
    choose(client, "en")
    html = client.get(reverse("staff:lexicon")).text
    for text in ("Word list", "Word or phrase", "Belongs to", "Added by staff"):
        assert text in html
    for danish in ("Ord eller udtryk", "Hører til", "Tilføjet af medarbejdere"):
        assert danish not in html


def test_not_found_page_is_english(client: Client) -> None:
    choose(client, "en")
    html = client.get("/findes-slet-ikke/").text
    assert "We cannot find the page" in html
    assert "Error code 404" in html
    assert "Vi kan ikke finde siden" not in html


def test_organisation_page_with_invitations_is_english(
    client: Client, carla: Any, association: Any, login: Any
) -> None:
    login(client, carla)
    choose(client, "en")
    url = reverse("accounts:organisation_detail", args=[association.pk])
    html = client.post(url, {"email": "ny@example.dk"}, follow=True).text
    assert "We have invited ny@example.dk" in html
    html = client.get(url).text
    for text in ("Invite a person", "Can also invite others", "Send invitation", "Invited, waiting for an answer"):
        assert text in html
    assert "Invitér en person" not in html


def test_my_details_page_is_english(client: Client, alice: Any, login: Any) -> None:
    login(client, alice)
    choose(client, "en")
    html = client.get(reverse("accounts:profile")).text
    assert "Phone number" in html
    assert "Telefonnummer" not in html
    html = client.post(reverse("accounts:profile"), {"name": "Alice Andersen", "phone": "12"}).text
    assert "A Danish phone number has 8 digits" in html
