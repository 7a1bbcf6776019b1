"""Database triggers that keep the access log append-only whatever writes to the database: the
ORM, a raw query, a shell. UPDATE and DELETE of a row are refused (and TRUNCATE on PostgreSQL); the
head may only move on to the next number. Installed by migration 0004.

`flush` (which empties the whole database, in tests and on a developer's machine) lifts them for
its own duration; see management/commands/flush.py."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db.backends.base.base import BaseDatabaseWrapper

EVENT = "audit_auditevent"
HEAD = "audit_audithead"
MESSAGE = "audit log is append-only"

_SQLITE_INSTALL = [
    f"CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON {EVENT} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
    f"CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON {EVENT} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
    f"CREATE TRIGGER audit_head_only_forward BEFORE UPDATE ON {HEAD} "
    f"WHEN NEW.seq != OLD.seq + 1 OR NEW.id != OLD.id "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
    f"CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON {HEAD} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
]
_SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_event_no_update",
    "DROP TRIGGER IF EXISTS audit_event_no_delete",
    "DROP TRIGGER IF EXISTS audit_head_only_forward",
    "DROP TRIGGER IF EXISTS audit_head_no_delete",
]

# SQLSTATE 23000 (integrity constraint violation): Django raises IntegrityError, as on SQLite.
_POSTGRES_INSTALL = [
    f"""CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = '23000';
    END $$""",
    f"""CREATE OR REPLACE FUNCTION audit_head_only_forward() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.seq <> OLD.seq + 1 OR NEW.id <> OLD.id THEN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = '23000';
        END IF;
        RETURN NEW;
    END $$""",
    f"CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON {EVENT} "
    "FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()",
    f"CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON {EVENT} "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()",
    f"CREATE TRIGGER audit_head_only_forward BEFORE UPDATE ON {HEAD} "
    "FOR EACH ROW EXECUTE FUNCTION audit_head_only_forward()",
    f"CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON {HEAD} FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()",
    f"CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON {HEAD} "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()",
]
_POSTGRES_REMOVE = [
    f"DROP TRIGGER IF EXISTS audit_event_no_change ON {EVENT}",
    f"DROP TRIGGER IF EXISTS audit_event_no_truncate ON {EVENT}",
    f"DROP TRIGGER IF EXISTS audit_head_only_forward ON {HEAD}",
    f"DROP TRIGGER IF EXISTS audit_head_no_delete ON {HEAD}",
    f"DROP TRIGGER IF EXISTS audit_head_no_truncate ON {HEAD}",
]


def install_sql(vendor: str) -> list[str]:
    return {"sqlite": _SQLITE_INSTALL, "postgresql": _POSTGRES_INSTALL}.get(vendor, [])


def remove_sql(vendor: str) -> list[str]:
    return {"sqlite": _SQLITE_REMOVE, "postgresql": _POSTGRES_REMOVE}.get(vendor, [])


def install(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for statement in install_sql(connection.vendor):
            cursor.execute(statement)


def remove(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for statement in remove_sql(connection.vendor):
            cursor.execute(statement)


def are_installed(connection: BaseDatabaseWrapper) -> bool:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit_%%'")
        else:
            cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'audit_%%' AND NOT tgisinternal")
        (count,) = cursor.fetchone()
    return bool(count)


@contextmanager
def lifted(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """The triggers gone for the duration (what flush needs; what an attacker with database access
    can do, which the tests simulate), then back as they were."""
    had_them = are_installed(connection)
    remove(connection)
    try:
        yield
    finally:
        if had_them:
            install(connection)
