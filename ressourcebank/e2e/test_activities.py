"""Fællesskaber, end to end (issue 14): an association's member creates an activity with one
place, one person signs up, the next lands on the waitlist, the first gives the place back on a
page that asks first and the next has it. On a 375 px phone without JavaScript and on a 1280 px
screen with it; every step axe-clean and no wider than the screen, screenshots under
var/screenshots/activities/."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from ressourcebank.accounts.models import User
from ressourcebank.activities.models import Activity, Signup

from .browser import DESKTOP, PHONE, Steps, log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def axe_page(browser: Any, live_server: Any) -> Any:
    context = browser.new_context(viewport=PHONE, locale="da-DK", base_url=live_server.url)
    yield context.new_page()
    context.close()


def _person(browser: Any, live_server: Any, viewport: dict[str, int], javascript: bool) -> Any:
    context = browser.new_context(
        viewport=viewport, locale="da-DK", base_url=live_server.url, java_script_enabled=javascript
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


@pytest.mark.parametrize(
    ("javascript", "viewport"), [(False, PHONE), (True, DESKTOP)], ids=["375px-no-js", "1280px-js"]
)
def test_create_an_activity_sign_up_waitlist_and_give_back(
    request: pytest.FixtureRequest,
    browser: Any,
    live_server: Any,
    axe_page: Any,
    carla: User,
    olga: User,
    alice: User,
    password: str,
    javascript: bool,
    viewport: dict[str, int],
) -> None:
    page = request.getfixturevalue("page" if javascript else "page_without_js")
    page.set_viewport_size(viewport)
    axe = None if javascript else axe_page
    width = viewport["width"]
    steps = Steps(page, walk=f"activities/arrangoer-{width}", axe_page=axe)

    log_in(page, carla.email, password)
    page.goto("/faellesskaber/ny/")
    steps.check("formular")
    page.get_by_role("button", name="Opret aktiviteten").click()
    assert page.locator("[data-error-summary]").is_visible()
    steps.check("fejl")
    page.get_by_label("Hvad hedder aktiviteten?").fill("Operaaften for alle")
    page.get_by_label("Hvad sker der?").fill("Vi ser en opera på storskærm og snakker om den bagefter.")
    page.get_by_label("Hvilken slags aktivitet er det?").select_option(label="Fællesskaber og aktiviteter")
    page.get_by_label("Assentoft Strikkeklub").check()
    page.get_by_label("Hvor i kommunen?").select_option(label="Assentoft")
    page.get_by_label("Sted", exact=True).fill("Assentoft Forsamlingshus")
    page.get_by_label("Dato (første gang)").fill((timezone.localdate() + timedelta(days=5)).isoformat())
    page.get_by_label("Fra kl.").fill("19:00")
    page.get_by_label("Til kl.").fill("22:00")
    page.get_by_label("Fint at komme alene").check()
    page.get_by_label("Teleslynge").check()
    page.get_by_label("Man skal melde sig til").check()
    page.get_by_label("Antal pladser hver gang").fill("1")
    page.get_by_role("button", name="Opret aktiviteten").click()
    page.get_by_role("heading", name="Operaaften for alle").wait_for()
    activity = Activity.objects.get()
    assert activity.is_public
    steps.check("oprettet")

    olga_context, olga_page = _person(browser, live_server, viewport, javascript)
    olga_steps = Steps(olga_page, walk=f"activities/deltager-{width}", axe_page=axe)
    log_in(olga_page, olga.email, password)
    olga_page.goto("/faellesskaber/?omraade=assentoft")
    steps_list = olga_page.get_by_role("link", name="Operaaften for alle")
    olga_steps.check("liste")
    steps_list.first.click()
    olga_steps.check("gang")
    olga_page.get_by_role("button", name="Meld mig til").click()
    olga_page.get_by_text("Du er meldt til.").first.wait_for()
    olga_steps.check("tilmeldt")

    alice_context, alice_page = _person(browser, live_server, viewport, javascript)
    alice_steps = Steps(alice_page, walk=f"activities/venteliste-{width}", axe_page=axe)
    log_in(alice_page, alice.email, password)
    alice_page.goto(activity.occurrences.get().get_absolute_url())
    alice_page.get_by_role("button", name="Skriv mig på ventelisten").click()
    alice_page.get_by_text("Du er på ventelisten.").first.wait_for()
    alice_steps.check("venteliste")

    olga_page.get_by_role("link", name="Giv pladsen tilbage").click()
    olga_page.get_by_role("heading", name="Vil du give pladsen tilbage?").wait_for()
    olga_steps.check("spoerger")
    olga_page.get_by_role("button", name="Ja, giv pladsen tilbage").click()
    olga_page.get_by_text("Du har givet pladsen tilbage").wait_for()
    olga_steps.check("givet-tilbage")
    olga_context.close()

    assert Signup.objects.get(user=alice).status == "confirmed"
    alice_page.reload()
    alice_page.get_by_text("Du er meldt til.").first.wait_for()
    alice_steps.check("rykket-op")
    alice_context.close()
