"""An offer's link is the offer page's URL, also behind a script prefix (a site served under a path)."""

from collections.abc import Callable

import pytest
from django.urls import reverse, set_script_prefix

from ressourcebank.offers.models import Offer

pytestmark = pytest.mark.django_db


def test_an_offers_link_opens_its_page(make_offer: Callable[..., Offer], client: object) -> None:
    offer = make_offer()

    assert offer.get_absolute_url() == reverse("offers:detail", args=[offer.pk]) == f"/tilbud/{offer.pk}/"
    assert client.get(offer.get_absolute_url()).status_code == 200  # type: ignore[attr-defined]


def test_an_offers_link_keeps_the_sites_script_prefix(make_offer: Callable[..., Offer]) -> None:
    offer = make_offer()
    set_script_prefix("/ressourcebanken/")
    try:
        assert offer.get_absolute_url() == f"/ressourcebanken/tilbud/{offer.pk}/"
    finally:
        set_script_prefix("/")
    assert offer.get_absolute_url() == f"/tilbud/{offer.pk}/"
