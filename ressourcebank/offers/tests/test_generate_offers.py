"""`manage.py generate_offers N` stays a working door to the benchmarks' generator (bench/generator.py)."""

from io import StringIO

import pytest
from django.core.management import call_command

from ressourcebank.offers.models import Offer
from ressourcebank.search.query import search_offers

pytestmark = pytest.mark.django_db


def test_generate_offers_makes_n_published_searchable_offers() -> None:
    call_command("generate_offers", "25", stdout=StringIO(), stderr=StringIO())

    offers = Offer.objects.filter(key__startswith="gen-")
    assert offers.count() == 25
    assert set(offers.values_list("status", flat=True)) == {Offer.Status.PUBLISHED}
    assert search_offers(q="hjælp").total > 0
