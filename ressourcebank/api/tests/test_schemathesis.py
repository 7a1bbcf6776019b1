"""Schemathesis against the API, in-process (WSGI), on the test database: every operation of the
OpenAPI description with generated data, valid and invalid, with a token that may write. Each
answer must be no 5xx and must match the description (status, content type, body schema), and
invalid data must be refused.

Bounded and repeatable: MAX_EXAMPLES per operation, derandomized (a fixed seed), no example
database. It runs on PostgreSQL (`make test` runs the suite there too); on SQLite it is skipped to
keep the first run fast — the API code is the same, and the database-sensitive part is PostgreSQL.
"""

import json
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from config.wsgi import application
from ressourcebank.accounts.models import ApiToken, User
from ressourcebank.api.api import api

MAX_EXAMPLES = 10

# The description as the server gives it (JSON keys are strings), served by the app itself.
schema = schemathesis.openapi.from_dict(json.loads(json.dumps(api.get_openapi_schema())))
schema.app = application


@pytest.fixture(autouse=True)
def keep_the_test_transaction() -> Iterator[None]:
    """Requests go through the real WSGI handler, which closes the database connection after each
    one; Django's test client switches that off, and so must this (the test runs in a transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(db: Any) -> str:
    user = User.objects.create_user(email="fuzz@example.dk", password="fuzz-fuzz-fuzz-1", name="Fuzz")
    return ApiToken.issue(user, scope=ApiToken.Scope.WRITE)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="schemathesis runs in the PostgreSQL pass")
@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_the_api_answers_as_its_description_says(case: Any, token: str) -> None:
    # Not checked: that schema-valid data is accepted. A slug must name a category or area that
    # exists, an organisation one's own: the description cannot list those, so 422 is right there.
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, excluded_checks=[positive_data_acceptance])
