"""With the site in English, what people wrote in Danish is marked lang="da", so a screen reader
reads "Besøgsven i Assentoft" with a Danish voice instead of spelling it out in English."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ressourcebank.needs.models import Need
from ressourcebank.taxonomy.models import Area

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client: Client) -> Client:
    client.get(reverse("pages:language", args=["en"]), {"next": "/"})
    return client


def test_an_offer_in_english_marks_its_title_and_text_danish(english: Client, make_offer: Any) -> None:
    offer = make_offer(availability="Tirsdage efter kl. 14")
    html = english.get(offer.get_absolute_url()).text
    assert '<html lang="en">' in html
    assert f'<h1 lang="da">{offer.title}</h1>' in html
    assert '<p class="font-lead" lang="da">Jeg kommer gerne forbi' in html
    assert '<dd lang="da">Tirsdage efter kl. 14</dd>' in html
    listing = english.get(reverse("offers:list")).text
    assert f'lang="da">{offer.title}</a>' in listing


def test_a_public_need_in_english_marks_its_words_danish(english: Client, alice: Any) -> None:
    need = Need.objects.create(
        owner=alice,
        description="Hjælp til at handle ind om fredagen",
        area=Area.objects.get(slug="assentoft"),
        visibility=Need.Visibility.PUBLIC,
    )
    html = english.get(need.get_absolute_url()).text
    assert '<h1 lang="da">Hjælp til at handle ind om fredagen</h1>' in html
    assert '<p class="font-lead" lang="da">Hjælp til at handle ind om fredagen</p>' in html
