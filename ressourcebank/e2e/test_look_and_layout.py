"""The site's frame and its forms in Chromium, where the faults were only visible in a browser: the
header on a 375 px phone, page titles, the favicon, the CSP in the console, DKFDS's error summary
and character limit, and the stray bullets DKFDS draws in front of list items."""

from typing import Any

import pytest

from ressourcebank.needs.models import Need
from ressourcebank.taxonomy.models import Area

from .browser import DESKTOP, PHONE, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def _console_errors(page: Any) -> list[str]:
    errors: list[str] = []

    def on_console(message: Any) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", on_console)
    return errors


@pytest.mark.parametrize("path", ["/", "/tilbud/", "/behov/", "/hvor-kan-jeg-henvende-mig/", "/konto/log-ind/"])
def test_no_page_reports_a_content_security_policy_violation(page: Any, make_offer: Any, path: str) -> None:
    make_offer()
    errors = _console_errors(page)
    page.goto(path)
    page.wait_for_load_state("networkidle")
    assert errors == []


def test_page_title_names_the_page_then_the_site(page: Any, db: Any) -> None:
    page.goto("/konto/log-ind/")
    assert page.title() == "Log ind · Ressourcebanken · Randers Kommune"


def test_the_site_has_a_favicon(page: Any, db: Any) -> None:
    page.goto("/")
    href = page.locator("link[rel=icon]").get_attribute("href")
    assert href
    assert page.request.get(href).ok


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_header_shows_the_municipality_the_service_and_the_person(
    page: Any, alice: Any, password: str, viewport: dict
) -> None:
    page.set_viewport_size(viewport)
    log_in(page, alice.email, password)
    page.wait_for_url("**/konto/")
    header = page.locator("header")
    assert header.get_by_text("Randers Kommune").is_visible()
    assert header.get_by_role("link", name="Ressourcebanken").is_visible()
    assert header.get_by_role("link", name="Randers Kommune").get_attribute("href") == "https://www.randers.dk"
    name = header.get_by_text("Alice Andersen")
    log_out = header.get_by_role("button", name="Log ud")
    assert name.is_visible() and log_out.is_visible()
    # "Log ud" is on the same line as the person's name, not left alone on a line of its own.
    name_box, button_box = name.bounding_box(), log_out.bounding_box()
    assert abs((name_box["y"] + name_box["height"] / 2) - (button_box["y"] + button_box["height"] / 2)) < 12
    assert button_box["height"] >= 44
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    # The navigation is there without a menu button, with and without JavaScript.
    nav = page.get_by_role("navigation", name="Hovedmenu")
    for link in ("Find hjælp", "Hjælp andre", "Min side", "Kontakt"):
        assert nav.get_by_role("link", name=link).is_visible()
    assert nav.get_by_role("link", name="Min side").get_attribute("aria-current") == "page"


def test_no_stray_bullet_above_list_items_on_min_side(page: Any, alice: Any, password: str) -> None:
    Need.objects.create(owner=alice, description="Hjælp til at handle ind", area=Area.objects.get(slug="assentoft"))
    log_in(page, alice.email, password)
    page.wait_for_url("**/konto/")
    item = page.locator(".result-list > li").first
    assert item.evaluate("li => getComputedStyle(li, '::before').content") in ("none", "normal", '""')


def test_a_button_does_not_sit_flush_against_the_field_above(page: Any, db: Any) -> None:
    page.goto("/")
    field = page.get_by_label("Hvad leder du efter?").bounding_box()
    button = page.get_by_role("button", name="Søg", exact=True).bounding_box()
    assert button["y"] - (field["y"] + field["height"]) >= 12


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_error_summary_lists_and_links_each_field_and_gets_focus(
    browser: Any, live_server: Any, alice: Any, password: str, javascript: bool
) -> None:
    context = browser.new_context(
        viewport=PHONE, locale="da-DK", base_url=live_server.url, java_script_enabled=javascript
    )
    page = context.new_page()
    log_in(page, alice.email, password)
    page.wait_for_url("**/konto/")
    page.goto("/behov/nyt/")
    page.get_by_role("button", name="Gem", exact=True).click()
    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    links = summary.get_by_role("link")
    assert links.count() == 2  # the description and the area
    targets = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert targets == ["#id_description", "#id_area"]
    links.nth(1).click()
    assert page.evaluate("document.activeElement.id") == "id_area"
    context.close()


def test_character_limit_counts_down_and_does_not_cut_the_text(page: Any, alice: Any, password: str) -> None:
    log_in(page, alice.email, password)
    page.wait_for_url("**/konto/")
    page.goto("/behov/nyt/")
    assert page.locator(".character-limit").get_by_text("Du har 4000 tegn tilbage").is_visible()
    text = page.get_by_label("Hvad har du brug for hjælp til?")
    text.fill("x" * 4005)
    text.press("End")
    page.locator(".character-limit").get_by_text("Du har 5 tegn for meget").wait_for()
    assert len(text.input_value()) == 4005  # not cut silently at the limit
    page.get_by_role("button", name="Gem", exact=True).click()
    assert page.locator("[data-error-summary]").get_by_text("højst være 4000 tegn").is_visible()
    assert len(page.get_by_label("Hvad har du brug for hjælp til?").input_value()) == 4005


def test_character_limit_counts_down_in_english_after_picking_english(page: Any) -> None:
    page.goto("/sprog/en/?next=/skriv-til-kommunen/")
    limit = page.locator(".character-limit")
    limit.get_by_text("You have 5000 characters left").wait_for()
    text = page.get_by_label("Write your message")
    text.fill("x" * 4999)
    text.press("End")
    limit.get_by_text("You have 1 character left").wait_for()
    text.fill("x" * 5002)
    text.press("End")
    limit.get_by_text("You have 2 characters too many").wait_for()
    assert "tegn" not in limit.inner_text()


def test_character_limit_is_stated_without_javascript(page_without_js: Any, alice: Any, password: str) -> None:
    page = page_without_js
    log_in(page, alice.email, password)
    page.wait_for_url("**/konto/")
    page.goto("/behov/nyt/")
    text = page.get_by_label("Hvad har du brug for hjælp til?")
    assert text.get_attribute("maxlength") is None
    assert page.get_by_text("Du kan skrive op til 4000 tegn.").is_visible()
    assert "_limit" in (text.get_attribute("aria-describedby") or "")
