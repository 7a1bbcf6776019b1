"""Django's flush, which empties every table, with the access log's triggers lifted while it runs.

The triggers refuse DELETE and TRUNCATE of the log, and flush is how the test runner and a
developer start over, so flush must be able to empty the log with everything else. It is no way
around the log in production: it wipes the whole database, and the anchors outside it still name
the last entry, so verify_access_log reports the loss."""

from typing import Any

from django.core.management.commands import flush
from django.db import connections

from ressourcebank.audit import guards


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        connection = connections[options["database"]]
        with guards.lifted(connection):
            super().handle(**options)
