"""The API's offer list reads its page, capacity left this period included, in a fixed number of
queries however many offers it returns (issue 9)."""

from typing import Any

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/api/v1/offers?q=regnskab&limit=50", "/api/v1/offers?limit=50"])
def test_the_offer_list_asks_the_same_number_of_queries_for_more_offers(
    client: Any, make_offer: Any, give_hours: Any, count_queries: Any, url: str
) -> None:
    def add(n: int) -> None:
        for i in range(n):
            give_hours(make_offer(title=f"Regnskab {i}", capacity_kind="hours_per_month", capacity_amount=5), 1)

    add(2)
    few = count_queries(client, url)
    add(6)
    assert count_queries(client, url) <= few
    texts = {offer["capacity"]["text"] for offer in client.get(url).json()["results"]}
    assert len(texts) == 1
    assert texts.pop().startswith("4 af 5 timer tilbage")
