import pytest

from ressourcebank.accounts.models import User
from ressourcebank.connections.models import DECLARATION_VERSION, ConfidentialityDeclaration


@pytest.fixture
def declared(carla: User) -> User:
    ConfidentialityDeclaration.objects.create(user=carla, version=DECLARATION_VERSION)
    return carla
