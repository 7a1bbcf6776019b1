"""A citizen matched to a business's place, in a browser: the tovholder proposes Alice (who said
yes to sharing with a business), the business sees her first name and says yes, the municipality
approves with the agreement's terms (a broken rule first, answered beside its field), and the
agreement prints on one A4 page. Each person on a 375 px phone without JavaScript, every page
axe-clean and no wider than the screen (Steps)."""

import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from ressourcebank.accounts.models import User
from ressourcebank.cases import actions as case_actions
from ressourcebank.cases.models import Case
from ressourcebank.placements.models import Agreement, Place, Proposal, Workplace
from ressourcebank.taxonomy.models import Area

from .browser import PHONE, Steps, log_in, log_in_with_second_factor, submit

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def axe_page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=PHONE, locale="da-DK", base_url=live_server.url)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser: Any, live_server: Any) -> Iterator[Any]:
    """A fresh phone without JavaScript for each person in the walk."""
    contexts = []

    def open_phone() -> Any:
        context = browser.new_context(
            viewport=PHONE, locale="da-DK", base_url=live_server.url, java_script_enabled=False
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_phone
    for context in contexts:
        context.close()


@pytest.fixture
def place(business: Any, erik: User) -> Place:
    workplace = Workplace.objects.create(
        organisation=business,
        name="Kontoret i Assentoft",
        address="Assentoft Hovedgade 1, 8960 Randers SØ",
        p_number="1012345678",
        area=Area.objects.get(slug="assentoft"),
        ordinary_employees=30,
    )
    return Place.objects.create(
        workplace=workplace,
        kind=Place.Kind.VIRKSOMHEDSPRAKTIK,
        title="Praktik i bogholderiet",
        tasks="Bilag, arkiv og post. Du sidder sammen med Bent, der viser dig det hele.",
        learning="Bogføring i et rigtigt system, og hvordan et kontor fungerer.",
        adjustments="Du kan starte med korte dage og holde pauser, når du har brug for det.",
        hours_per_week_min=10,
        hours_per_week_max=25,
        mentor="Bent Bogholder",
        status=Place.Status.OPEN,
        approved_at=timezone.now() - timedelta(days=2),
        approved_by=erik,
    )


@pytest.fixture
def alices_case(dorte: User, alice: User) -> Case:
    data = case_actions.CaseData(
        title="Alice", kind="citizen", citizen_name="Alice Andersen", age_group="18-64", citizen=alice
    )
    case = case_actions.open_case(data, by=dorte)
    member = case.members.get()
    case_actions.record_consent(case, member=member, purpose="share_with_business", method="oral", by=dorte)
    return case


def test_propose_accept_approve_and_print_the_agreement(
    phone: Any,
    axe_page: Any,
    place: Place,
    alices_case: Case,
    dorte: User,
    bent: User,
    erik: User,
    password: str,
    browser: Any,
    live_server: Any,
) -> None:
    # The tovholder proposes Alice.
    page = phone()
    steps = Steps(page, axe_page=axe_page, walk="plads-tovholder")
    log_in_with_second_factor(page, dorte, password)
    page.goto("/konto/")
    page.get_by_role("link", name=re.compile("Ledige pladser i virksomheder")).click()
    steps.check("ledige-pladser")
    page.get_by_role("link", name=re.compile("Foreslå en borger")).click()
    assert page.url.endswith(f"/pladser/{place.pk}/foreslaa/")
    steps.check("foreslaa")
    submit(page)  # nothing chosen: the errors, nothing lost
    assert page.locator("[data-error-summary]").is_visible()
    steps.check("foreslaa-fejl")
    page.get_by_label("Hvem vil du foreslå?").select_option(label="Alice Andersen (Alice)")
    page.get_by_label("Borgerens målgruppe").select_option("aktivitetsparat")
    page.get_by_label("Borgeren er under 30 år").check()
    page.get_by_label("Det vil borgeren gerne fortælle virksomheden").fill("Jeg er god til tal og kan lide orden.")
    submit(page)
    proposal = Proposal.objects.get()
    assert page.url.endswith(f"/pladser/forslag/{proposal.pk}/")
    steps.check("foreslaaet")

    # The business sees the first name and what Alice wanted to tell, and says yes.
    page = phone()
    steps = Steps(page, axe_page=axe_page, walk="plads-virksomhed")
    log_in(page, bent.email, password)
    page.goto(f"/pladser/virksomhed/{place.workplace.organisation_id}/")
    steps.check("virksomhedens-side")
    page.get_by_role("link", name="Alice").click()
    content = page.content()
    assert "Jeg er god til tal" in content and "Andersen" not in content
    steps.check("forslag")
    with page.expect_navigation():
        page.get_by_role("button", name="Ja, vi vil gerne").click()
    steps.check("sagt-ja")
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.ACCEPTED

    # The municipality approves: a start before the place was approved is refused beside its field.
    page = phone()
    steps = Steps(page, axe_page=axe_page, walk="plads-kommune")
    log_in_with_second_factor(page, erik, password)
    page.goto("/staff/pladser/forslag/")
    steps.check("forslag-til-godkendelse")
    page.get_by_role("link", name="Praktik i bogholderiet").first.click()
    page.get_by_role("link", name="Godkend og lav aftalen").click()
    steps.check("godkend")
    today = timezone.localdate()
    page.get_by_label("Formål").fill("Afklare et jobmål i bogholderi og komme tættere på et ordinært job.")
    page.get_by_label("Startdato").fill((today - timedelta(days=5)).isoformat())
    page.get_by_label("Slutdato").fill((today + timedelta(weeks=8)).isoformat())
    page.get_by_label("Timer om ugen").fill("20")
    page.get_by_label("Kontaktpersonens e-mail").fill("bent@talogtryghed.dk")
    submit(page)
    assert page.locator(".form-error-message").filter(has_text=re.compile("godkendt")).is_visible()
    steps.check("godkend-fejl")
    page.get_by_label("Startdato").fill(today.isoformat())
    submit(page)
    agreement = Agreement.objects.get()
    assert page.url.endswith(agreement.get_absolute_url())
    steps.check("aftale")

    # Printed (Chromium's own PDF, A4), the agreement is one page.
    context = browser.new_context(locale="da-DK", base_url=live_server.url)
    printer = context.new_page()
    log_in_with_second_factor(printer, erik, password)
    printer.goto(agreement.get_absolute_url())
    printer.emulate_media(media="print")
    pdf = printer.pdf(format="A4", print_background=False)
    context.close()
    (steps.directory / "aftale.pdf").write_bytes(pdf)
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1
