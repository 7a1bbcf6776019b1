from typing import Any

import pytest
from django.urls import reverse

from ressourcebank.pages.models import Page

pytestmark = pytest.mark.django_db


def test_front_door_shows_three_ways_in_and_the_search(client: Any) -> None:
    html = client.get(reverse("pages:home")).content.decode()
    for text in ("Jeg vil gerne hjælpe", "Jeg har brug for hjælp", "Virksomhed eller forening"):
        assert text in html
    assert f'action="{reverse("offers:list")}"' in html
    assert "?category=besoegsven" in html


def test_contact_page_starts_from_the_default_text_the_migration_wrote(client: Any) -> None:
    page = Page.objects.get(slug="kontakt")
    assert "89 15 15 15" in page.body
    html = client.get(reverse("pages:contact")).content.decode()
    assert '<a href="tel:+4589151515">89 15 15 15</a>' in html  # tappable on a phone
    assert "kl. 10" in html  # opening hours
    assert '<a href="https://frivilligvaerket.dk"' in html
    assert "Stemannsgade 2" in html and '<a href="https://randersbib.dk"' in html
    assert "<h2>Randers Kommune</h2>" in html


def test_contact_page_shows_what_staff_wrote_instead(client: Any) -> None:
    Page.objects.filter(slug="kontakt").update(body="## Borgerservice\nRing til Borgerservice på 86 12 34 56.")
    main = client.get(reverse("pages:contact")).content.decode().split("<main")[1].split("</main>")[0]
    assert "<h2>Borgerservice</h2>" in main
    assert '<a href="tel:+4586123456">86 12 34 56</a>' in main
    assert "89 15 15 15" not in main


def test_contact_page_falls_back_to_the_default_text_without_a_row(client: Any) -> None:
    Page.objects.all().delete()
    assert "89 15 15 15" in client.get(reverse("pages:contact")).content.decode().split("<main")[1]


def test_contact_page_offers_staff_a_link_to_edit_it(client: Any, login: Any, erik: Any, alice: Any) -> None:
    login(client, alice)
    assert reverse("staff:contact_page") not in client.get(reverse("pages:contact")).content.decode()
    login(client, erik)
    assert reverse("staff:contact_page") in client.get(reverse("pages:contact")).content.decode()
