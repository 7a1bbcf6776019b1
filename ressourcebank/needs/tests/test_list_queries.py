"""The list of needs and a need's suggestions read their rows, and the offers' capacity left this
period, in a fixed number of queries however many rows they show (issue 9)."""

from typing import Any

import pytest
from django.urls import reverse

from ressourcebank.needs.indexing import index_needs
from ressourcebank.needs.models import Need
from ressourcebank.taxonomy.models import Area, Category

pytestmark = pytest.mark.django_db


def test_the_list_of_needs_asks_the_same_number_of_queries_for_more_needs(
    client: Any, alice: Any, count_queries: Any
) -> None:
    def add(n: int) -> None:
        for i in range(n):
            need = Need.objects.create(
                owner=alice,
                title=f"Hjælp til indkøb {i}",
                description="Hjælp til at handle ind om torsdagen.",
                area=Area.objects.get(slug="assentoft"),
                category=Category.objects.get(slug="praktisk-hjaelp"),
                visibility=Need.Visibility.PUBLIC,
            )
            index_needs([need.pk])

    add(2)
    few = count_queries(client, "/behov/?q=indkøb")
    add(6)
    assert count_queries(client, "/behov/?q=indkøb") <= few


def test_a_needs_suggestions_ask_the_same_number_of_queries_for_more_offers(
    client: Any, login: Any, alice: Any, make_offer: Any, give_hours: Any, count_queries: Any
) -> None:
    need = Need.objects.create(
        owner=alice,
        title="Hjælp til regnskab",
        description="Jeg har brug for hjælp til mit regnskab og min skat.",
        area=Area.objects.get(slug="assentoft"),
        visibility=Need.Visibility.STAFF,
    )
    login(client, alice)
    url = reverse("needs:detail", args=[need.pk])
    economy = Category.objects.get(slug="oekonomi-raadgivning")

    def add(n: int) -> None:
        for i in range(n):
            offer = make_offer(
                title=f"Hjælp til regnskab og skat {i}",
                category=economy,
                capacity_kind="hours_per_month",
                capacity_amount=5,
            )
            give_hours(offer, 1)

    add(2)
    few = count_queries(client, url)
    add(6)
    assert count_queries(client, url) <= few
    assert client.get(url).content.decode().count("Hjælp til regnskab og skat") >= 5
