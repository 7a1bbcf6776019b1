"""A citizen books a callback on a phone without JavaScript, moves it and cancels it through the
link; and the counselling near her on the front door and the area's page, with JavaScript on at
desktop width. Every step axe-clean, no wider than the screen (e2e.browser.Steps); screenshots
under var/screenshots/appts/."""

from collections.abc import Callable
from typing import Any

import pytest

from ressourcebank.appointments import actions
from ressourcebank.appointments.models import Booking, CounsellingHours, Slot
from ressourcebank.e2e.browser import DESKTOP, PHONE, Steps, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def axe_page(browser: Any, live_server: Any) -> Any:
    context = browser.new_context(viewport=PHONE, locale="da-DK", base_url=live_server.url)
    yield context.new_page()
    context.close()


def _choose(page: Any, slot: Slot) -> None:
    """Clicks the time's label, as a person does (DKFDS draws the radio button on the label)."""
    radio_id = page.locator(f"input[name=slot][value='{slot.pk}']").get_attribute("id")
    page.locator(f"label[for={radio_id}]").click()


def test_a_callback_is_booked_moved_and_cancelled_on_a_phone_without_javascript(
    page_without_js: Any, axe_page: Any, make_slot: Callable[..., Slot]
) -> None:
    page, steps = page_without_js, Steps(page_without_js, axe_page=axe_page, walk="appts/ring-mig-op")
    first, later = make_slot(hours_ahead=26), make_slot(hours_ahead=50)

    page.goto("/ring-mig-op/")
    steps.check("vaelg-team")
    page.locator("main").get_by_role("link", name="Borgerservice").click()
    steps.check("vaelg-tid")
    page.get_by_label("Dit navn").fill("Birthe Borger")
    page.get_by_label("Dit telefonnummer").fill("1234")
    submit(page)  # no time chosen, a wrong number: told what to fix, the name kept
    assert page.locator("[data-error-summary]").is_visible()
    assert page.get_by_label("Dit navn").input_value() == "Birthe Borger"
    steps.check("fejl")
    _choose(page, first)
    page.get_by_label("Dit telefonnummer").fill("12 34 56 78")
    submit(page)
    booking = Booking.objects.get()
    assert booking.slot == first
    assert "/min-tid/" in page.url
    steps.check("kvittering")

    page.get_by_role("link", name="Flyt tiden").click()
    steps.check("flyt")
    _choose(page, later)
    submit(page)
    booking.refresh_from_db()
    assert booking.slot == later
    steps.check("flyttet")

    page.get_by_role("link", name="Aflys tiden").click()
    steps.check("aflys")
    submit(page)
    booking.refresh_from_db()
    assert booking.is_cancelled
    steps.check("aflyst")


def test_counselling_near_you_on_the_front_door_and_the_area_page_at_desktop_width(
    page: Any, assentoft_hours: CounsellingHours
) -> None:
    actions.make_counselling_slots(assentoft_hours)
    page.set_viewport_size(DESKTOP)
    steps = Steps(page, walk="appts/raadgivning")

    page.goto("/")
    steps.check("forside")
    page.locator("main").get_by_role("link", name="Assentoft").first.click()
    assert page.url.endswith("/omraader/assentoft/")
    steps.check("omraade")
    page.locator("main").get_by_role("link", name="Du kan også bestille en tid").click()
    steps.check("bestil-raadgivning")
    page.locator("label[for=id_slot_0]").click()
    page.get_by_label("Dit navn").fill("Birthe Borger")
    page.get_by_label("Dit telefonnummer").fill("12345678")
    submit(page)
    assert Booking.objects.filter(slot__counselling=assentoft_hours).count() == 1
    steps.check("kvittering")
    page.set_viewport_size(PHONE)
    page.goto("/omraader/assentoft/")
    steps.check("omraade-telefon")


def test_staff_see_booked_callbacks_and_publish_times_on_a_phone_without_javascript(
    page_without_js: Any, axe_page: Any, erik: Any, password: str, slot: Slot
) -> None:
    from ressourcebank.e2e.browser import log_in_with_second_factor

    actions.book_slot(slot, name="Birthe Borger", phone="12345678", by=None)
    page, steps = page_without_js, Steps(page_without_js, axe_page=axe_page, walk="appts/medarbejder")
    log_in_with_second_factor(page, erik, password)

    page.goto("/staff/ring-mig-op/")
    assert page.get_by_text("Birthe Borger").is_visible()
    steps.check("bestilte-tider")
    page.get_by_label("Fra kl.").fill("16:00")
    page.get_by_label("Til kl.").fill("15:00")
    submit(page)
    assert page.locator("[data-error-summary]").is_visible()
    steps.check("fejl")
    page.goto("/staff/fremskudt-raadgivning/ny/")
    steps.check("ny-raadgivning")
