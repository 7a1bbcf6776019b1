"""Several workers take the same outbox row at the same moment, each on its own database connection
(on SQLite through a file copy of the test database, as in the connections' concurrency tests)."""

from collections.abc import Callable
from pathlib import Path

import pytest
from django.core import mail

from ressourcebank.connections.models import Connection
from ressourcebank.connections.tests import test_concurrency as shared
from ressourcebank.notifications.models import OutboxMail
from ressourcebank.notifications.tasks import deliver_mail

pytestmark = pytest.mark.django_db(transaction=True)

WORKERS = 6
sqlite_file = shared.sqlite_file  # the fixture, shared with the connections' concurrency tests
run_at_once, in_database = shared.run_at_once, shared.in_database


def test_parallel_workers_on_one_mail_send_it_once(
    ask: Callable[[], Connection], use_mail_backend: Callable[[str], None], sqlite_file: Callable[[], Path | None]
) -> None:
    ask()
    mail_id = OutboxMail.objects.get().pk
    use_mail_backend("SlowBackend")
    database = sqlite_file()

    results = run_at_once([lambda: deliver_mail.call(mail_id)] * WORKERS, database)

    assert sorted(results, key=str) == [False] * (WORKERS - 1) + [True], results
    assert len(mail.outbox) == 1
    row = in_database(lambda: OutboxMail.objects.values("state", "attempts").get(pk=mail_id), database)
    assert row == {"state": OutboxMail.State.SENT, "attempts": 1}
