"""Entries written before the log became a chain are numbered in the order they were written and
chained by migration 0004: verify_access_log finds the old log intact, and new entries follow on."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from ressourcebank.accounts.models import User
from ressourcebank.audit.models import AuditEvent, Verb, record

BEFORE = [("audit", "0003_revoke_and_api_write_verbs")]


def migrate(targets: list[tuple[str, str]]) -> None:
    MigrationExecutor(connection).migrate(targets)


def latest() -> list[tuple[str, str]]:
    return [node for node in MigrationExecutor(connection).loader.graph.leaf_nodes() if node[0] == "audit"]


@pytest.mark.django_db(transaction=True)
def test_entries_from_before_the_chain_are_numbered_in_order_and_verify(erik: User) -> None:
    try:
        migrate(BEFORE)
        old = MigrationExecutor(connection).loader.project_state(BEFORE).apps.get_model("audit", "AuditEvent")
        for note in ("først", "så"):
            old.objects.create(
                actor_id=erik.pk, verb="read", target_type="accounts.user", target_id=str(erik.pk), note=note
            )

        migrate(latest())
        record(erik, Verb.READ, erik, note="efter")

        assert list(AuditEvent.objects.order_by("seq").values_list("seq", "note")) == [
            (1, "først"),
            (2, "så"),
            (3, "efter"),
        ]
        out = StringIO()
        call_command("verify_access_log", stdout=out)
        assert "intakt: 3 poster" in out.getvalue()
    finally:
        migrate(latest())
