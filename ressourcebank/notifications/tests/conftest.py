from collections.abc import Callable
from typing import Any

import pytest

from ressourcebank.accounts.models import User
from ressourcebank.connections import actions as connection_actions
from ressourcebank.connections.models import Connection
from ressourcebank.notifications.tests.backends import FlakyBackend
from ressourcebank.offers.models import Offer

BACKENDS = "ressourcebank.notifications.tests.backends"


@pytest.fixture
def use_mail_backend(settings: Any) -> Callable[[str], None]:
    def use(name: str) -> None:
        settings.MAILERS = {"default": {"BACKEND": f"{BACKENDS}.{name}"}}

    return use


@pytest.fixture
def flaky(use_mail_backend: Callable[[str], None]) -> type[FlakyBackend]:
    """The mail server fails as often as the test says (FlakyBackend.failures), counting tries."""
    use_mail_backend("FlakyBackend")
    FlakyBackend.failures = 0
    FlakyBackend.tries = 0
    return FlakyBackend


@pytest.fixture
def ask(carlas_offer: Offer, alice: User) -> Callable[[], Connection]:
    """Alice asks Carla for help: Carla gets an "asked" event."""

    def do() -> Connection:
        return connection_actions.ask_for_help(carlas_offer, by=alice)

    return do
