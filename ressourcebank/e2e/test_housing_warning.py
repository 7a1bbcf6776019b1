"""A landlord's early warning in a browser: the short form on a 375 px phone without JavaScript,
the Danish error summary that keeps what was written, and the receipt that promises nothing back;
axe-clean and no wider than the screen at each step."""

import re
from typing import Any

import pytest

from ressourcebank.inbox.models import Inquiry

from .browser import PHONE, Steps

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def axe_page(browser: Any, live_server: Any) -> Any:
    context = browser.new_context(viewport=PHONE, locale="da-DK", base_url=live_server.url)
    yield context.new_page()
    context.close()


def test_a_landlord_warns_the_housing_team_and_learns_nothing_back(page_without_js: Any, axe_page: Any) -> None:
    page, steps = page_without_js, Steps(page_without_js, axe_page=axe_page, walk="udlejer-varsel")
    page.goto("/skriv-til-kommunen/")
    page.get_by_role("link", name=re.compile("Er du udlejer")).click()
    steps.check("formular")
    page.get_by_label("Lejerens navn").fill("Lars Lejer")
    page.get_by_label("Lejerens adresse").fill("Østervold 12, 2. th., 8900 Randers C")
    page.get_by_role("button", name="Send varslet").click()
    page.wait_for_load_state()
    assert page.locator("[data-error-summary]").is_visible()
    assert page.get_by_label("Lejerens adresse").input_value() == "Østervold 12, 2. th., 8900 Randers C"
    steps.check("formular-fejl")
    page.get_by_label("Lejeren skylder husleje").check()
    page.get_by_label("Fortæl kort, hvad du har set").fill("Lejen for to måneder mangler.")
    page.get_by_label("Udlejer eller boligselskab").fill("Boligselskabet Kronjylland")
    page.get_by_label("Dit navn").fill("Karsten Udlejer")
    page.get_by_label("Din e-mail").fill("karsten@bolig.example.dk")
    page.get_by_role("button", name="Send varslet").click()
    page.wait_for_load_state()
    steps.check("kvittering")
    inquiry = Inquiry.objects.get()
    assert page.get_by_text(inquiry.reference).is_visible()
    assert page.get_by_text(re.compile("Du hører ikke fra os om lejeren")).is_visible()
    assert page.locator("a[href*='/status/']").count() == 0
