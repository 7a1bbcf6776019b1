"""The search page reads a page of offers, their capacity left this period included, in a fixed
number of queries however many offers it shows (issue 9)."""

from collections.abc import Callable
from typing import Any

import pytest

from ressourcebank.accounts.models import Organisation, User
from ressourcebank.offers.models import Offer

pytestmark = pytest.mark.django_db


def some_offers(make_offer: Callable[..., Offer], give_hours: Callable[..., None], n: int, **fields: Any) -> None:
    for i in range(n):
        offer = make_offer(
            title=f"Hjælp til regnskab {i}",
            capacity_kind="hours_per_month" if i % 2 else "hours_per_week",
            capacity_amount=5,
            **fields,
        )
        give_hours(offer, 2)


@pytest.mark.parametrize("url", ["/tilbud/?q=regnskab", "/tilbud/"])
def test_the_search_page_asks_the_same_number_of_queries_for_more_offers(
    client: Any, make_offer: Any, give_hours: Any, count_queries: Any, url: str
) -> None:
    some_offers(make_offer, give_hours, 2)
    few = count_queries(client, url)
    some_offers(make_offer, give_hours, 6)
    assert count_queries(client, url) <= few
    assert "3 af 5 timer tilbage" in client.get(url).content.decode()


def test_the_search_page_as_a_logged_in_member_asks_the_same_number_of_queries(
    client: Any, make_offer: Any, give_hours: Any, count_queries: Any, bent: User, business: Organisation
) -> None:
    client.force_login(bent)
    some_offers(make_offer, give_hours, 2, provider="virksomhed", organisation=business)
    few = count_queries(client, "/tilbud/?q=regnskab")
    some_offers(make_offer, give_hours, 6, owner=bent)
    assert count_queries(client, "/tilbud/?q=regnskab") <= few
