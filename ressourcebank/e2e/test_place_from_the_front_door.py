"""A business posts a place from the front door's "Virksomhed eller forening" (issue 13, items 1–3):
one form, its rules checked as typed with JavaScript and on submit without it; axe-clean at 375 px.

Counted for the closing note (bent is logged in; his business has no workplace yet):
3 pages (front door → Virksomhed eller forening → Vi har en plads), 2 clicks to reach the form,
9 fields typed or chosen (workplace: name, address, area, employees; place: kind, title, tasks,
hours from, hours to) and 1 button. "Personer ad gangen" is 1 unless changed; the rest is optional.
"""

import time
from typing import Any

import pytest

from ressourcebank.placements.models import Place, Workplace
from ressourcebank.taxonomy.models import Area

from .browser import PHONE, Steps, log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def axe_page(browser: Any, live_server: Any) -> Any:
    context = browser.new_context(viewport=PHONE, locale="da-DK", base_url=live_server.url)
    yield context.new_page()
    context.close()


def test_a_business_posts_its_first_place_from_the_front_door_and_sees_the_rules_as_it_types(
    page: Any, bent: Any, business: Any, password: str
) -> None:
    log_in(page, bent.email, password)
    page.wait_for_url("**/konto/")
    steps = Steps(page, walk="virksomhed-har-en-plads")
    started = time.monotonic()

    page.goto("/")
    page.locator("main").get_by_role("link", name="Virksomhed eller forening").click()
    steps.check("virksomhed-eller-forening")
    page.get_by_role("link", name="Vi har en plads").click()
    page.get_by_role("heading", name="Vi har en plads").wait_for()
    steps.check("formular")

    page.get_by_label("Navn på arbejdsstedet").fill("Lageret")
    page.get_by_label("Adresse").fill("Industrivej 4, 8900 Randers C")
    page.get_by_label("Lokalområde").select_option(label="Randers C")
    page.get_by_label("Hvor mange er ansat på almindelige vilkår?").fill("4")
    page.get_by_label("Virksomhedspraktik").check()
    page.get_by_label("Giv pladsen en overskrift").fill("Praktik på lageret")
    page.get_by_label("Hvad skal personen lave?").fill("Pakke varer og holde orden.")
    page.get_by_label("Timer om ugen, fra").fill("15")
    page.get_by_label("Timer om ugen, til").fill("40")
    # Checked as typed, before anything is sent: the rule and the staff ratio for 4 employees.
    page.locator("#place-rules").get_by_text("Højst 37 timer om ugen.").wait_for()
    steps.check("regel-mens-man-skriver")
    page.get_by_label("Timer om ugen, til").fill("25")
    page.get_by_label("Hvor mange personer kan være der ad gangen?").fill("2")
    page.locator("#place-rules").get_by_text("må Lageret have 1 person").wait_for()
    page.get_by_label("Hvor mange personer kan være der ad gangen?").fill("1")
    page.locator("#place-rules").get_by_text("Der er plads til 1 mere.").wait_for()
    page.get_by_role("button", name="Send pladsen til kommunen").click()
    page.get_by_text("Tak! Kommunen ser pladsen igennem").wait_for()
    elapsed = time.monotonic() - started
    steps.check("kvittering")

    place = Place.objects.get()
    assert (place.status, place.hours_per_week_max, place.places) == ("pending", 25, 1)
    assert Workplace.objects.get().ordinary_employees == 4
    assert steps.count == 4
    assert elapsed < 120


def test_without_javascript_the_same_rules_come_on_submit_and_nothing_is_lost(
    page_without_js: Any, axe_page: Any, bent: Any, business: Any, password: str
) -> None:
    Workplace.objects.create(
        organisation=business,
        name="Butikken",
        address="Torvet 1, 8900 Randers C",
        area=Area.objects.get(slug="randers-c"),
        ordinary_employees=12,
    )
    page = page_without_js
    steps = Steps(page, axe_page=axe_page, walk="virksomhed-har-en-plads-uden-js")
    log_in(page, bent.email, password)
    page.wait_for_url("**/konto/")
    page.goto("/konto/organisation/ny/")
    page.get_by_role("link", name="Vi har en plads").click()
    steps.check("formular")

    page.get_by_label("Løntilskud").check()
    page.get_by_label("Giv pladsen en overskrift").fill("Løntilskud i butikken")
    page.get_by_label("Hvad skal personen lave?").fill("Betjene kunder og fylde varer op.")
    page.get_by_label("Timer om ugen, fra").fill("30")
    page.get_by_label("Timer om ugen, til").fill("40")
    page.get_by_label("Hvor mange personer kan være der ad gangen?").fill("3")
    page.get_by_role("button", name="Send pladsen til kommunen").click()
    page.get_by_text("Der er noget, du skal rette").wait_for()
    steps.check("fejl")
    assert page.get_by_text("Højst 37 timer om ugen.").count() >= 1
    assert page.get_by_text("Der er ikke plads til flere lige nu.").count() == 0
    assert page.get_by_text("må Butikken have 2 personer").count() >= 1
    assert page.get_by_label("Giv pladsen en overskrift").input_value() == "Løntilskud i butikken"
    assert not Place.objects.exists()

    page.get_by_label("Timer om ugen, til").fill("37")
    page.get_by_label("Hvor mange personer kan være der ad gangen?").fill("2")
    page.get_by_role("button", name="Send pladsen til kommunen").click()
    page.get_by_text("Tak! Kommunen ser pladsen igennem").wait_for()
    steps.check("kvittering")
    assert Place.objects.get().kind == "loentilskud"
