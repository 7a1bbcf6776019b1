"""Offers and needs in Chromium: a citizen offers help from the front door to the published offer,
with and without JavaScript; a citizen registers a need; search finds the offer; the forms, the
offer page and the search page have no serious or critical axe-core violations."""

from typing import Any

import pytest

from ressourcebank.accounts.models import User
from ressourcebank.e2e.conftest import DESKTOP, PHONE, browser, log_in, page, page_without_js, serious_axe_violations
from ressourcebank.needs.models import Need
from ressourcebank.offers.actions import approve_offer
from ressourcebank.offers.models import Offer

__all__ = ["browser", "page", "page_without_js"]
# The live server flushes the database after each test; serialized rollback brings back the
# reference taxonomy that the migrations seed.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_offer_form(page: Any) -> None:
    page.get_by_label("Overskrift").fill("Besøgsven i Assentoft")
    page.get_by_label("Fortæl om dit tilbud").fill("Jeg kommer gerne forbi til en kop kaffe og en snak.")
    page.get_by_label("Hvilken slags hjælp er det?").select_option(label="Besøgsven og samvær")
    page.get_by_label("Hvor?").select_option(label="Assentoft")
    page.get_by_label("Timer om måneden").check()
    page.get_by_label("Antal timer eller pladser").fill("5")


def test_citizen_offers_help_from_the_front_door_to_the_published_offer(
    page: Any, alice: User, erik: User, password: str
) -> None:
    page.goto("/")
    page.get_by_role("link", name="Jeg vil gerne hjælpe").click()
    page.wait_for_url("**/konto/log-ind/**")
    page.get_by_label("E-mail").fill(alice.email)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url("**/tilbud/nyt/")
    assert serious_axe_violations(page) == []

    fill_offer_form(page)
    page.get_by_role("button", name="Gem tilbuddet").click()
    page.wait_for_url("**/tilbud/*/")
    assert page.get_by_text("En medarbejder skal godkende tilbuddet").first.is_visible()

    offer = Offer.objects.get()
    approve_offer(offer, by=erik)
    page.context.clear_cookies()
    page.goto(offer.get_absolute_url())
    assert page.get_by_role("heading", name="Besøgsven i Assentoft").is_visible()
    assert page.get_by_text("5 af 5 timer tilbage").is_visible()
    assert serious_axe_violations(page) == []

    page.goto("/")
    page.get_by_label("Hvad leder du efter?").fill("besøgsvenner")
    page.get_by_role("button", name="Søg").click()
    page.wait_for_url("**/tilbud/?q=*")
    assert page.get_by_role("link", name="Besøgsven i Assentoft").is_visible()
    assert serious_axe_violations(page) == []


def test_offering_help_works_without_javascript(page_without_js: Any, bent: User, password: str) -> None:
    page = page_without_js
    log_in(page, bent.email, password)
    page.goto("/tilbud/nyt/")
    page.get_by_role("button", name="Gem tilbuddet").click()
    assert page.locator(".form-error-message").get_by_text("Skriv en overskrift.").is_visible()
    fill_offer_form(page)
    page.get_by_label("Revisionsfirmaet Tal & Tryghed").check()
    page.get_by_role("button", name="Gem tilbuddet").click()
    page.wait_for_url("**/tilbud/*/")
    assert page.get_by_text("Dit tilbud er nu synligt for alle").is_visible()
    assert Offer.objects.get().is_public


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_offer_form_with_errors_has_no_serious_violations(
    page: Any, alice: User, password: str, viewport: dict
) -> None:
    page.set_viewport_size(viewport)
    log_in(page, alice.email, password)
    page.goto("/tilbud/nyt/")
    page.get_by_label("Timer om ugen").check()
    page.get_by_role("button", name="Gem tilbuddet").click()
    assert page.locator(".form-error-message").get_by_text("Skriv hvor mange timer eller pladser").is_visible()
    assert serious_axe_violations(page) == []


def test_citizen_registers_a_need(page: Any, alice: User, password: str) -> None:
    page.goto("/")
    page.get_by_role("link", name="Jeg har brug for hjælp").click()
    page.get_by_label("E-mail").fill(alice.email)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url("**/behov/nyt/")
    page.get_by_role("button", name="Gem").click()
    assert page.locator(".form-error-message").get_by_text("Skriv kort, hvad du har brug for hjælp til.").is_visible()
    assert serious_axe_violations(page) == []
    page.get_by_label("Hvad har du brug for hjælp til?").fill("Hjælp til at handle ind om torsdagen.")
    page.get_by_label("Hvor bor du?").select_option(label="Assentoft")
    page.get_by_label("Alle må se det").check()
    page.get_by_role("button", name="Gem").click()
    page.wait_for_url("**/behov/*/")
    assert Need.objects.get().is_public
    page.context.clear_cookies()
    page.goto("/behov/")
    assert page.get_by_text("Hjælp til at handle ind").first.is_visible()
    assert "Alice" not in page.content()
    assert serious_axe_violations(page) == []


STAFF_PAGES = [
    "/staff/",
    "/staff/tilbud/",
    "/staff/organisationer/",
    "/staff/kategorier-og-omraader/",
    "/staff/sider/kontakt/",
]


@pytest.mark.parametrize("path", STAFF_PAGES)
def test_staff_page_has_no_serious_violations(
    page: Any, client: Any, login: Any, erik: User, make_offer: Any, live_server: Any, path: str
) -> None:
    make_offer(status="pending", requires_moderation=True)
    login(client, erik)  # a verified second factor, as if erik had typed the code
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(path)
    assert page.url.endswith(path)
    assert serious_axe_violations(page) == []
