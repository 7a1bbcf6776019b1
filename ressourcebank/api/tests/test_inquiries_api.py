from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client

from ressourcebank.inbox.models import Inquiry, Team

from .conftest import ApiClient

pytestmark = pytest.mark.django_db

VALID = {
    "topic": "oekonomi",
    "message": "Hvornår får jeg svar på min ansøgning om boligstøtte?",
    "name": "Hanne Hansen",
    "email": "hanne@example.dk",
    "answer_by": "email",
}


@pytest.fixture(autouse=True)
def fresh_rate_limit() -> Any:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def team(db: Any) -> Team:
    from ressourcebank.inbox.models import Topic

    team = Team.objects.create(
        name="Borgerservice", slug="borgerservice", answer_days=3, email="bs@x.test", phone="1", phone_hours="9–10"
    )
    Topic.objects.filter(slug="oekonomi").update(team=team)
    return team


@time_machine.travel("2026-12-22 10:00 +01:00", tick=False)
def test_writing_without_a_token_answers_201_with_reference_answer_date_and_a_working_status_link(
    api_as: Callable[..., ApiClient], team: Team
) -> None:
    response = api_as(None).post("/api/v1/inquiries", VALID)

    assert response.status_code == 201
    body = response.json()
    inquiry = Inquiry.objects.get()
    assert body["reference"] == inquiry.reference
    assert body["answer_by_date"] == "2026-12-29"
    assert Client().get(urlsplit(body["status_url"]).path).status_code == 200


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"topic": "findes-ikke"}, "topic"),
        ({"email": ""}, "email"),
        ({"email": "ikke-en-mail"}, "email"),
        ({"answer_by": "sms", "phone": ""}, "phone"),
        ({"answer_by": "phone", "phone": "12"}, "phone"),
        ({"answer_by": "brevdue"}, "answer_by"),
        ({"message": "   "}, "message"),
    ],
)
def test_bad_input_answers_422_naming_the_field(
    api_as: Callable[..., ApiClient], team: Team, change: dict[str, str], field: str
) -> None:
    response = api_as(None).post("/api/v1/inquiries", VALID | change)

    assert response.status_code == 422
    assert field in [error["loc"][-1] for error in response.json()["detail"]]
    assert not Inquiry.objects.exists()


def test_a_client_over_its_allowance_gets_429_and_nothing_is_stored(
    api_as: Callable[..., ApiClient], team: Team, settings: Any
) -> None:
    settings.INBOX_RATE_PER_HOUR = 1
    client = api_as(None)
    assert client.post("/api/v1/inquiries", VALID).status_code == 201
    assert client.post("/api/v1/inquiries", VALID).status_code == 429
    assert Inquiry.objects.count() == 1
