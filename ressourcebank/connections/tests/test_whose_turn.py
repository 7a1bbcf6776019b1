"""Whose turn it is (issue 8, item 6): Min side shows a request waiting for the person's answer,
"Mine forbindelser" tells the one who must answer that it is their turn, and the header carries
the number of unread events."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ressourcebank.connections import actions
from ressourcebank.connections.models import Connection
from ressourcebank.offers.models import Offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def requested(carlas_offer: Offer, alice: Any) -> Connection:
    return actions.ask_for_help(carlas_offer, by=alice, message="Kan vi strikke sammen?")


def test_min_side_shows_the_provider_a_request_waiting_for_her_answer(
    client: Client, login: Any, carla: Any, alice: Any, requested: Connection
) -> None:
    login(client, carla)
    html = client.get(reverse("accounts:dashboard")).content.decode()
    assert "venter på dit svar" in html and f'href="{requested.get_absolute_url()}"' in html

    login(client, alice)
    assert "venter på dit svar" not in client.get(reverse("accounts:dashboard")).content.decode()


def test_my_connections_tells_the_one_who_must_answer_that_it_is_their_turn(
    client: Client, login: Any, carla: Any, alice: Any, requested: Connection
) -> None:
    login(client, carla)
    provider = client.get(reverse("connections:list")).content.decode()
    assert "Venter på dit svar" in provider and "Venter på svar ·" not in provider

    login(client, alice)
    asker = client.get(reverse("connections:list")).content.decode()
    assert "Venter på dit svar" not in asker and "Venter på svar fra" in asker


def test_the_header_counts_unread_events(
    client: Client, login: Any, carla: Any, alice: Any, requested: Connection
) -> None:
    login(client, carla)
    html = client.get(reverse("pages:contact")).content.decode()
    assert 'Min side <span class="unread-count">1 ny</span>' in html
    dashboard = client.get(reverse("accounts:dashboard")).content.decode()
    assert f'href="{reverse("notifications:events")}">Nyt (1 ny)' in dashboard

    client.get(requested.get_absolute_url())  # reading the connection marks its events read
    assert "1 ny" not in client.get(reverse("pages:contact")).content.decode()

    login(client, alice)
    assert " ny<" not in client.get(reverse("pages:home")).content.decode()
