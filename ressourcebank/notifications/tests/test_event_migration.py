"""The Event model moved from connections to notifications by a state-only migration: rows written
before the move are there after it, and the move can be undone without losing them."""

import pytest
from django.apps.registry import Apps
from django.db import connection as db
from django.db.migrations.executor import MigrationExecutor

from ressourcebank.connections.models import Connection
from ressourcebank.notifications.models import Event

BEFORE = [("connections", "0001_initial"), ("notifications", "0002_account_mail")]


def migrate(targets: list[tuple[str, str]]) -> Apps:
    executor = MigrationExecutor(db)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest() -> list[tuple[str, str]]:
    return MigrationExecutor(db).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_events_written_before_the_move_are_kept_after_it(alice, bent, make_offer):
    citizen = alice
    link = Connection.objects.create(offer=make_offer(owner=bent), requester=citizen)
    try:
        old = migrate(BEFORE)
        old.get_model("connections", "Event").objects.create(user_id=citizen.pk, kind="asked", connection_id=link.pk)

        migrate(latest())
        assert list(Event.objects.values_list("user", "kind", "connection")) == [(citizen.pk, "asked", link.pk)]

        old = migrate(BEFORE)
        assert old.get_model("connections", "Event").objects.filter(connection_id=link.pk).count() == 1
    finally:
        migrate(latest())
    assert Event.objects.get().connection == link
