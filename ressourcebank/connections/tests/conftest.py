from collections.abc import Callable
from typing import Any

import pytest

from ressourcebank.accounts.models import User
from ressourcebank.connections.models import DECLARATION_VERSION, ConfidentialityDeclaration
from ressourcebank.needs.models import Need
from ressourcebank.offers.models import Offer
from ressourcebank.taxonomy.models import Area


@pytest.fixture
def carlas_offer(make_offer: Callable[..., Offer], carla: User, association: Any) -> Offer:
    """Visiting friends from the knitting club: 5 hours a month, given by its members."""
    return make_offer(
        owner=carla, organisation=association, provider="forening", capacity_kind="hours_per_month", capacity_amount=5
    )


@pytest.fixture
def declared(carla: User) -> User:
    ConfidentialityDeclaration.objects.create(user=carla, version=DECLARATION_VERSION)
    return carla


@pytest.fixture
def alices_need(alice: User) -> Need:
    return Need.objects.create(
        owner=alice, description="Min mor sidder alene hele dagen", area=Area.objects.get(slug="assentoft")
    )
