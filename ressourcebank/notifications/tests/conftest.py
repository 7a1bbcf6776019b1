from collections.abc import Callable
from typing import Any

import pytest

from ressourcebank.accounts.models import User
from ressourcebank.connections import actions as connection_actions
from ressourcebank.connections.models import Connection
from ressourcebank.offers.models import Offer

BACKENDS = "ressourcebank.notifications.tests.backends"


@pytest.fixture
def use_mail_backend(settings: Any) -> Callable[[str], None]:
    def use(name: str) -> None:
        settings.MAILERS = {"default": {"BACKEND": f"{BACKENDS}.{name}"}}

    return use


@pytest.fixture
def ask(carlas_offer: Offer, alice: User) -> Callable[[], Connection]:
    """Alice asks Carla for help: Carla gets an "asked" event."""

    def do() -> Connection:
        return connection_actions.ask_for_help(carlas_offer, by=alice)

    return do
