"""A citizen's own offers are never suggested for her own need (issue 8, item 2), and asking for
help from one's own offer answers in Danish with a way on, never a bare "403 Forbidden"."""

from typing import Any

import pytest
from django.urls import reverse

from ressourcebank.accounts.models import Membership
from ressourcebank.needs.models import Need

pytestmark = pytest.mark.django_db


def test_the_citizens_own_offers_are_not_suggested_for_her_need(
    client: Any, login: Any, alice: Any, dorte: Any, association: Any, need: Need, make_offer: Any
) -> None:
    Membership.objects.create(user=alice, organisation=association)
    own = make_offer(owner=alice, title="Kaffe og en god snak hos Alice")
    clubs = make_offer(organisation=association, provider="forening", title="Kaffe og snak i strikkeklubben")
    other = make_offer(title="Kaffe og en god snak")
    Need.objects.filter(pk=need.pk).update(coordinator=dorte)

    for user in (alice, dorte):
        login(client, user)
        html = client.get(need.get_absolute_url()).content.decode()
        assert f'href="{other.get_absolute_url()}"' in html, user
        assert f'href="{own.get_absolute_url()}"' not in html, user
        assert f'href="{clubs.get_absolute_url()}"' not in html, user


def test_asking_for_help_from_ones_own_offer_explains_in_danish(
    client: Any, login: Any, alice: Any, make_offer: Any
) -> None:
    own = make_offer(owner=alice, title="Kaffe og en god snak hos Alice")
    login(client, alice)

    response = client.get(reverse("connections:ask", args=[own.pk]))

    html = response.content.decode()
    assert response.status_code == 403
    assert "Det er dit eget tilbud" in html and "Forbidden" not in html
    assert f'href="{own.get_absolute_url()}"' in html and f'href="{reverse("offers:list")}"' in html
    assert '<html lang="da">' in html
