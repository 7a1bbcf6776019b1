"""Staff lists read their rows in a fixed number of queries however many there are (issue 9)."""

from typing import Any

import pytest
from django.urls import reverse

from ressourcebank.accounts.models import Membership, Organisation

pytestmark = pytest.mark.django_db


def test_the_moderation_queue_asks_the_same_number_of_queries_for_more_offers(
    client: Any, login: Any, erik: Any, alice: Any, business: Any, make_offer: Any, count_queries: Any
) -> None:
    def add(n: int) -> None:
        for i in range(n):
            make_offer(
                title=f"Venter {i}", owner=alice, status="pending", capacity_kind="hours_per_month", capacity_amount=4
            )
            make_offer(title=f"Firma {i}", provider="virksomhed", organisation=business, status="pending")

    login(client, erik)
    url = reverse("staff:moderation_queue")
    add(1)
    few = count_queries(client, url)
    add(5)
    assert count_queries(client, url) <= few
    assert "4 af 4 timer tilbage" in client.get(url).content.decode()


def test_the_organisation_queue_asks_the_same_number_of_queries_for_more_organisations(
    client: Any, login: Any, erik: Any, alice: Any, count_queries: Any
) -> None:
    def add(n: int) -> None:
        for i in range(n):
            organisation = Organisation.objects.create(name=f"Forening {i}", kind=Organisation.Kind.ASSOCIATION)
            Membership.objects.create(user=alice, organisation=organisation, is_admin=True)

    login(client, erik)
    url = reverse("staff:organisation_queue")
    add(1)
    few = count_queries(client, url)
    add(5)
    assert count_queries(client, url) <= few
