"""GET /api/v1/activities, POST and DELETE /api/v1/activities/{occurrence}/signups: the same rules
as the pages, with a token for writing."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import icalendar
import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from ressourcebank.accounts.models import ApiToken, User
from ressourcebank.activities import actions
from ressourcebank.activities.models import Activity, Occurrence, Signup
from ressourcebank.api.tests.conftest import ApiClient

pytestmark = pytest.mark.usefixtures("immediate_tasks")

FIELDS = {"id", "title", "starts_at", "ends_at", "area", "place", "labels", "capacity", "free_places", "ical_url"}


def api(user: User | None) -> ApiClient:
    return ApiClient(ApiToken.issue(user, second_factor_verified=user.needs_second_factor) if user else None)


def _delete(client: ApiClient, path: str) -> Any:
    return client.client.delete(path, headers=client.headers)


def test_the_list_has_the_areas_dates_with_the_fields(client: Client, choir: Activity, dinner: Activity) -> None:
    today = timezone.localdate()
    rows = client.get(
        "/api/v1/activities", {"area": "assentoft", "from": today, "to": today + timedelta(days=6)}
    ).json()

    assert {row["title"] for row in rows} == {"Åben koraften", "Fællesspisning"}
    assert set(rows[0]) == FIELDS
    dinner_row = next(row for row in rows if row["title"] == "Fællesspisning")
    assert (dinner_row["capacity"], dinner_row["free_places"]) == (2, 2)
    choir_row = next(row for row in rows if row["title"] == "Åben koraften")
    assert (choir_row["capacity"], choir_row["free_places"]) == (None, None)
    assert choir_row["labels"] == [{"slug": "bare-moed-op", "name": "Bare mød op"}]
    assert client.get("/api/v1/activities", {"area": "langaa"}).json() == []


def test_the_ical_url_of_a_row_is_a_valid_calendar(client: Client, choir: Activity) -> None:
    row = client.get("/api/v1/activities").json()[0]

    feed = client.get(row["ical_url"].replace("http://127.0.0.1:8000", ""))

    assert icalendar.Calendar.from_ical(feed.content).walk("VEVENT")


def test_a_wrong_area_or_range_is_a_422(client: Client, db: Any) -> None:
    assert client.get("/api/v1/activities", {"area": "findes-ikke"}).status_code == 422
    assert client.get("/api/v1/activities", {"from": "2026-12-10", "to": "2026-12-01"}).status_code == 422
    assert client.get("/api/v1/activities", {"from": "2026-01-01", "to": "2027-12-31"}).status_code == 422
    assert client.get("/api/v1/activities", {"from": "0"}).status_code == 422  # not seconds since 1970
    assert client.get("/api/v1/activities", {"from": "2026-02-31"}).status_code == 422


def test_signing_up_gives_201_confirmed_then_waitlisted(
    dinner_date: Occurrence, alice: User, olga: User, bent: User
) -> None:
    path = f"/api/v1/activities/{dinner_date.pk}/signups"

    first, second, third = (api(p).post(path) for p in (alice, olga, bent))

    assert [r.status_code for r in (first, second, third)] == [201, 201, 201]
    assert [r.json()["status"] for r in (first, second, third)] == ["confirmed", "confirmed", "waitlisted"]
    assert Signup.objects.get(user=alice).channel == "api"


def test_signing_up_twice_is_a_409(dinner_date: Occurrence, alice: User) -> None:
    path = f"/api/v1/activities/{dinner_date.pk}/signups"
    client = api(alice)
    client.post(path)

    assert client.post(path).status_code == 409


def test_without_a_token_it_is_a_401(client: Client, dinner_date: Occurrence) -> None:
    path = f"/api/v1/activities/{dinner_date.pk}/signups"

    assert client.post(path).status_code == 401
    assert client.delete(path).status_code == 401


def test_an_unknown_or_unpublished_date_is_a_404(
    make_activity: Callable[..., Activity], alice: User, olga: User
) -> None:
    pending = make_activity(alice, title="Gåtur", needs_signup=True, capacity=3).occurrences.get()

    assert api(olga).post(f"/api/v1/activities/{pending.pk}/signups").status_code == 404
    assert api(olga).post("/api/v1/activities/987654321/signups").status_code == 404


def test_delete_gives_the_place_back_and_the_waitlist_moves_up(
    dinner_date: Occurrence, alice: User, olga: User, bent: User
) -> None:
    path = f"/api/v1/activities/{dinner_date.pk}/signups"
    for person in (alice, olga, bent):
        api(person).post(path)
    mail.outbox.clear()

    answer = _delete(api(alice), path)

    assert answer.status_code == 204
    assert Signup.objects.get(user=bent).status == "confirmed"
    assert [m.to for m in mail.outbox] == [[bent.email]]
    assert _delete(api(alice), path).status_code == 404


def test_a_read_only_token_cannot_sign_up(dinner_date: Occurrence, alice: User) -> None:
    token = ApiToken.issue(alice, scope=ApiToken.Scope.READ)

    answer = ApiClient(token).post(f"/api/v1/activities/{dinner_date.pk}/signups")

    assert answer.status_code == 403


def test_a_cancelled_date_leaves_the_list(client: Client, choir: Activity, carla: User) -> None:
    first = choir.occurrences.order_by("starts_at").first()
    assert first is not None
    actions.cancel_occurrence(first, "", by=carla)

    ids = {row["id"] for row in client.get("/api/v1/activities").json()}

    assert first.pk not in ids
