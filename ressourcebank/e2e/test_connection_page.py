"""The connection page in a browser (issue 8, items 3 and 4): the hours form's date is filled in
with today so the first try succeeds, and each label leads to its own box, so a thank-you is
written in the thank-you box and cannot be sent empty."""

from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from ressourcebank.connections import actions
from ressourcebank.connections.models import Connection, HoursEntry, Message, Thanks

from .browser import log_in, serious_axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def agreed(make_offer: Any, alice: Any, carla: Any, association: Any) -> Connection:
    offer = make_offer(owner=carla, organisation=association, provider="forening", title="Strik og snak")
    actions.accept_declaration(by=carla)
    connection = actions.ask_for_help(offer, by=alice, message="Kan vi strikke sammen?")
    return actions.accept_connection(connection, by=carla, message="Ja, gerne.")


def test_the_hours_form_is_filled_in_with_today_and_the_first_try_succeeds(
    page: Any, agreed: Connection, carla: Any, password: str
) -> None:
    log_in(page, carla.email, password)
    page.goto(reverse("connections:detail", args=[agreed.pk]))
    date = page.get_by_label("Dato", exact=True)
    assert date.input_value() == timezone.localdate().isoformat()
    page.get_by_role("textbox", name="Timer", exact=True).fill("1,5")
    page.get_by_role("button", name="Registrér timerne").click()
    page.get_by_text("Timerne er registreret").wait_for()
    entry = HoursEntry.objects.get(connection=agreed)
    assert (entry.given_on, entry.hours) == (timezone.localdate(), Decimal("1.50"))
    assert serious_axe_violations(page) == []


def test_the_thank_you_label_leads_to_the_thank_you_box_and_it_cannot_be_sent_empty(
    page: Any, agreed: Connection, alice: Any, password: str
) -> None:
    log_in(page, alice.email, password)
    page.goto(reverse("connections:detail", args=[agreed.pk]))
    ids = page.eval_on_selector_all("[id]", "nodes => nodes.map(n => n.id)")
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)

    page.get_by_role("button", name="Send tak").click()
    page.get_by_text("Skriv et par ord").first.wait_for()
    assert not Thanks.objects.exists()

    page.get_by_label("Skriv et par ord til tak").fill("Tusind tak for i dag!")
    page.get_by_role("button", name="Send tak").click()
    page.get_by_text("Din tak er sendt").wait_for()
    assert Thanks.objects.get(connection=agreed).body == "Tusind tak for i dag!"
    assert not Message.objects.exists()
