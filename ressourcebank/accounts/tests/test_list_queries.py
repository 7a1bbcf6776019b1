"""Min side lists one's offers with their capacity left this period in a fixed number of queries,
however many offers there are (issue 9)."""

from typing import Any

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_min_side_asks_the_same_number_of_queries_for_more_offers(
    client: Any, login: Any, bent: Any, business: Any, make_offer: Any, give_hours: Any, count_queries: Any
) -> None:
    def add(n: int) -> None:
        for i in range(n):
            mine = make_offer(title=f"Mit tilbud {i}", owner=bent, capacity_kind="hours_per_week", capacity_amount=3)
            ours = make_offer(
                title=f"Vores tilbud {i}",
                provider="virksomhed",
                organisation=business,
                capacity_kind="hours_per_month",
                capacity_amount=10,
            )
            give_hours(mine, 1)
            give_hours(ours, 4)

    login(client, bent)
    url = reverse("accounts:dashboard")
    add(1)
    few = count_queries(client, url)
    add(5)
    assert count_queries(client, url) <= few
    html = client.get(url).content.decode()
    assert "2 af 3 timer tilbage denne uge" in html
    assert "6 af 10 timer tilbage" in html
