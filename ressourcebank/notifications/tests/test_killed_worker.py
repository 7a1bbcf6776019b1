"""A real `manage.py db_worker` process is killed (SIGKILL) while it sends a mail, then the work is
restarted: the mail goes out exactly once. The processes share the test database: on PostgreSQL the
test database itself, on SQLite a file copy of it."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django_tasks_db.models import DBTaskResult

from ressourcebank.connections.models import Connection
from ressourcebank.connections.tests import test_concurrency as shared
from ressourcebank.notifications import delivery
from ressourcebank.notifications.models import OutboxMail

pytestmark = pytest.mark.django_db(transaction=True)

sqlite_file = shared.sqlite_file  # the fixture, shared with the connections' concurrency tests
in_database = shared.in_database


def _database_url(sqlite_path: Path | None) -> str:
    if sqlite_path is not None:
        return f"sqlite:///{sqlite_path}"
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _manage(args: list[str], env: dict[str, str], **popen: object) -> subprocess.Popen[bytes]:
    return subprocess.Popen(  # noqa: S603 — our own manage.py, fixed arguments
        [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        **popen,  # type: ignore[arg-type]
    )


def _run(args: list[str], env: dict[str, str]) -> None:
    process = _manage(args, env)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err.decode()


def test_a_worker_killed_while_sending_loses_and_doubles_nothing(
    ask: Callable[[], Connection], sqlite_file: Callable[[], Path | None], tmp_path: Path
) -> None:
    if connection.vendor == "postgresql" and connection.settings_dict.get("PASSWORD"):
        pytest.skip("the worker process needs a password-less database URL")
    ask()  # queues the outbox mail and its delivery job (django-tasks-db)
    mail_id = OutboxMail.objects.get().pk
    database = sqlite_file()
    mail_dir, marker = tmp_path / "mail", tmp_path / "sending"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(database),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "MAIL_BACKEND": "ressourcebank.notifications.tests.backends.HangingBackend",
        "HANGING_MARKER": str(marker),
        "EMAIL_FILE_PATH": str(mail_dir),
    }

    worker = _manage(["db_worker", "--no-startup-delay", "--no-reload", "--interval", "0.1"], env)
    try:
        deadline = time.monotonic() + 30
        while not marker.exists() and time.monotonic() < deadline and worker.poll() is None:
            time.sleep(0.05)
        assert marker.exists(), worker.stderr.read().decode() if worker.poll() is not None else "no send"
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)

    row = in_database(lambda: OutboxMail.objects.values("state", "attempts").get(pk=mail_id), database)
    assert row == {"state": OutboxMail.State.SENDING, "attempts": 1}
    # django-tasks-db leaves the dead worker's job "running" and never runs it again.
    assert in_database(lambda: DBTaskResult.objects.get().status, database) == "RUNNING"

    # Restarted with a working mail server. Right away nothing is sent: the row might still be in
    # the hands of a slow, living worker.
    env["MAIL_BACKEND"] = "file"
    _run(["db_worker", "--batch", "--no-startup-delay", "--no-reload"], env)
    _run(["deliver_due_mail"], env)
    assert not mail_dir.exists() or not list(mail_dir.iterdir())

    # Once the row has been "sending" for longer than any living worker takes, it is sent, once.
    in_database(
        lambda: OutboxMail.objects.filter(pk=mail_id).update(
            claimed_at=OutboxMail.objects.get(pk=mail_id).claimed_at - delivery.STUCK_AFTER  # type: ignore[operator]
        ),
        database,
    )
    _run(["deliver_due_mail"], env)
    _run(["deliver_due_mail"], env)
    _run(["db_worker", "--batch", "--no-startup-delay", "--no-reload"], env)

    assert len(list(mail_dir.iterdir())) == 1
    row = in_database(lambda: OutboxMail.objects.values("state", "attempts").get(pk=mail_id), database)
    assert row == {"state": OutboxMail.State.SENT, "attempts": 2}
