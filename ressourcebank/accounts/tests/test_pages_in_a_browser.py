"""The account pages in Chromium: no serious or critical axe-core violations on a phone and a
desktop, also with errors shown, and signing up works with JavaScript turned off."""

from typing import Any

import pytest
from django.core import mail

from ressourcebank.accounts.models import User
from ressourcebank.e2e.conftest import DESKTOP, PHONE, browser, page, page_without_js, serious_axe_violations

__all__ = ["browser", "page", "page_without_js"]
pytestmark = pytest.mark.browser

ANONYMOUS_PAGES = [
    "/konto/log-ind/",
    "/konto/opret/",
    "/konto/glemt-adgangskode/",
    "/konto/organisation/ny/",
]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
@pytest.mark.parametrize("path", ANONYMOUS_PAGES)
def test_account_page_has_no_serious_accessibility_violations(page: Any, db: Any, path: str, viewport: dict) -> None:
    page.set_viewport_size(viewport)
    page.goto(path)
    assert serious_axe_violations(page) == []


def test_signup_form_with_errors_has_no_serious_accessibility_violations(page: Any, db: Any) -> None:
    page.goto("/konto/opret/")
    page.get_by_role("button", name="Opret konto").click()
    assert page.locator(".form-error-message").get_by_text("Skriv dit navn.").is_visible()
    assert serious_axe_violations(page) == []


def test_second_factor_setup_page_has_no_serious_violations(page: Any, dorte: User, password: str) -> None:
    page.goto("/konto/log-ind/")
    page.get_by_label("E-mail").fill(dorte.email)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url("**/konto/to-trin/opsaet/**")
    assert page.locator("svg").count() >= 1
    assert serious_axe_violations(page) == []


def test_organisation_form_has_no_serious_violations(page: Any, alice: User, password: str) -> None:
    page.goto("/konto/log-ind/?next=/konto/organisation/ny/")
    page.get_by_label("E-mail").fill(alice.email)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url("**/konto/organisation/ny/")
    page.get_by_role("button", name="Send til godkendelse").click()
    assert (
        page.locator(".form-error-message").get_by_text("Skriv navnet på virksomheden eller foreningen.").is_visible()
    )
    assert serious_axe_violations(page) == []


def test_signing_up_works_without_javascript(page_without_js: Any, db: Any) -> None:
    page = page_without_js
    page.goto("/konto/opret/")
    page.get_by_label("Dit navn").fill("Hanne Hansen")
    page.get_by_label("Din e-mail").fill("hanne@example.dk")
    page.get_by_label("Vælg en adgangskode").fill("blaa-cykel-paa-taget")
    page.get_by_role("button", name="Opret konto").click()
    page.wait_for_url("**/konto/")
    assert page.get_by_role("heading", name="Min side").is_visible()
    assert User.objects.filter(email="hanne@example.dk").exists()
    assert len(mail.outbox) == 1


def _log_in_to_api_tokens(page: Any, user: User, password: str) -> None:
    page.goto("/konto/log-ind/?next=/konto/api-noegler/")
    page.get_by_label("E-mail").fill(user.email)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url("**/konto/api-noegler/")


def test_api_tokens_page_has_no_serious_violations_with_errors_and_with_a_new_token(
    page: Any, alice: User, password: str
) -> None:
    _log_in_to_api_tokens(page, alice, password)
    page.get_by_role("button", name="Lav nøglen").click()
    assert page.locator("#id_name_error").get_by_text("Giv nøglen et navn.").is_visible()
    assert serious_axe_violations(page) == []
    page.get_by_label("Hvad skal nøglen bruges til?").fill("Min app")
    page.get_by_role("button", name="Lav nøglen").click()
    assert page.get_by_label("Nøgle", exact=True).input_value().startswith("rb_")
    assert serious_axe_violations(page) == []


def test_api_tokens_are_made_and_revoked_without_javascript(page_without_js: Any, alice: User, password: str) -> None:
    page = page_without_js
    _log_in_to_api_tokens(page, alice, password)
    page.get_by_label("Hvad skal nøglen bruges til?").fill("Min app")
    page.get_by_label("Læse og skrive").check()
    page.get_by_role("button", name="Lav nøglen").click()
    assert page.get_by_label("Nøgle", exact=True).input_value().startswith("rb_")
    page.get_by_role("link", name="Tilbagekald Min app").click()
    assert page.get_by_role("heading", name="Vil du tilbagekalde nøglen?").is_visible()
    page.get_by_role("button", name="Ja, tilbagekald").click()
    page.wait_for_url("**/konto/api-noegler/")
    assert page.get_by_text("Tilbagekaldt", exact=True).is_visible()


def test_an_invitation_is_accepted_from_min_side_without_javascript(
    page_without_js: Any, alice: User, carla: User, association: Any, password: str
) -> None:
    from ressourcebank.accounts.actions import invite_member

    invite_member(association, alice.email, by=carla)
    page = page_without_js
    page.goto("/konto/log-ind/")
    page.get_by_label("E-mail").fill(alice.email)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url("**/konto/")
    assert page.get_by_role("heading", name="Invitationer").is_visible()
    page.get_by_role("button", name="Ja, gerne Assentoft Strikkeklub").click()
    page.wait_for_url(f"**/konto/organisation/{association.pk}/")
    assert page.get_by_text("Du kan nu handle for Assentoft Strikkeklub.").is_visible()


def test_min_side_with_an_invitation_has_no_serious_violations(
    page: Any, alice: User, carla: User, association: Any, password: str
) -> None:
    from ressourcebank.accounts.actions import invite_member

    invite_member(association, alice.email, by=carla)
    page.goto("/konto/log-ind/")
    page.get_by_label("E-mail").fill(alice.email)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url("**/konto/")
    assert serious_axe_violations(page) == []
