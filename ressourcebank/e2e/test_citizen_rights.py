"""The citizen's rights in a browser: "Det ved vi om dig" from Min side, on a 375 px phone without
JavaScript, axe-clean, and printed (Chromium's own PDF) with every part and no buttons; and staff
taking out a citizen's data on request, the form's error first."""

import re
from typing import Any

import pytest

from ressourcebank.cases import actions
from ressourcebank.cases.models import Case

from .browser import DESKTOP, PHONE, Steps, log_in, log_in_with_second_factor

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def axe_page(browser: Any, live_server: Any) -> Any:
    context = browser.new_context(viewport=PHONE, locale="da-DK", base_url=live_server.url)
    yield context.new_page()
    context.close()


@pytest.fixture
def alices_case(dorte: Any, alice: Any) -> Case:
    case = actions.open_case(
        actions.CaseData(
            title="Familien Andersen", kind="household", citizen_name="Alice Andersen", age_group="18-64", citizen=alice
        ),
        by=dorte,
    )
    actions.add_member(case, name="Mads Andersen", relation="child", age_group="0-14", by=dorte)
    goal = actions.add_goal(case, title="Mads kommer i skole hver dag", member=None, by=dorte)
    actions.add_note(case, written_on=goal.created_at.date(), body="Første samtale hjemme hos familien.", by=dorte)
    member = case.members.get(relation="self")
    actions.record_consent(case, member=member, purpose="share_with_volunteer", method="oral", by=dorte)
    return case


def test_the_citizen_reads_and_prints_what_we_know_about_them(
    page_without_js: Any, axe_page: Any, alices_case: Case, alice: Any, password: str, browser: Any, live_server: Any
) -> None:
    page, steps = page_without_js, Steps(page_without_js, axe_page=axe_page, walk="det-ved-vi-om-dig")
    log_in(page, alice.email, password)
    page.wait_for_url("**/konto/")
    page.get_by_role("link", name=re.compile("Det ved vi om dig")).click()
    steps.check("det-ved-vi-om-dig")
    assert page.get_by_role("heading", name="Dit forløb").is_visible()
    assert page.get_by_text("Første samtale hjemme hos familien.").is_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile("Hent mine oplysninger")).click()
    assert download.value.suggested_filename.startswith("ressourcebanken-")

    context = browser.new_context(viewport=DESKTOP, locale="da-DK", base_url=live_server.url)
    desktop = context.new_page()
    log_in(desktop, alice.email, password)
    desktop.wait_for_url("**/konto/")
    desktop.goto("/konto/det-ved-vi-om-dig/")
    desktop.emulate_media(media="print")
    assert not desktop.get_by_role("button", name=re.compile("Hent mine oplysninger")).is_visible()
    assert desktop.get_by_role("heading", name="Hvem har set dine oplysninger").is_visible()
    (steps.directory / "det-ved-vi-om-dig.pdf").write_bytes(desktop.pdf(format="A4"))
    context.close()


def test_staff_take_out_a_citizens_data_on_request(
    page_without_js: Any, axe_page: Any, alices_case: Case, alice: Any, erik: Any, password: str
) -> None:
    page, steps = page_without_js, Steps(page_without_js, axe_page=axe_page, walk="borgerdata")
    log_in_with_second_factor(page, erik, password)
    page.goto("/staff/")
    page.get_by_role("link", name=re.compile("En borgers oplysninger")).click()
    steps.check("formular")
    page.get_by_label("Borgerens e-mail").fill(alice.email)
    page.get_by_role("button", name="Vis borgerens oplysninger").click()
    page.wait_for_load_state()
    assert page.locator("[data-error-summary]").is_visible()
    assert page.get_by_label("Borgerens e-mail").input_value() == alice.email
    steps.check("formular-fejl")
    page.get_by_label("Hvorfor tager du oplysningerne ud?").fill("Borgeren bad om det i telefonen.")
    page.get_by_role("button", name="Vis borgerens oplysninger").click()
    page.wait_for_load_state()
    steps.check("udtraek")
    assert page.get_by_text("Første samtale hjemme hos familien.").is_visible()
