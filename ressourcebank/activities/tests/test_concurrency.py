"""Many people take the last places of a date at the same moment: the capacity holds and the rest
are on the waitlist, on SQLite and on PostgreSQL; giving places back at the same moment moves
exactly as many up."""

from collections.abc import Callable
from pathlib import Path

import pytest

from ressourcebank.activities import actions
from ressourcebank.activities.models import Activity, Occurrence, Signup
from ressourcebank.connections.tests import test_concurrency as shared

pytestmark = pytest.mark.django_db(transaction=True)

sqlite_file = shared.sqlite_file  # the fixture: an SQLite test database the threads can share
PEOPLE = 12
PLACES = 3


@pytest.fixture
def busy_date(make_activity: Callable[..., Activity], carla: object, association: object) -> Occurrence:
    activity = make_activity(carla, organisation=association, title="Operaaften", needs_signup=True, capacity=PLACES)
    return activity.occurrences.get()


def test_many_sign_ups_at_once_never_exceed_the_places(
    busy_date: Occurrence, sqlite_file: Callable[[], Path | None]
) -> None:
    everyone = shared.people(PEOPLE)
    database = sqlite_file()

    results = shared.run_at_once([lambda p=p: actions.sign_up(busy_date, by=p) for p in everyone], database)

    unexpected = [r for r in results if not isinstance(r, Signup)]
    assert not unexpected, unexpected
    assert sorted(r.status for r in results).count("confirmed") == PLACES

    def counts() -> tuple[int, int, int]:
        date = Occurrence.objects.get(pk=busy_date.pk)
        signups = Signup.objects.filter(occurrence=date)
        return date.taken, signups.filter(status="confirmed").count(), signups.filter(status="waitlisted").count()

    assert shared.in_database(counts, database) == (PLACES, PLACES, PEOPLE - PLACES)


def test_places_given_back_at_once_move_as_many_up(
    busy_date: Occurrence, sqlite_file: Callable[[], Path | None]
) -> None:
    signups = [actions.sign_up(busy_date, by=p) for p in shared.people(PEOPLE)]
    confirmed = [s for s in signups if s.status == "confirmed"]
    waitlisted = [s for s in signups if s.status == "waitlisted"]
    database = sqlite_file()

    results = shared.run_at_once([lambda s=s: actions.give_back(s, by=None) for s in confirmed], database)

    assert not [r for r in results if isinstance(r, Exception)], results

    def statuses() -> tuple[int, list[str]]:
        date = Occurrence.objects.get(pk=busy_date.pk)
        order = Signup.objects.filter(pk__in=[s.pk for s in waitlisted]).order_by("queued_at", "id")
        return date.taken, [s.status for s in order]

    taken, moved = shared.in_database(statuses, database)
    assert taken == PLACES
    # The first on the waitlist got the places, in the order they joined it.
    assert moved == ["confirmed"] * PLACES + ["waitlisted"] * (PEOPLE - 2 * PLACES)
