"""Suggestions on the need's page: for its owner, their coordinator and staff, never the public."""

from typing import Any

import pytest
from django.urls import reverse

from ressourcebank.needs.models import Need
from ressourcebank.taxonomy.models import Area, Category

pytestmark = pytest.mark.django_db

HEADING = "Her er nogle, der måske kan hjælpe"


@pytest.fixture
def visiting_friend(make_offer: Any) -> Any:
    make_offer(
        title="Hjælp til MitID", description="Mobil og computer.", category=Category.objects.get(slug="it-hjaelp")
    )
    return make_offer(title="Kaffe og en god snak", capacity_kind="hours_per_month", capacity_amount=3)


def test_citizen_sees_suggestions_right_after_describing_her_need(
    client: Any, login: Any, alice: Any, visiting_friend: Any
) -> None:
    login(client, alice)
    data = {
        "description": "Min mor sidder alene og savner nogen at snakke med.",
        "area": Area.objects.get(slug="assentoft").pk,
        "title": "",
        "category": "",
        "urgency": "low",
        "visibility": "public",
    }
    response = client.post(reverse("needs:create"), data, follow=True)
    html = response.content.decode()
    assert HEADING in html
    assert f'href="{visiting_friend.get_absolute_url()}"' in html
    assert "Besøgsven og samvær · Assentoft, samme område · 3 timer tilbage i denne måned" in html


def test_owner_coordinator_and_staff_see_suggestions(
    client: Any, login: Any, alice: Any, dorte: Any, erik: Any, need: Need, visiting_friend: Any
) -> None:
    Need.objects.filter(pk=need.pk).update(coordinator=dorte)
    for user in (alice, dorte, erik):
        login(client, user)
        html = client.get(need.get_absolute_url()).content.decode()
        assert HEADING in html, user
        assert "Kaffe og en god snak" in html
        client.logout()


def test_anonymous_visitor_and_outsider_see_no_suggestions(
    client: Any, login: Any, olga: Any, need: Need, visiting_friend: Any
) -> None:
    assert HEADING not in client.get(need.get_absolute_url()).content.decode()
    login(client, olga)
    html = client.get(need.get_absolute_url()).content.decode()
    assert HEADING not in html
    assert "Kaffe og en god snak" not in html


def test_closed_need_shows_no_suggestions(
    client: Any, login: Any, alice: Any, need: Need, visiting_friend: Any
) -> None:
    Need.objects.filter(pk=need.pk).update(status=Need.Status.CLOSED)
    login(client, alice)
    assert HEADING not in client.get(need.get_absolute_url()).content.decode()


def test_need_with_no_match_says_so_plainly_and_where_to_get_help(
    client: Any, login: Any, alice: Any, need: Need
) -> None:
    login(client, alice)
    html = client.get(need.get_absolute_url()).content.decode()
    assert HEADING not in html
    assert "Vi har ikke fundet et godt match endnu" in html
    assert "Hvor kan jeg henvende mig?" in html
    assert "Du kan altid tale med et menneske" in html  # the default "Hvor kan jeg henvende mig?" text


def test_need_with_no_good_match_names_the_tovholder_and_shows_weak_offers_under_maybe(
    client: Any, login: Any, alice: Any, dorte: Any, need: Need, make_offer: Any
) -> None:
    Need.objects.filter(pk=need.pk).update(coordinator=dorte)
    # The right kind of help, but it shares nothing with the need: at best a "maybe".
    make_offer(
        title="Skak og kortspil",
        description="Vi spiller om torsdagen.",
        category=Category.objects.get(slug="besoegsven"),
    )
    login(client, alice)
    html = client.get(need.get_absolute_url()).content.decode()
    assert "Vi har ikke fundet et godt match endnu" in html
    assert f"Din tovholder, {dorte.name}, kan også hjælpe dig videre." in html
    assert "Måske" in html
    assert "Skak og kortspil" in html


def test_unknown_need_is_not_found(client: Any, login: Any, alice: Any) -> None:
    login(client, alice)
    assert client.get(reverse("needs:detail", args=[999999])).status_code == 404
