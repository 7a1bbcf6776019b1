from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from ressourcebank.accounts.models import ApiToken, User


class ApiClient:
    """A test client that speaks JSON and sends a bearer token when it has one."""

    def __init__(self, token: str | None = None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(path, params, headers=self.headers)

    def post(self, path: str, data: Any = None) -> Any:
        return self.client.post(path, data or {}, content_type="application/json", headers=self.headers)

    def patch(self, path: str, data: Any) -> Any:
        return self.client.patch(path, data, content_type="application/json", headers=self.headers)


@pytest.fixture
def api_as(db: Any) -> Callable[[User | None], ApiClient]:
    """A read-and-write token, for a TOTP role as "Mine API-nøgler" issues it: after the code."""

    def make(user: User | None) -> ApiClient:
        return ApiClient(ApiToken.issue(user, second_factor_verified=user.needs_second_factor) if user else None)

    return make
