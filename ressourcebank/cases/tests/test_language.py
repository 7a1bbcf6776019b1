"""Forløb reads English for whoever picked English: the tovholder's case page and the citizen's
own page. A missing or fuzzy entry in locale/en shows up here as Danish on the page."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ressourcebank.accounts.models import User
from ressourcebank.cases.models import Case, Consent

pytestmark = pytest.mark.django_db


def english(client: Client, url: str) -> str:
    client.get(reverse("pages:language", args=["en"]), {"next": "/"})
    response = client.get(url)
    assert response.status_code == 200
    return response.text


def test_the_tovholders_case_page_is_english(client: Client, case: Case, dorte: User, login: Any) -> None:
    login(client, dorte)
    html = english(client, reverse("cases:detail", args=[case.pk]))
    for text in ("Back to my cases", "The household", "Add an agency", "The plan", "Close the case"):
        assert text in html
    for danish in ("Tilbage til mine forløb", "Husstanden", "Tilføj en instans", "Afslut forløbet"):
        assert danish not in html


def test_the_citizens_own_case_page_is_english(
    client: Client, case: Case, sharing_consent: Consent, alice: User, login: Any
) -> None:
    login(client, alice)
    html = english(client, reverse("cases:mine"))
    for text in ("My case", "Your coordinator", "My consents", "Who has opened my case?", "Withdraw"):
        assert text in html
    for danish in ("Din tovholder", "Mine samtykker", "Hvem har åbnet mit forløb?"):
        assert danish not in html
