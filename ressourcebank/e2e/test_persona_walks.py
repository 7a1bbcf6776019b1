"""One walk per persona through their main flow, as they would take it: on a 375 px phone with
JavaScript turned off. Each step is checked (axe-clean, nothing wider than the screen, no console
errors, no duplicate ids; see Steps) and kept as a screenshot under var/screenshots/<walk>/.

The walks assert what happened (rows in the database, where the person ends up), not the wording
of the pages, so they survive changes to the texts."""

from datetime import date
from typing import Any

import pytest
from django.utils import timezone

from ressourcebank.connections.models import Connection, HoursEntry
from ressourcebank.needs.models import Need
from ressourcebank.notifications.models import OutboxMail
from ressourcebank.offers.models import Offer
from ressourcebank.taxonomy.models import Category

from .browser import PHONE, Steps, log_in, log_in_with_second_factor, submit

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def axe_page(browser: Any, live_server: Any) -> Any:
    context = browser.new_context(viewport=PHONE, locale="da-DK", base_url=live_server.url)
    yield context.new_page()
    context.close()


def test_citizen_who_needs_help_describes_it_and_asks_a_suggestion(
    page_without_js: Any, axe_page: Any, alice: Any, bent: Any, password: str, make_offer: Any
) -> None:
    page, steps = page_without_js, Steps(page_without_js, axe_page=axe_page, walk="borger-har-brug-for-hjaelp")
    offer = make_offer(owner=bent, title="Kaffe og en god snak", description="Jeg kommer gerne på besøg til en snak.")
    page.goto("/")
    steps.check("forside")
    page.locator("main").get_by_role("link", name="Jeg har brug for hjælp").click()
    if "/konto/log-ind/" in page.url:
        steps.check("log-ind")
        page.get_by_label("E-mail").fill(alice.email)
        page.get_by_label("Adgangskode").fill(password)
        submit(page)
    assert page.url.endswith("/behov/nyt/")
    steps.check("behov-formular")
    submit(page)  # nothing written: the error summary, nothing lost
    assert page.locator("[data-error-summary]").is_visible()
    steps.check("behov-fejl")
    page.locator("textarea[name=description]").fill("Min mor sidder alene hele dagen og savner nogen at snakke med.")
    page.locator("select[name=area]").select_option(label="Assentoft")
    submit(page)
    need = Need.objects.get(owner=alice)
    assert page.url.endswith(need.get_absolute_url())
    steps.check("behov-med-forslag")
    page.locator(f"a[href^='/forbindelser/spoerg/{offer.pk}/']").click()
    steps.check("spoerg")
    page.locator("textarea").first.fill("Kan du besøge min mor om tirsdagen?")
    submit(page)
    steps.check("spurgt")
    connection = Connection.objects.get(offer=offer)
    assert (connection.need, connection.requester, connection.state) == (need, alice, Connection.State.REQUESTED)


def test_volunteer_offers_help_says_yes_and_records_the_hours(
    page_without_js: Any, axe_page: Any, alice: Any, olga: Any, password: str, make_offer: Any
) -> None:
    page, steps = page_without_js, Steps(page_without_js, axe_page=axe_page, walk="frivillig")
    log_in(page, alice.email, password)
    page.wait_for_url("**/konto/")
    steps.check("min-side")
    page.goto("/tilbud/nyt/")
    steps.check("tilbud-formular")
    page.locator("input[name=title]").fill("Hjælp til havearbejde")
    page.locator("textarea[name=description]").fill("Jeg slår gerne græs og klipper hæk.")
    page.locator("select[name=category]").select_option(label="Praktisk hjælp")
    page.locator("select[name=area]").select_option(label="Kristrup")
    submit(page)
    offer = Offer.objects.get(owner=alice)
    assert page.url.endswith(offer.get_absolute_url())
    steps.check("tilbud-gemt")

    # Someone asks for the help of an offer of hers that is already public.
    published = make_offer(owner=alice, title="Besøgsven i Assentoft")
    connection = Connection.objects.create(offer=published, requester=olga, request_message="Vil du besøge mig?")
    page.goto("/forbindelser/")
    steps.check("mine-forbindelser")
    page.locator(f"main a[href='{connection.get_absolute_url()}']").first.click()
    steps.check("forespoergsel")
    page.locator(f"a[href='/forbindelser/{connection.pk}/ja/']").click()
    steps.check("sig-ja")
    for box in page.locator("input[name=accept_declaration]").all():
        box.check()
    submit(page)
    if "tavshedspligt" in page.url:  # the declaration on a page of its own, then yes again
        page.locator("main form input[type=checkbox]").first.check()
        submit(page)
        submit(page)
    connection.refresh_from_db()
    assert connection.state == Connection.State.ACCEPTED
    page.goto(connection.get_absolute_url())
    steps.check("forbindelse-aftalt")
    page.locator("form[action$='/timer/'] input[name=given_on]").fill(timezone.localdate().isoformat())
    page.locator("form[action$='/timer/'] input[name=hours]").fill("1,5")
    page.locator("form[action$='/timer/'] .button-primary").click()
    page.wait_for_load_state()
    steps.check("timer-registreret")
    assert str(HoursEntry.objects.get(connection=connection).hours) == "1.50"


def test_business_member_gives_hours_a_month_for_the_business(
    page_without_js: Any, axe_page: Any, bent: Any, business: Any, password: str
) -> None:
    page, steps = page_without_js, Steps(page_without_js, axe_page=axe_page, walk="virksomhed")
    log_in(page, bent.email, password)
    page.wait_for_url("**/konto/")
    steps.check("min-side")
    page.goto("/tilbud/nyt/")
    steps.check("tilbud-formular")
    page.locator("input[name=title]").fill("Gratis hjælp til regnskab og skat")
    page.locator("textarea[name=description]").fill("Vi hjælper med årsopgørelsen og budgettet.")
    page.locator("select[name=category]").select_option(label="Økonomi, regnskab og skat")
    page.locator("select[name=area]").select_option(label="Randers C")
    page.get_by_label(business.name).check()
    page.get_by_label("Timer om måneden").check()
    page.locator("input[name=capacity_amount]").fill("3")
    submit(page)
    offer = Offer.objects.get(organisation=business)
    assert (offer.capacity_kind, offer.capacity_amount) == ("hours_per_month", 3)
    steps.check("tilbud-gemt")
    page.goto("/konto/")
    assert page.locator(f"main a[href='{offer.get_absolute_url()}']").count() == 1
    steps.check("min-side-med-tilbud")


def test_association_member_offers_an_activity_with_children_and_registers_the_child_check(
    page_without_js: Any, axe_page: Any, carla: Any, association: Any, password: str
) -> None:
    page, steps = page_without_js, Steps(page_without_js, axe_page=axe_page, walk="forening")
    log_in(page, carla.email, password)
    page.wait_for_url("**/konto/")
    page.goto("/tilbud/nyt/")
    page.locator("input[name=title]").fill("Strikkecafé for børn og bedsteforældre")
    page.locator("textarea[name=description]").fill("Vi strikker sammen hver onsdag i klubhuset.")
    page.locator("select[name=category]").select_option(label="Håndarbejde og kreativitet")
    page.locator("select[name=area]").select_option(label="Assentoft")
    page.get_by_label(association.name).check()
    page.locator("input[name=has_child_contact]").check()
    steps.check("tilbud-formular")
    submit(page)
    offer = Offer.objects.get(organisation=association)
    assert not offer.is_public  # waits for the børneattest
    steps.check("tilbud-venter")
    page.locator(f"a[href='/tilbud/{offer.pk}/boerneattest/']").first.click()
    steps.check("boerneattest")
    page.locator("input[name=obtained_on]").fill("2026-11-02")
    page.locator("input[name=confirm]").check()
    submit(page)
    offer.refresh_from_db()
    assert offer.child_check_obtained_on == date(2026, 11, 2)
    assert offer.status == Offer.Status.PUBLISHED
    steps.check("tilbud-offentligt")


def test_coordinator_registers_a_need_for_a_citizen_and_finds_it_again(
    page_without_js: Any, axe_page: Any, dorte: Any, password: str
) -> None:
    page, steps = page_without_js, Steps(page_without_js, axe_page=axe_page, walk="tovholder")
    log_in_with_second_factor(page, dorte, password)
    steps.check("min-side")
    page.goto("/behov/for-borger/")
    steps.check("behov-for-borger")
    page.locator("input[name=citizen_name]").fill("Hanne Hansen")
    page.locator("textarea[name=description]").fill("Hanne har brug for en, der kan køre hende til lægen.")
    page.locator("select[name=area]").select_option(label="Langå")
    submit(page)
    need = Need.objects.get(citizen_name="Hanne Hansen")
    assert need.coordinator == dorte
    steps.check("behov-gemt")
    page.goto("/konto/")
    assert page.locator(f"main a[href='{need.get_absolute_url()}']").count() >= 1
    steps.check("min-side-med-behov")
    page.goto("/staff/udaekkede-behov/")
    steps.check("udaekkede-behov")


def test_staff_member_approves_an_offer_and_reads_hours_and_failed_mail(
    page_without_js: Any, axe_page: Any, erik: Any, alice: Any, olga: Any, password: str, make_offer: Any
) -> None:
    page, steps = page_without_js, Steps(page_without_js, axe_page=axe_page, walk="medarbejder")
    waiting = make_offer(owner=alice, title="Lektiehjælp i matematik", status=Offer.Status.PENDING)
    helped = make_offer(owner=alice, title="Kørsel til lægen", category=Category.objects.get(slug="transport"))
    connection = Connection.objects.create(offer=helped, requester=olga, state=Connection.State.ACCEPTED)
    HoursEntry.objects.create(connection=connection, given_on=timezone.localdate(), hours=2, recorded_by=alice)
    OutboxMail.objects.create(
        recipient=olga,
        to_address="olga.med.en.meget.lang.adresse@eksempel-paa-et-langt-domaene.dk",
        kind=OutboxMail.Kind.EVENT,
        subject="Nyt om din forespørgsel",
        state=OutboxMail.State.FAILED,
        attempts=8,
        last_error="SMTPRecipientsRefused: 550 5.1.1 The email account that you tried to reach does not exist",
        idempotency_key="walk-1",
    )
    log_in_with_second_factor(page, erik, password)
    page.goto("/staff/")
    steps.check("medarbejder")
    page.locator("a[href='/staff/tilbud/']").first.click()
    steps.check("tilbud-til-godkendelse")
    page.locator(f"a[href='/staff/tilbud/{waiting.pk}/']").click()
    steps.check("tilbud")
    page.locator(f"form[action='/staff/tilbud/{waiting.pk}/godkend/'] button").click()
    page.wait_for_load_state()
    waiting.refresh_from_db()
    assert waiting.status == Offer.Status.PUBLISHED
    steps.check("godkendt")
    page.goto("/staff/timer/")
    steps.check("timer")
    page.goto("/staff/mail/")
    retry = page.locator("main form button").first
    box = retry.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375  # "Prøv igen" is on the screen
    steps.check("mails")
