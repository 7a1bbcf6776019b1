"""Django's ModelBackend, with the logged-in person read by one hand-written query.

Every request of someone logged in reads their row; the ORM's `get` cost eight times the query
(bench/RESULTS.md). The row is read afresh each time, as before: a changed role, a deactivated
account or a new password takes effect on the very next request.
"""

from typing import Any

from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.core.exceptions import ValidationError
from django.db import connection

from ressourcebank.lib.rows import columns

from .models import User


class ModelBackend(DjangoModelBackend):
    def get_user(self, user_id: Any) -> Any:
        try:
            pk = User._meta.get_field("id").to_python(user_id)
        except (ValidationError, TypeError, ValueError):
            return None  # a session holding anything but an id is no one's
        user, quote = columns(User, "u"), connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {user.sql} FROM {quote(User._meta.db_table)} u WHERE u.id = %s",  # noqa: S608
                [pk],
            )
            row = cursor.fetchone()
        if row is None:
            return None
        found = user.load(row)
        return found if self.user_can_authenticate(found) else None
