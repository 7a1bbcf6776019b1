"""Many people's actions write to the access log at the same moment: every entry gets its own
number, the chain holds, and verify_access_log finds it intact. Threads with their own connections,
as in connections' concurrency tests (on SQLite a file copy of the test database, WAL, IMMEDIATE)."""

from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from ressourcebank.accounts.models import User
from ressourcebank.audit.models import AuditEvent, Verb, record
from ressourcebank.connections.tests.test_concurrency import in_database, run_at_once, sqlite_file

__all__ = ["sqlite_file"]  # the fixture, shared

pytestmark = pytest.mark.django_db(transaction=True)

WRITERS = 8
EACH = 10


def test_concurrent_writers_each_get_their_own_number_and_the_chain_holds(
    erik: User, sqlite_file: Callable[[], Path | None]
) -> None:
    record(erik, Verb.READ, erik)
    path = sqlite_file()

    def write_some() -> None:
        for n in range(EACH):
            record(erik, Verb.READ, erik, note=str(n))

    results = run_at_once([write_some] * WRITERS, path)

    assert results == [None] * WRITERS
    seqs = in_database(lambda: list(AuditEvent.objects.order_by("seq").values_list("seq", flat=True)), path)
    assert seqs == list(range(1, WRITERS * EACH + 2))

    def verified() -> Any:
        out = StringIO()
        call_command("verify_access_log", stdout=out)
        return out.getvalue()

    assert f"intakt: {WRITERS * EACH + 1} poster" in in_database(verified, path)


def test_flush_empties_the_log_with_the_rest_of_the_database(erik: User) -> None:
    record(erik, Verb.READ, erik)

    call_command("flush", interactive=False, verbosity=0)

    assert not AuditEvent.objects.exists()
    record(None, Verb.READ, User.objects.create_user(email="ny@example.dk", password="x" * 12, name="Ny"))
    assert list(AuditEvent.objects.values_list("seq", flat=True)) == [1]
