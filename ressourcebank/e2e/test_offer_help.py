"""A helper answers a public need (issue 8, item 7): "Jeg kan hjælpe" starts a connection from the
helper's side, with the declaration on the same page; the citizen sees it is her turn and says yes."""

from typing import Any

import pytest
from django.urls import reverse

from ressourcebank.connections.models import ConfidentialityDeclaration, Connection, ContactShare
from ressourcebank.needs.models import Need
from ressourcebank.taxonomy.models import Area

from .browser import log_in, serious_axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_helper_offers_help_for_a_public_need_and_the_citizen_accepts(
    page: Any, browser: Any, live_server: Any, make_offer: Any, alice: Any, carla: Any, association: Any, password: str
) -> None:
    offer = make_offer(owner=carla, organisation=association, provider="forening", title="Strik og snak")
    need = Need.objects.create(
        owner=alice,
        description="Jeg vil gerne lære at strikke og have nogen at snakke med.",
        area=Area.objects.get(slug="assentoft"),
        visibility=Need.Visibility.PUBLIC,
    )

    log_in(page, carla.email, password)
    page.goto(need.get_absolute_url())
    assert page.get_by_text("Snart kan du").count() == 0
    page.get_by_role("link", name="Jeg kan hjælpe").click()
    page.get_by_role("heading", name="Først: tavshedspligt").wait_for()
    assert serious_axe_violations(page) == []
    page.get_by_label("Skriv kort, hvordan du kan hjælpe").fill("Jeg kan lære dig at strikke om tirsdagen.")
    page.get_by_label("Jeg har læst teksten og lover at overholde tavshedspligten").check()
    page.get_by_role("button", name="Send mit tilbud om hjælp").click()
    page.get_by_text("Vi har sendt dit tilbud om hjælp").wait_for()
    connection = Connection.objects.get()
    assert (connection.offer, connection.need, connection.requester) == (offer, need, alice)
    assert connection.offered_by_provider and connection.state == "requested"
    assert ConfidentialityDeclaration.objects.filter(user=carla).exists()
    assert ContactShare.objects.filter(connection=connection, user=carla).exists()

    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="da-DK", base_url=live_server.url)
    citizen = context.new_page()
    log_in(citizen, alice.email, password)
    citizen.goto(reverse("accounts:dashboard"))
    citizen.get_by_text("venter på dit svar").wait_for()
    citizen.get_by_role("link", name="Strik og snak").first.click()
    citizen.get_by_text("tilbyder at hjælpe dig").wait_for()
    citizen.get_by_role("link", name="Sig ja").click()
    citizen.get_by_label("Besked til den, der tilbyder hjælp").fill("Ja tak, det glæder jeg mig til.")
    citizen.get_by_role("button", name="Ja tak, gerne").click()
    citizen.get_by_text("Du har sagt ja").wait_for()
    assert serious_axe_violations(citizen) == []
    connection.refresh_from_db()
    assert connection.state == "accepted" and connection.answered_by == alice
    context.close()
