"""From a need to help given, in a browser, in Danish: the citizen sees suggestions for her need and
asks; the provider (a citizen too, so no second factor) accepts after the confidentiality
declaration; they write both ways; the provider records hours and the citizen confirms them.
Every page on the way has no serious or critical axe-core violations."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from ressourcebank.connections.models import Connection, HoursEntry
from ressourcebank.needs.models import Need
from ressourcebank.taxonomy.models import Area

from .browser import PHONE, log_in, serious_axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def second_page(browser: Any, live_server: Any, page: Any) -> Iterator[Any]:
    """The provider's own browser, beside the citizen's `page`."""
    context = browser.new_context(viewport=PHONE, locale="da-DK", base_url=live_server.url)
    other = context.new_page()
    other.set_default_timeout(10_000)
    yield other
    context.close()


def assert_accessible(page: Any) -> None:
    assert serious_axe_violations(page) == [], page.url


def test_need_to_suggestion_to_help_given_and_confirmed(
    page: Any, second_page: Any, make_offer: Any, alice: Any, bent: Any, password: str
) -> None:
    offer = make_offer(owner=bent, title="Kaffe og en god snak")
    need = Need.objects.create(
        owner=alice,
        description="Min mor sidder alene hele dagen og savner nogen at snakke med.",
        area=Area.objects.get(slug="assentoft"),
    )

    # The citizen: her need, the suggestions, and asking.
    log_in(page, alice.email, password)
    page.goto(reverse("needs:detail", args=[need.pk]))
    page.get_by_role("heading", name="Her er nogle, der måske kan hjælpe").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name=f"Spørg {offer.title}").click()
    page.get_by_role("heading", name="Spørg om hjælp").wait_for()
    assert_accessible(page)
    page.get_by_label("Skriv kort, hvad du gerne vil have hjælp til").fill("Kan du besøge min mor om tirsdagen?")
    page.get_by_role("button", name="Send forespørgslen").click()
    page.get_by_text("Vi har sendt din forespørgsel").wait_for()
    assert_accessible(page)
    connection = Connection.objects.get(offer=offer)
    assert connection.need == need
    detail = reverse("connections:detail", args=[connection.pk])

    # The provider: says yes, accepting the declaration on the same page, and writes.
    log_in(second_page, bent.email, password)
    second_page.goto(detail)
    assert_accessible(second_page)
    second_page.get_by_role("link", name="Sig ja").click()
    second_page.get_by_role("heading", name="Først: tavshedspligt").wait_for()
    assert_accessible(second_page)
    second_page.get_by_label("Besked til den, der spurgte").fill("Ja, det vil jeg gerne.")
    second_page.get_by_label("Jeg har læst teksten og lover at overholde tavshedspligten").check()
    second_page.get_by_role("button", name="Ja, jeg vil gerne hjælpe").click()
    second_page.get_by_text("Du har sagt ja").wait_for()
    assert_accessible(second_page)
    second_page.get_by_label("Skriv en besked").fill("Hej Alice, jeg kan komme på tirsdag kl. 14.")
    second_page.get_by_role("button", name="Send beskeden").click()
    second_page.get_by_text("jeg kan komme på tirsdag kl. 14").wait_for()

    # The citizen reads it and answers.
    page.goto(detail)
    page.get_by_text("jeg kan komme på tirsdag kl. 14").wait_for()
    assert_accessible(page)
    page.get_by_label("Skriv en besked").fill("Tusind tak, det passer fint.")
    page.get_by_role("button", name="Send beskeden").click()
    page.get_by_text("Tusind tak, det passer fint.").wait_for()

    # The provider sees the answer and records the hours given.
    second_page.goto(detail)
    second_page.get_by_text("Tusind tak, det passer fint.").wait_for()
    second_page.get_by_label("Dato", exact=True).fill(timezone.localdate().isoformat())
    second_page.get_by_role("textbox", name="Timer", exact=True).fill("1,5")
    second_page.get_by_label("Kort note").fill("Kaffe og en gåtur")
    second_page.get_by_role("button", name="Registrér timerne").click()
    second_page.get_by_text("Timerne er registreret").wait_for()
    assert_accessible(second_page)

    # The citizen confirms them.
    page.goto(detail)
    page.get_by_role("button", name="Bekræft").click()
    page.get_by_text("Tak! Timerne er bekræftet.").wait_for()
    assert_accessible(page)
    entry = HoursEntry.objects.get(connection=connection)
    assert (str(entry.hours), entry.confirmed_by) == ("1.50", alice)
    connection.refresh_from_db()
    assert connection.state == Connection.State.ACCEPTED
