"""Model rows read with hand-written SQL, for the few queries every request makes.

The ORM builds and compiles a query anew each time: 0.3–0.6 ms of CPU for the session, the user
or the unread count, 1.3 ms for a page of offers with two joins, while the database answers in a
tenth of that (bench/RESULTS.md). For those hot, fixed queries the SQL is written once and the rows
become model instances here, through the same converters the ORM applies (SQLite's datetimes and
decimals), so an instance is the one the ORM would have made. Everything else stays with the ORM.
"""

import functools
import weakref
from collections.abc import Sequence
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Field, Model

_converters: "weakref.WeakKeyDictionary[BaseDatabaseWrapper, dict[tuple[type[Model], str, tuple[str, ...]], Any]]" = (
    weakref.WeakKeyDictionary()
)


class Columns:
    """The concrete columns of `model` (all, or the fields named) under the table alias `alias`:
    `sql` for the SELECT list; `load(row, start)` makes the instance (all columns only) from the
    row's values from index `start` on, `values(row, start)` converts them alone."""

    def __init__(self, model: type[Model], alias: str, names: tuple[str, ...] = ()) -> None:
        self.model = model
        self.alias = alias
        self.names = names
        concrete = list(model._meta.concrete_fields)
        self.fields: list[Field[Any, Any]] = [model._meta.get_field(n) for n in names] if names else concrete  # type: ignore[misc]
        quote = connection.ops.quote_name
        self.sql = ", ".join(f"{alias}.{quote(f.column or f.name)}" for f in self.fields)
        self.attnames = [f.attname for f in self.fields]
        self.width = len(self.fields)

    def _converters(self) -> list[tuple[int, list[Any], Any]]:
        # The converters belong to the connection (SQLite's know its time zone), so they are kept per
        # connection: (index, converters, the column they are given).
        held = _converters.setdefault(connections[DEFAULT_DB_ALIAS], {})
        key = (self.model, self.alias, self.names)
        if key not in held:
            found = []
            for i, f in enumerate(self.fields):
                column = f.get_col(self.alias)
                converters = connection.ops.get_db_converters(column) + f.get_db_converters(connection)
                if converters:
                    found.append((i, converters, column))
            held[key] = found
        return held[key]  # type: ignore[no-any-return]

    def values(self, row: Sequence[Any], start: int = 0) -> list[Any]:
        values = list(row[start : start + self.width])
        db = connections[DEFAULT_DB_ALIAS]
        for i, converters, column in self._converters():
            for converter in converters:
                values[i] = converter(values[i], column, db)
        return values

    def load(self, row: Sequence[Any], start: int = 0) -> Any:
        if self.names:
            raise TypeError("an instance needs every column")
        return self.model.from_db(connection.alias, self.attnames, self.values(row, start))


def placeholders(values: Sequence[Any]) -> str:
    """ "%s, %s, %s" for an IN list of these values."""
    return ", ".join(["%s"] * len(values))


@functools.cache
def columns(model: type[Model], alias: str, names: tuple[str, ...] = ()) -> Columns:
    """The Columns of `model` as `alias` (all, or the fields named), made once per process."""
    return Columns(model, alias, names)
