"""Mine oplysninger: where a person writes the phone number that "Vis mit telefonnummer" shows."""

from typing import Any

import pytest
from django.urls import reverse

from ressourcebank.connections.forms import AskForm

pytestmark = pytest.mark.django_db
URL = reverse("accounts:profile")


def test_citizen_writes_a_phone_number_on_min_side(client: Any, login: Any, alice: Any) -> None:
    login(client, alice)
    assert URL in client.get(reverse("accounts:dashboard")).content.decode()
    response = client.post(URL, {"name": "Alice Andersen", "phone": "12 34  56 78"})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.phone == "12 34 56 78"
    assert "12 34 56 78" in client.get(reverse("accounts:dashboard")).content.decode()


def test_a_phone_number_that_is_not_one_is_refused_and_kept_on_the_page(client: Any, login: Any, alice: Any) -> None:
    login(client, alice)
    html = client.post(URL, {"name": "Alice Andersen", "phone": "1234"}).content.decode()
    assert "Et dansk telefonnummer har 8 cifre" in html
    assert 'value="1234"' in html
    assert 'href="#id_phone"' in html  # the error summary links to the field
    html = client.post(URL, {"name": "", "phone": "ring efter kl. 17"}).content.decode()
    assert "Skriv dit navn." in html and "Skriv telefonnummeret med cifre" in html
    alice.refresh_from_db()
    assert alice.phone == ""


def test_a_foreign_number_with_its_country_code_is_accepted(client: Any, login: Any, alice: Any) -> None:
    login(client, alice)
    client.post(URL, {"name": "Alice Andersen", "phone": "+46 70 123 45 67"})
    alice.refresh_from_db()
    assert alice.phone == "+46 70 123 45 67"


def test_anonymous_visitor_is_sent_to_log_in(client: Any) -> None:
    response = client.get(URL)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_the_share_phone_box_says_where_the_number_is_written() -> None:
    assert "Mine oplysninger" in str(AskForm.base_fields["share_phone"].help_text)
