"""Sessions in the database, read with one hand-written query (SESSION_ENGINE).

Django's database backend, unchanged but for how a session is read on every request of a logged-in
person: the ORM's `get` cost ten times the query itself (bench/RESULTS.md). Still the database's
row decides, so a logout, an expiry or a flushed session ends it at once in every process.
"""

from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connection
from django.utils import timezone


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self) -> Any:
        if not self.session_key:
            return None
        model = self.model
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT session_data, expire_date FROM {connection.ops.quote_name(model._meta.db_table)}"  # noqa: S608
                " WHERE session_key = %s AND expire_date > %s",
                [self.session_key, connection.ops.adapt_datetimefield_value(timezone.now())],
            )
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return model(session_key=self.session_key, session_data=row[0])
