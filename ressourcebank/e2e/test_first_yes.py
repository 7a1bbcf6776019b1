"""A first-time helper says yes (issue 8, item 1): the confidentiality declaration is asked for on
the same page, so the message they wrote is never lost on the way to it."""

from typing import Any

import pytest
from django.urls import reverse

from ressourcebank.connections import actions
from ressourcebank.connections.models import ConfidentialityDeclaration, Connection

from .browser import DESKTOP, PHONE, log_in, serious_axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_a_first_time_helper_accepts_the_declaration_on_the_same_page_and_keeps_the_message(
    page: Any, make_offer: Any, alice: Any, carla: Any, association: Any, password: str, viewport: dict
) -> None:
    offer = make_offer(owner=carla, organisation=association, provider="forening", title="Strik og snak")
    connection = actions.ask_for_help(offer, by=alice, message="Kan vi strikke sammen?")
    page.set_viewport_size(viewport)
    log_in(page, carla.email, password)
    page.goto(reverse("connections:accept", args=[connection.pk]))
    page.get_by_role("heading", name="Først: tavshedspligt").wait_for()
    assert serious_axe_violations(page) == []
    page.get_by_label("Besked til den, der spurgte").fill("Ja, jeg kommer på torsdag.")

    # Forgetting the box keeps what was written and says why, beside the box.
    page.get_by_role("button", name="Ja, jeg vil gerne hjælpe").click()
    page.get_by_text("Sæt kryds, hvis du vil acceptere.").first.wait_for()
    assert page.get_by_label("Besked til den, der spurgte").input_value() == "Ja, jeg kommer på torsdag."
    assert Connection.objects.get().state == "requested"

    page.get_by_label("Jeg har læst teksten og lover at overholde tavshedspligten").check()
    page.get_by_role("button", name="Ja, jeg vil gerne hjælpe").click()
    page.get_by_text("Du har sagt ja").wait_for()
    connection.refresh_from_db()
    assert (connection.state, connection.provider_message) == ("accepted", "Ja, jeg kommer på torsdag.")
    assert ConfidentialityDeclaration.objects.filter(user=carla).exists()
    assert serious_axe_violations(page) == []

    # The next yes asks no more.
    second = actions.ask_for_help(make_offer(owner=carla, title="Kaffe"), by=alice)
    page.goto(reverse("connections:accept", args=[second.pk]))
    assert page.get_by_text("Først: tavshedspligt").count() == 0
