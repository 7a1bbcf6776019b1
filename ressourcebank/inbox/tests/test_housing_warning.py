"""A landlord's early warning about a tenant: a short public form to the housing team's queue, Danish
messages that keep what was written, a receipt that says the landlord hears nothing about the
tenant, and nothing back: no mail, no status link, no tie to the writer's account."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ressourcebank.accounts.models import User
from ressourcebank.inbox.models import Inquiry, Team, Topic
from ressourcebank.notifications.models import OutboxMail

pytestmark = pytest.mark.django_db

URL = "/skriv-til-kommunen/udlejer/"
FILLED = {
    "organisation": "Boligselskabet Kronjylland",
    "name": "Karsten Udlejer",
    "email": "karsten@bolig.example.dk",
    "phone": "",
    "tenant_name": "Lars Lejer",
    "tenant_address": "Østervold 12, 2. th., 8900 Randers C",
    "kind": "rent_arrears",
    "message": "Lejen for oktober og november mangler. Vi har ikke kunnet få fat i ham.",
}


@pytest.fixture
def housing_team(erik: User) -> Team:
    team = Team.objects.create(
        name="Boligteam",
        slug="boligteam",
        answer_days=2,
        email="bolig@randers.dk",
        phone="89 15 17 00",
        phone_hours="Mandag til torsdag kl. 9–11",
    )
    team.members.add(erik)
    Topic.objects.filter(slug="udlejer-varsel").update(team=team)
    return team


def test_the_form_is_found_from_skriv_til_kommunen_and_needs_no_account(client: Client) -> None:
    assert URL in client.get(reverse("inbox:write")).content.decode()
    page = client.get(URL)

    assert page.status_code == 200
    assert "Du hører ikke fra os om lejeren" in page.content.decode()


def test_a_warning_goes_to_the_housing_teams_queue_and_the_receipt_promises_nothing_back(
    client: Client, housing_team: Team, erik: User, login: Any
) -> None:
    response = client.post(URL, FILLED)

    assert response.status_code == 302 and response["Location"] == reverse("inbox:housing_warning_receipt")
    inquiry = Inquiry.objects.get()
    assert (inquiry.team, inquiry.topic.slug, inquiry.citizen) == (housing_team, "udlejer-varsel", None)
    body = inquiry.messages.get().body
    assert "Lejer: Lars Lejer" in body and "Østervold 12" in body and "Lejeren skylder husleje" in body
    assert "Boligselskabet Kronjylland" in body and "Lejen for oktober" in body
    receipt = client.get(response["Location"]).content.decode()
    assert inquiry.reference in receipt
    assert "Du hører ikke fra os om lejeren" in receipt
    assert "/skriv-til-kommunen/status/" not in receipt and "kvittering" not in receipt
    assert not OutboxMail.objects.exists()  # no mail, no SMS: no link back to the thread

    staff = Client()
    login(staff, erik)
    queue = staff.get(reverse("staff:inquiries") + "?team=boligteam").content.decode()
    assert inquiry.reference in queue


def test_bad_input_is_answered_in_danish_and_nothing_is_lost(client: Client) -> None:
    page = client.post(URL, {**FILLED, "email": "", "phone": "", "tenant_name": "", "kind": ""})

    text = page.content.decode()
    assert page.status_code == 200
    assert "Skriv lejerens navn." in text
    assert "Vælg, hvad du er bekymret for." in text
    assert "Skriv din e-mail eller dit telefonnummer" in text
    assert "Østervold 12, 2. th., 8900 Randers C" in text and "Lejen for oktober og november mangler" in text
    assert not Inquiry.objects.exists()


def test_a_phone_number_is_enough_and_a_bad_one_is_explained(client: Client, housing_team: Team) -> None:
    bad = client.post(URL, {**FILLED, "email": "", "phone": "12"})
    assert "Skriv et telefonnummer med mindst 8 cifre" in bad.content.decode()

    client.post(URL, {**FILLED, "email": "", "phone": "12 34 56 78"})

    inquiry = Inquiry.objects.get()
    assert (inquiry.answer_by, inquiry.phone) == ("phone", "12 34 56 78")


def test_a_logged_in_writer_is_not_tied_to_the_warning(
    client: Client, housing_team: Team, bent: User, login: Any
) -> None:
    login(client, bent)

    client.post(URL, FILLED)

    inquiry = Inquiry.objects.get()
    assert inquiry.citizen is None and inquiry.assigned_to is None
    assert inquiry.reference not in client.get(reverse("inbox:mine")).content.decode()


def test_without_a_housing_team_the_warning_waits_in_the_shared_queue(client: Client) -> None:
    client.post(URL, FILLED)

    assert Inquiry.objects.get().team is None


def test_the_warning_topic_is_not_on_the_citizens_form(client: Client) -> None:
    page = client.get(reverse("inbox:write")).content.decode()

    assert "Tidligt varsel fra en udlejer" not in page.split("<form")[1].split("</form>")[0]


def test_a_robot_is_turned_away_and_the_receipt_needs_a_warning(client: Client) -> None:
    assert client.post(URL, {**FILLED, "website": "http://spam"}).status_code == 302
    assert not Inquiry.objects.exists()
    assert client.get(reverse("inbox:housing_warning_receipt"))["Location"] == URL
