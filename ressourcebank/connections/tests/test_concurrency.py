"""Many people accept and record hours on one offer at the same moment: its capacity holds.

Each thread has its own database connection. On PostgreSQL they share the test database. SQLite's
in-memory test database cannot be shared between connections with real locking, so for SQLite the
test copies it to a file (WAL, IMMEDIATE transactions, as in production) and the threads use that.
"""

import sqlite3
import threading
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from ressourcebank.accounts.models import User
from ressourcebank.connections import actions
from ressourcebank.connections.models import DECLARATION_VERSION, ConfidentialityDeclaration, Connection, HoursEntry
from ressourcebank.offers.models import Offer, period_of

pytestmark = pytest.mark.django_db(transaction=True)

PEOPLE = 12


def run_at_once(calls: list[Callable[[], Any]], sqlite_file: Path | None) -> list[Any]:
    """Runs the calls in threads released together; each result is a value or the exception raised."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)
    wrapper_class, settings_dict = type(connections["default"]), dict(connections["default"].settings_dict)

    def work(index: int) -> None:
        if sqlite_file is not None:
            connections["default"] = wrapper_class({**settings_dict, "NAME": str(sqlite_file)}, "default")
        try:
            barrier.wait()
            results[index] = calls[index]()
        except Exception as error:  # noqa: BLE001 — the test inspects what each call ended with
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def in_database(query: Callable[[], Any], sqlite_file: Path | None) -> Any:
    """Reads the outcome where the threads wrote it."""
    return run_at_once([query], sqlite_file)[0]


@pytest.fixture
def sqlite_file(tmp_path: Path) -> Callable[[], Path | None]:
    """Call it once the data is set up: copies an in-memory SQLite test database to a file."""

    def copy() -> Path | None:
        if connection.vendor != "sqlite":
            return None
        path = tmp_path / "concurrency.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        # WAL before the threads open it, as migrate leaves a real database: twelve connections
        # switching a fresh file's journal mode at once can fail with "database is locked".
        target.execute("PRAGMA journal_mode=WAL")
        target.close()
        return path

    return copy


def people(count: int) -> list[User]:
    return [
        User.objects.create_user(
            email=f"person{i}@example.dk", password=None, name=f"Person {i}", email_confirmed_at=timezone.now()
        )
        for i in range(count)
    ]


def test_parallel_acceptances_never_exceed_the_places(
    make_offer: Callable[..., Offer], carla: User, association: Any, sqlite_file: Callable[[], Path | None]
) -> None:
    ConfidentialityDeclaration.objects.create(user=carla, version=DECLARATION_VERSION)
    offer = make_offer(
        owner=carla, organisation=association, provider="forening", capacity_kind="places", capacity_amount=3
    )
    requests = [actions.ask_for_help(offer, by=person) for person in people(PEOPLE)]
    database = sqlite_file()

    results = run_at_once(
        [lambda request=request: actions.accept_connection(request, by=carla) for request in requests], database
    )

    accepted = [result for result in results if isinstance(result, Connection)]
    refused = [result for result in results if isinstance(result, ValidationError)]
    assert (len(accepted), len(refused)) == (3, PEOPLE - 3), results
    assert in_database(lambda: Connection.objects.filter(offer=offer, state="accepted").count(), database) == 3


def test_parallel_reservations_and_hour_records_never_exceed_the_quota(
    make_offer: Callable[..., Offer], carla: User, association: Any, sqlite_file: Callable[[], Path | None]
) -> None:
    ConfidentialityDeclaration.objects.create(user=carla, version=DECLARATION_VERSION)
    offer = make_offer(
        owner=carla, organisation=association, provider="forening", capacity_kind="hours_per_month", capacity_amount=5
    )
    everyone = people(PEOPLE)
    first = actions.accept_connection(actions.ask_for_help(offer, by=everyone[0]), by=carla, reserved_hours=Decimal(1))
    requests = [actions.ask_for_help(offer, by=person) for person in everyone[1:]]
    database = sqlite_file()
    today = timezone.localdate()

    calls: list[Callable[[], Any]] = [
        lambda request=request: actions.accept_connection(request, by=carla, reserved_hours=Decimal(1))
        for request in requests
    ]
    calls += [lambda: actions.record_hours(first, today, Decimal(1), by=carla) for _ in range(PEOPLE)]
    results = run_at_once(calls, database)

    unexpected = [r for r in results if r is None or (isinstance(r, Exception) and not isinstance(r, ValidationError))]
    assert not unexpected, unexpected
    period = period_of(offer.capacity_kind, today)
    assert period is not None
    committed = in_database(lambda: actions.committed_hours(Offer.objects.get(pk=offer.pk), period), database)
    recorded = in_database(lambda: HoursEntry.objects.filter(connection__offer=offer).total(), database)
    assert recorded <= 5
    assert committed <= 5
    # Nothing lost: every success is stored.
    successes = [result for result in results if not isinstance(result, Exception)]
    stored = in_database(
        lambda: HoursEntry.objects.count() + Connection.objects.filter(state="accepted").exclude(pk=first.pk).count(),
        database,
    )
    assert stored == len(successes)
