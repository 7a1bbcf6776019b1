"""The provider never sees a name the receiving side did not let them see (issue 7, finding 3).

Every page and API field that names the receiver of a connection asks receiver_name_for; these
tests read each of them as the provider, before and after acceptance, and as the receiving side.
"""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ressourcebank.accounts.models import ApiToken, User
from ressourcebank.connections import actions
from ressourcebank.connections.models import Connection
from ressourcebank.needs.models import Need
from ressourcebank.notifications.models import OutboxMail
from ressourcebank.offers.models import Offer

pytestmark = pytest.mark.django_db

Login = Callable[[Client, User], None]
SECRET_NAME = "Hanne Hemmelig"


@pytest.fixture
def for_hanne(dorte: User, carlas_offer: Offer) -> Connection:
    """A coordinator's staff-only need for a citizen without an account, asked of Carla's club."""
    need = Need.objects.create(
        coordinator=dorte,
        citizen_name=SECRET_NAME,
        description="Hanne vil gerne have en at gå tur med",
        area=carlas_offer.area,
        visibility=Need.Visibility.STAFF,
    )
    return actions.ask_for_help(carlas_offer, by=dorte, need=need, message="Kan I hjælpe?")


def _pages_naming_the_receiver(client: Client, connection: Connection) -> list[str]:
    paths = [
        reverse("connections:detail", args=[connection.pk]),
        reverse("connections:list"),
    ]
    if connection.state == Connection.State.REQUESTED:
        paths += [
            reverse("connections:accept", args=[connection.pk]),
            reverse("connections:decline", args=[connection.pk]),
        ]
    texts = []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        texts.append(response.content.decode())
    return texts


def _api_naming_the_receiver(user: User, connection: Connection) -> list[dict[str, Any]]:
    headers = {"Authorization": f"Bearer {ApiToken.issue(user, second_factor_verified=True)}"}
    api = Client()
    listed = api.get("/api/v1/connections", headers=headers).json()
    one = api.get(f"/api/v1/connections/{connection.pk}", headers=headers).json()
    return [*listed, one]


def test_the_provider_never_sees_the_name_of_a_citizen_without_an_account(
    client: Client, login: Login, carla: User, declared: User, for_hanne: Connection
) -> None:
    login(client, carla)
    for html in _pages_naming_the_receiver(client, for_hanne):
        assert "Hanne" not in html
        assert "En borger, som Dorte er tovholder for" in html or "en borger, som Dorte er tovholder for" in html
    for item in _api_naming_the_receiver(carla, for_hanne):
        assert "Hanne" not in str(item)
        assert item["receiver_name"] == "en borger, som Dorte er tovholder for"
    assert not any("Hanne" in mail.subject + mail.text_body + mail.html_body for mail in OutboxMail.objects.all())

    accepted = actions.accept_connection(for_hanne, by=carla)
    for html in _pages_naming_the_receiver(client, accepted):
        assert "Hanne" not in html
    for item in _api_naming_the_receiver(carla, accepted):
        assert "Hanne" not in str(item)


def test_the_coordinator_sees_the_citizens_name(
    client: Client, login: Login, dorte: User, for_hanne: Connection
) -> None:
    login(client, dorte)
    assert SECRET_NAME in client.get(reverse("connections:detail", args=[for_hanne.pk])).content.decode()
    assert [item["receiver_name"] for item in _api_naming_the_receiver(dorte, for_hanne)] == [SECRET_NAME] * 2


def test_a_citizens_first_name_reaches_the_provider_only_once_they_said_yes(
    client: Client, login: Login, alice: User, carla: User, declared: User, carlas_offer: Offer, alices_need: Need
) -> None:
    connection = actions.ask_for_help(carlas_offer, by=alice, need=alices_need)
    login(client, carla)
    for html in _pages_naming_the_receiver(client, connection):
        assert "Alice" not in html
    assert {item["receiver_name"] for item in _api_naming_the_receiver(carla, connection)} == {"en borger"}

    actions.accept_connection(connection, by=carla)
    detail = client.get(reverse("connections:detail", args=[connection.pk])).content.decode()
    assert "<dd>Alice</dd>" in detail
    assert {item["receiver_name"] for item in _api_naming_the_receiver(carla, connection)} == {"Alice"}
