from collections.abc import Callable
from typing import Any

import pytest

from ressourcebank.accounts.models import User
from ressourcebank.connections import actions as connection_actions
from ressourcebank.connections.models import Connection
from ressourcebank.offers.models import Offer

BACKENDS = "ressourcebank.notifications.tests.backends"


@pytest.fixture
def immediate_tasks(settings: Any) -> None:
    """Runs background tasks at once, so mails land in mail.outbox during the test."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def use_mail_backend(settings: Any) -> Callable[[str], None]:
    def use(name: str) -> None:
        settings.MAILERS = {"default": {"BACKEND": f"{BACKENDS}.{name}"}}

    return use


@pytest.fixture
def carlas_offer(make_offer: Callable[..., Offer], carla: User) -> Offer:
    return make_offer(owner=carla, title="Besøgsven i Assentoft")


@pytest.fixture
def ask(carlas_offer: Offer, alice: User) -> Callable[[], Connection]:
    """Alice asks Carla for help: Carla gets an "asked" event."""

    def do() -> Connection:
        return connection_actions.ask_for_help(carlas_offer, by=alice)

    return do
