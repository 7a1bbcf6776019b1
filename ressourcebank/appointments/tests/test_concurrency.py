"""Many people take the same callback time at the same moment: exactly one gets it, on SQLite and on
PostgreSQL, through the page's action and through moving a booking onto it."""

from collections.abc import Callable
from pathlib import Path

import pytest

from ressourcebank.appointments import actions
from ressourcebank.appointments.models import Booking, Slot
from ressourcebank.connections.tests import test_concurrency as shared

pytestmark = pytest.mark.django_db(transaction=True)

sqlite_file = shared.sqlite_file  # the fixture: an SQLite test database the threads can share
PEOPLE = 12


def test_a_slot_taken_by_many_at_once_goes_to_exactly_one(slot: Slot, sqlite_file: Callable[[], Path | None]) -> None:
    database = sqlite_file()

    results = shared.run_at_once(
        [lambda i=i: actions.book_slot(slot, name=f"Person {i}", phone=f"2000{i:04d}", by=None) for i in range(PEOPLE)],
        database,
    )

    booked = [result for result in results if isinstance(result, Booking)]
    refused = [result for result in results if isinstance(result, actions.SlotTaken)]
    assert (len(booked), len(refused)) == (1, PEOPLE - 1), results
    assert shared.in_database(lambda: Booking.objects.filter(slot=slot).count(), database) == 1


def test_moving_onto_a_time_others_are_booking_gives_it_to_one(
    slot: Slot, make_slot: Callable[..., Slot], sqlite_file: Callable[[], Path | None]
) -> None:
    target = make_slot(hours_ahead=30)
    movers = [
        actions.book_slot(make_slot(hours_ahead=40 + i), name=f"Flytter {i}", phone=f"3000{i:04d}", by=None)
        for i in range(PEOPLE // 2)
    ]
    database = sqlite_file()

    calls: list[Callable[[], object]] = [lambda b=b: actions.move_booking(b, target, by=None) for b in movers]
    calls += [
        lambda i=i: actions.book_slot(target, name=f"Ny {i}", phone=f"4000{i:04d}", by=None) for i in range(PEOPLE // 2)
    ]
    results = shared.run_at_once(calls, database)

    unexpected = [r for r in results if isinstance(r, Exception) and not isinstance(r, actions.SlotTaken)]
    assert not unexpected, unexpected
    assert sum(isinstance(r, Booking) for r in results) == 1
    assert shared.in_database(lambda: Booking.objects.active().filter(slot=target).count(), database) == 1
