"""Two submits of the same offer at the same moment (a double click on a slow line) give one offer."""

import threading
from typing import Any

import pytest
from django.db import connection, connections

from ressourcebank.offers.actions import OfferData, create_offer
from ressourcebank.offers.models import Offer
from ressourcebank.taxonomy.models import Area, Category


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite's in-memory test database is one connection")
def test_concurrent_submits_of_the_same_offer_create_one(alice: Any) -> None:
    data = OfferData(
        title="Besøgsven",
        description="Kaffe og snak.",
        category=Category.objects.get(slug="besoegsven"),
        area=Area.objects.get(slug="assentoft"),
    )
    barrier = threading.Barrier(4)
    results: list[int] = []

    def submit() -> None:
        try:
            barrier.wait()
            results.append(create_offer(data, by=alice).pk)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Offer.objects.count() == 1
    assert len(set(results)) == 1
