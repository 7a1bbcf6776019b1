"""Help offered from the helper's side (issue 8, item 7): the same rules as asking, the other side
answers."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from ressourcebank.connections import actions
from ressourcebank.connections.models import Connection
from ressourcebank.needs.models import Need
from ressourcebank.notifications.models import Event
from ressourcebank.offers.models import Offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_need(alices_need: Need) -> Need:
    Need.objects.filter(pk=alices_need.pk).update(visibility=Need.Visibility.PUBLIC)
    alices_need.refresh_from_db()
    return alices_need


def test_a_helper_without_the_declaration_is_refused_then_offers_and_the_citizen_hears(
    carlas_offer: Offer, carla: Any, alice: Any, public_need: Need
) -> None:
    with pytest.raises(actions.DeclarationRequired):
        actions.offer_help(public_need, carlas_offer, by=carla)
    actions.accept_declaration(by=carla)
    connection = actions.offer_help(public_need, carlas_offer, by=carla, message="Jeg kan")
    assert (connection.requester, connection.offered_by_provider) == (alice, True)
    assert Event.objects.filter(user=alice, kind="offered", connection=connection).exists()
    assert actions.offer_help(public_need, carlas_offer, by=carla) == connection
    assert list(Connection.objects.waiting_for(alice)) == [connection]
    assert list(Connection.objects.waiting_for(carla)) == []


def test_only_the_citizen_answers_help_offered_to_her(
    carlas_offer: Offer, carla: Any, declared: Any, alice: Any, public_need: Need
) -> None:
    connection = actions.offer_help(public_need, carlas_offer, by=carla)
    with pytest.raises(PermissionDenied):
        actions.accept_connection(connection, by=carla)
    actions.decline_connection(connection, by=alice, message="Nej tak, jeg har fået hjælp")
    assert Connection.objects.get().state == "declined"
    assert Event.objects.filter(user=carla, kind="declined").exists()


def test_help_cannot_be_offered_for_a_need_that_is_not_public_or_is_ones_own(
    carlas_offer: Offer, carla: Any, declared: Any, alice: Any, alices_need: Need, make_offer: Any
) -> None:
    with pytest.raises(PermissionDenied):
        actions.offer_help(alices_need, carlas_offer, by=carla)
    Need.objects.filter(pk=alices_need.pk).update(visibility=Need.Visibility.PUBLIC)
    alices_need.refresh_from_db()
    with pytest.raises(PermissionDenied):
        actions.offer_help(alices_need, make_offer(owner=alice), by=alice)


def test_the_page_says_what_to_do_without_an_offer_and_the_anonymous_are_asked_to_log_in(
    client: Client, login: Any, olga: Any, public_need: Need
) -> None:
    url = reverse("connections:offer_help", args=[public_need.pk])
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and anonymous.url.startswith("/konto/log-ind/")
    assert "Log ind, så kan du tilbyde din hjælp." in client.get(anonymous.url).content.decode()
    login(client, olga)
    html = client.get(url).content.decode()
    assert "Fortæl først, hvad du kan hjælpe med" in html and reverse("offers:create") in html


def test_the_public_need_page_offers_jeg_kan_hjaelpe(client: Client, public_need: Need) -> None:
    html = client.get(public_need.get_absolute_url()).content.decode()
    assert reverse("connections:offer_help", args=[public_need.pk]) in html and "Snart kan du" not in html


def test_offering_help_on_an_offer_the_citizen_already_asked_for_says_so(
    client: Client, login: Any, carlas_offer: Offer, carla: Any, declared: Any, alice: Any, public_need: Need
) -> None:
    asked = actions.ask_for_help(carlas_offer, by=alice, message="Kan du hjælpe mig?")
    login(client, carla)
    response = client.post(
        reverse("connections:offer_help", args=[public_need.pk]),
        {"offer": carlas_offer.pk, "message": "Jeg kan godt", "share_email": "on"},
        follow=True,
    )
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == asked.get_absolute_url()
    assert "Vi har sendt dit tilbud om hjælp" not in html
    assert "I har allerede en forbindelse om dette tilbud" in html
    assert Connection.objects.count() == 1
