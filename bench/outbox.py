"""Outbox benchmark: a day's 10,000 messages (mails and SMS) through the outbox, with the worker
killed (SIGKILL) and restarted while it sends, and nothing lost.

`BENCH_ONLY=outbox make bench` (or `python -m bench.outbox`). For each database, in fresh processes:
migrate; queue BENCH_OUTBOX_MESSAGES messages (default 10,000; 70 % mail, 30 % SMS) through
queue_mail / queue_sms with the real task backend (django-tasks-db), all at once — the worst case of
a day's load arriving together; start BENCH_OUTBOX_WORKERS `manage.py db_worker` processes (default
2); SIGKILL every worker each time another quarter is sent and start new ones; at the end run
`deliver_due_mail` (what run_schedule does every 2 minutes) until nothing is left, as it takes the
rows the killed workers left "sending". Mail goes to Django's file backend, SMS to the file SMS
backend; a message is lost when no file carries its key, doubled when two do. OUTBOX_STUCK_AFTER_SECONDS
is 5 here (15 minutes in production) so the run does not wait a quarter of an hour for each kill.

SQLite uses a file under var/bench/; PostgreSQL a scratch database `rb_bench_outbox` on BENCH_PG_URL
(skipped when the server does not answer).
"""

import json
import os
import platform
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench" / "outbox"
MESSAGES = int(os.environ.get("BENCH_OUTBOX_MESSAGES", "10000"))
WORKERS = int(os.environ.get("BENCH_OUTBOX_WORKERS", "2"))
KILLS = 3  # at a quarter, a half and three quarters sent
PG_SERVER = os.environ.get("BENCH_PG_URL", "postgres://root@127.0.0.1:5432/postgres")
PG_DATABASE = "rb_bench_outbox"
STUCK_SECONDS = 5


def _queue_child() -> None:
    """In a fresh process with the bench's environment: queue the messages, print the seconds taken."""
    import django

    django.setup()
    from django.db import transaction

    from ressourcebank.accounts.models import User
    from ressourcebank.notifications.actions import queue_mail, queue_sms
    from ressourcebank.notifications.models import OutboxMail

    user, _created = User.objects.get_or_create(email="bench@example.dk", defaults={"name": "Bench"})
    start = time.perf_counter()
    for i in range(MESSAGES):
        with transaction.atomic():  # one change, one message, as in the app
            if i % 10 < 7:
                rendered = (f"Besked {i}", f"Hej. Dette er besked {i}.", "")
                queue_mail(user, OutboxMail.Kind.EVENT, f"bench:mail:{i}", rendered, to_address=f"p{i}@example.dk")
            else:
                queue_sms(f"2{i:07d}", f"Besked {i} fra Randers Kommune.", key=f"bench:sms:{i}")
    print(json.dumps({"queue_seconds": time.perf_counter() - start}))


def _env(database_url: str, run_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "MAIL_BACKEND": "file",
        "EMAIL_FILE_PATH": str(run_dir / "mail"),
        "SMS_BACKEND": "file",
        "SMS_FILE_PATH": str(run_dir / "sms"),
        "OUTBOX_STUCK_AFTER_SECONDS": str(STUCK_SECONDS),
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }


def _manage(args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(  # noqa: S603 — our own manage.py, fixed arguments
        [sys.executable, str(ROOT / "manage.py"), *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def _workers(env: dict[str, str]) -> list[subprocess.Popen[bytes]]:
    return [
        _manage(["db_worker", "--no-startup-delay", "--no-reload", "--interval", "0.05"], env) for _ in range(WORKERS)
    ]


def _count_sent(env: dict[str, str]) -> int:
    """Straight from the database (a Django process per poll would cost a second each)."""
    url, query = env["DATABASE_URL"], "SELECT count(*) FROM notifications_outboxmail WHERE state = 'sent'"
    if url.startswith("sqlite:///"):
        import sqlite3

        with sqlite3.connect(url.removeprefix("sqlite:///"), timeout=30) as connection:
            return int(connection.execute(query).fetchone()[0])
    import psycopg

    with psycopg.connect(url) as connection:
        row = connection.execute(query).fetchone()
        return int(row[0]) if row else 0


def _delivered_keys(run_dir: Path) -> Counter[str]:
    keys: Counter[str] = Counter()
    for path in (run_dir / "mail").glob("*"):
        # Message-ID: <bench.mail.17@ressourcebank.test> (delivery._message_id)
        keys.update(f"bench:mail:{n}" for n in re.findall(r"<bench\.mail\.(\d+)@", path.read_text(errors="replace")))
    for path in (run_dir / "sms").glob("*"):
        match = re.search(r"^Reference: (bench:sms:\d+)$", path.read_text(), re.M)
        if match:
            keys[match.group(1)] += 1
    return keys


def _run(label: str, database_url: str) -> dict[str, object]:
    run_dir = WORK / label
    subprocess.run(["rm", "-rf", str(run_dir)], check=True)  # noqa: S603, S607 — our own scratch dir
    run_dir.mkdir(parents=True)
    env = _env(database_url, run_dir)
    subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"], env=env, check=True
    )
    queued = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "bench.outbox", "--queue"], env=env, capture_output=True, text=True, check=True, cwd=ROOT
    )
    queue_seconds = json.loads(queued.stdout.strip().splitlines()[-1])["queue_seconds"]

    start = time.perf_counter()
    workers = _workers(env)
    kills = 0
    try:
        while True:
            sent = _count_sent(env)
            if sent >= MESSAGES:
                break
            if kills < KILLS and sent >= MESSAGES * (kills + 1) // (KILLS + 1):
                for worker in workers:
                    worker.send_signal(signal.SIGKILL)
                    worker.wait(timeout=10)
                kills += 1
                workers = _workers(env)
            if all(worker.poll() is not None for worker in workers):
                break
            if time.perf_counter() - start > 1800:
                break
            time.sleep(0.5)
            # The jobs of the killed workers' rows stay RUNNING; their rows wait in "sending" for
            # deliver_due_mail, as in production (run_schedule runs it every 2 minutes).
            if kills and sent == _count_sent(env):
                subprocess.run(  # noqa: S603
                    [sys.executable, str(ROOT / "manage.py"), "deliver_due_mail"],
                    env=env,
                    capture_output=True,
                    check=True,
                )
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
        for worker in workers:
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()
    time.sleep(STUCK_SECONDS + 1)
    subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), "deliver_due_mail"], env=env, capture_output=True, check=True
    )
    drain_seconds = time.perf_counter() - start
    keys = _delivered_keys(run_dir)
    expected = {f"bench:mail:{i}" for i in range(MESSAGES) if i % 10 < 7} | {
        f"bench:sms:{i}" for i in range(MESSAGES) if i % 10 >= 7
    }
    return {
        "database": label,
        "messages": MESSAGES,
        "workers": WORKERS,
        "kills": kills,
        "queue_s": round(queue_seconds, 1),
        "drain_s": round(drain_seconds, 1),
        "per_s": round(MESSAGES / drain_seconds, 1),
        "lost": len(expected - set(keys)),
        "doubled": sum(1 for count in keys.values() if count > 1),
        "sent_rows": _count_sent(env),
    }


def _postgres_database() -> str | None:
    try:
        import psycopg

        with psycopg.connect(PG_SERVER, autocommit=True, connect_timeout=3) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
            connection.execute(f"CREATE DATABASE {PG_DATABASE}")
    except Exception as error:  # noqa: BLE001 — no server: the PostgreSQL run is skipped
        print(f"PostgreSQL skipped: {error}")
        return None
    return PG_SERVER.rsplit("/", 1)[0] + "/" + PG_DATABASE


def main() -> None:
    print(f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"load average before: {os.getloadavg()}")
    runs = [("sqlite", f"sqlite:///{WORK / 'outbox.sqlite3'}")]
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / "outbox.sqlite3").unlink(missing_ok=True)
    if only := os.environ.get("BENCH_OUTBOX_DATABASES"):
        runs = [run for run in runs if run[0] in only]
    if not os.environ.get("BENCH_OUTBOX_DATABASES") or "postgresql" in os.environ["BENCH_OUTBOX_DATABASES"]:
        url = _postgres_database()
        if url:
            runs.append(("postgresql", url))
    failed = False
    for label, url in runs:
        result = _run(label, url)
        print(json.dumps(result), flush=True)
        failed |= bool(result["lost"]) or result["sent_rows"] != MESSAGES
    print(f"load average after: {os.getloadavg()}")
    if failed:
        raise SystemExit("messages were lost")


if __name__ == "__main__":
    if "--queue" in sys.argv:
        _queue_child()
    else:
        main()
