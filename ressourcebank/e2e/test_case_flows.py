"""The case ("forløb") in a browser, as the issue lists it: a coordinator opens a case, adds a
household member, an agency, a plan item and a note, records a consent, registers a need and asks
for help for the citizen; the citizen sees their plan and consents, withdraws one, and prints the
plan on one A4 page. On a 375 px phone without JavaScript, every step axe-clean and no wider than
the screen (Steps); the citizen's pages again at 1280 px with JavaScript."""

import re
from typing import Any

import pytest
from django.utils import timezone

from ressourcebank.cases import actions
from ressourcebank.cases.models import Case, Consent, PlanAction
from ressourcebank.connections.models import Connection
from ressourcebank.needs.models import Need

from .browser import DESKTOP, PHONE, Steps, log_in, log_in_with_second_factor, submit

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def axe_page(browser: Any, live_server: Any) -> Any:
    context = browser.new_context(viewport=PHONE, locale="da-DK", base_url=live_server.url)
    yield context.new_page()
    context.close()


def test_coordinator_opens_a_case_and_asks_for_help_for_the_citizen(
    page_without_js: Any, axe_page: Any, dorte: Any, alice: Any, password: str, carlas_offer: Any
) -> None:
    page, steps = page_without_js, Steps(page_without_js, axe_page=axe_page, walk="forloeb-tovholder")
    log_in_with_second_factor(page, dorte, password)
    page.goto("/forloeb/")
    steps.check("oversigt-tom")
    page.get_by_role("link", name="Opret et forløb").click()
    steps.check("opret")
    submit(page)  # nothing written: the error summary, nothing lost
    assert page.locator("[data-error-summary]").is_visible()
    steps.check("opret-fejl")
    page.get_by_label("Kort navn på forløbet").fill("Familien Andersen")
    page.get_by_label("En familie").check()
    page.get_by_label("Borgerens navn").fill("Alice Andersen")
    page.get_by_label("Borgerens e-mail i Ressourcebanken").fill(alice.email)
    submit(page)
    case = Case.objects.get()
    assert page.url.endswith(case.get_absolute_url())
    steps.check("forloeb")

    page.get_by_role("link", name="Tilføj en i husstanden").click()
    page.get_by_label("Navn").fill("Mads Andersen")
    page.get_by_label("Hvem er det for borgeren?").select_option(label="Barn")
    page.get_by_label("Alder").select_option(label="Barn under 15 år")
    steps.check("husstand")
    submit(page)

    page.get_by_role("link", name="Tilføj en instans").click()
    page.get_by_label("Slags instans").select_option(label="Skole og PPR")
    page.get_by_label("Navn på instansen").fill("Rismølleskolen")
    page.locator("input[name=contact_person]").fill("Lene Lærer")
    steps.check("instans")
    submit(page)

    page.get_by_role("link", name="Tilføj et mål").click()
    page.get_by_label("Mål", exact=True).fill("Mads kommer i skole hver dag")
    submit(page)
    page.get_by_role("link", name="Tilføj en handling").first.click()
    page.get_by_label("Hvad skal gøres?").fill("Morgenhjælp tre dage om ugen")
    page.get_by_label("Hvem gør det?").select_option(label="En frivillig eller forening")
    steps.check("handling")
    submit(page)

    page.get_by_role("link", name=re.compile("Se 0 noter")).click()
    page.get_by_label("Note").fill("Første samtale hjemme hos familien.")
    steps.check("noter")
    submit(page)
    page.goto(case.get_absolute_url())

    page.get_by_role("link", name="Registrér et samtykke").click()
    page.get_by_label("Hvem giver samtykke?").select_option(label="Alice Andersen")
    page.get_by_label("Dele med en frivillig eller forening").check()
    page.get_by_label("Mundtligt").check()
    steps.check("samtykke")
    submit(page)
    steps.check("forloeb-udfyldt")

    page.get_by_role("link", name="Registrér et behov").click()
    page.get_by_label("Hvem er behovet for?").select_option(label="Alice Andersen")
    page.locator("textarea[name=description]").fill("Alice savner en besøgsven til kaffe og en snak om eftermiddagen.")
    page.locator("select[name=area]").select_option(label="Assentoft")
    steps.check("behov")
    submit(page)
    need = Need.objects.get()
    assert page.url.endswith(need.get_absolute_url())
    steps.check("behov-med-forslag")
    page.locator(f"a[href^='/forbindelser/spoerg/{carlas_offer.pk}/']").click()
    steps.check("spoerg")
    submit(page)
    steps.check("spurgt")

    assert case.members.count() == 2 and case.agencies.count() == 1 and case.notes.count() == 1
    assert PlanAction.objects.filter(case=case).count() == 1
    assert Consent.objects.get(case=case).purpose == Consent.Purpose.SHARE_WITH_VOLUNTEER
    connection = Connection.objects.get(offer=carlas_offer)
    assert (connection.need, connection.requester) == (need, dorte)
    page.goto(case.get_absolute_url())
    assert page.get_by_text(carlas_offer.title).first.is_visible()


@pytest.fixture
def alices_case(dorte: Any, alice: Any) -> Case:
    case = actions.open_case(
        actions.CaseData(
            title="Familien Andersen", kind="household", citizen_name="Alice Andersen", age_group="18-64", citizen=alice
        ),
        by=dorte,
    )
    son = actions.add_member(case, name="Mads Andersen", relation="child", age_group="0-14", by=dorte)
    for number, title in enumerate(
        ["Mads kommer i skole hver dag", "Alice får et arbejde, der passer til hende", "Familien får ro på økonomien"]
    ):
        goal = actions.add_goal(case, title=title, member=son if number == 0 else None, by=dorte)
        for step in range(4):
            actions.add_action(
                case,
                PlanAction(
                    goal=goal,
                    title=f"Handling {step + 1}: en aftale, der skal holdes, med et par ord om hvordan",
                    owner_kind="citizen" if step % 2 else "tovholder",
                    due_on=timezone.localdate(),
                    is_contribution=step == 3,
                ),
                by=dorte,
            )
    member = case.members.get(relation="self")
    actions.record_consent(case, member=member, purpose="share_with_volunteer", method="oral", by=dorte)
    actions.record_consent(case, member=member, purpose="contact_email", method="digital", by=dorte)
    return case


def test_citizen_sees_the_plan_and_consents_withdraws_one_and_prints_the_plan_on_one_page(
    page_without_js: Any, axe_page: Any, alices_case: Case, alice: Any, password: str, browser: Any, live_server: Any
) -> None:
    page, steps = page_without_js, Steps(page_without_js, axe_page=axe_page, walk="forloeb-borger")
    log_in(page, alice.email, password)
    page.wait_for_url("**/konto/")
    page.get_by_role("link", name=re.compile("Mit forløb")).click()
    steps.check("mit-forloeb")
    page.get_by_role("link", name=re.compile("Træk tilbage.*Kontakt på e-mail")).click()
    steps.check("traek-tilbage")
    page.get_by_role("button", name="Ja, træk det tilbage").click()
    page.wait_for_load_state()
    steps.check("trukket-tilbage")
    assert Consent.objects.get(purpose="contact_email").withdrawn_at is not None
    assert Consent.objects.get(purpose="share_with_volunteer").withdrawn_at is None
    page.get_by_role("link", name=re.compile("til at printe")).click()
    steps.check("plan")

    # Printed (Chromium's own PDF, A4), the plan of 3 goals and 12 actions is one page.
    context = browser.new_context(viewport=DESKTOP, locale="da-DK", base_url=live_server.url)
    desktop = context.new_page()
    log_in(desktop, alice.email, password)
    desktop.wait_for_url("**/konto/")
    for path, name in [("/forloeb/mit/", "mit-forloeb-desktop"), ("/forloeb/mit/plan/", "plan-desktop")]:
        desktop.goto(path)
        desktop.screenshot(path=steps.directory / f"{name}.png", full_page=True)
    desktop.emulate_media(media="print")
    pdf = desktop.pdf(format="A4", print_background=False)
    context.close()
    (steps.directory / "plan.pdf").write_bytes(pdf)
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1
