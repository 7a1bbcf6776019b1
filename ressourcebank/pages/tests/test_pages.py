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


def test_contact_page_shows_the_default_text_until_staff_write_one(client: Any) -> None:
    assert "89 15 15 15" in client.get(reverse("pages:contact")).content.decode()
    Page.objects.create(slug="kontakt", title="Hvor kan jeg henvende mig?", body="Ring til Borgerservice.")
    html = client.get(reverse("pages:contact")).content.decode()
    assert "Ring til Borgerservice." in html
    assert "89 15 15 15" not in html


def test_contact_page_offers_staff_a_link_to_edit_it(client: Any, login: Any, erik: Any, alice: Any) -> None:
    login(client, alice)
    assert reverse("staff:contact_page") not in client.get(reverse("pages:contact")).content.decode()
    login(client, erik)
    assert reverse("staff:contact_page") in client.get(reverse("pages:contact")).content.decode()
