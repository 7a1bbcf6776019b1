"""Access log benchmark: `verify_access_log` over BENCH_ACCESSLOG_ROWS entries (default 1,000,000;
goal ≤ 30 s), and what one audit write costs with the chain (record(): lock the head, insert, move
the head).

`BENCH_ONLY=accesslog make bench` (or `python -m bench.accesslog`). For each database, in a fresh
process: the log is filled with generated entries chained as record() chains them (written in
batches with the triggers lifted, as a million record() calls would take long), then the check is
timed three times (median reported), then 2,000 record() calls one after the other. SQLite uses a
file under var/bench/, PostgreSQL a scratch database `rb_bench_accesslog` on BENCH_PG_URL (skipped
when the server does not answer). BENCH_ACCESSLOG_REUSE=1 keeps the filled logs of the last run.
"""

import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.postgres import fresh_database

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench"
ROWS = int(os.environ.get("BENCH_ACCESSLOG_ROWS", "1000000"))
WRITES = 2000
GOAL_SECONDS = 30
PG_SERVER = os.environ.get("BENCH_PG_URL", "postgres://root@127.0.0.1:5432/postgres")
PG_DATABASE = "rb_bench_accesslog"


def _child() -> None:
    import django

    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from ressourcebank.audit import chain, guards
    from ressourcebank.audit.models import AuditEvent, AuditHead, Verb

    call_command("migrate", verbosity=0)
    rng = random.Random(7)
    verbs = [Verb.READ] * 6 + [Verb.UPDATE, Verb.CREATE, Verb.API_WRITE, Verb.BREAK_GLASS_USE]
    targets = ["cases.case", "needs.need", "offers.offer", "accounts.user", "cases.note"]
    reasons = ["", "", "opfølgning på planen", "borgeren ringede", "møde med skolen"]
    started_at = datetime(2026, 1, 1, tzinfo=UTC)
    timings: dict[str, float] = {}

    head = AuditHead.objects.filter(pk=1).first()
    if os.environ.get("BENCH_ACCESSLOG_REUSE") == "1" and head is not None and head.seq >= ROWS:
        _measure(timings)  # a log filled by an earlier run (the fill takes minutes)
        return
    with guards.lifted(connection), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent")
        cursor.execute("DELETE FROM audit_audithead")
    started = time.perf_counter()
    previous, batch = chain.GENESIS, []
    with guards.lifted(connection):
        for seq in range(1, ROWS + 1):
            verb = rng.choice(verbs)
            event = AuditEvent(
                seq=seq,
                at=started_at + timedelta(seconds=seq * 3, microseconds=rng.randrange(1_000_000)),
                actor_id=rng.randrange(1, 500),
                actor_role=rng.choice(["coordinator", "staff", "admin", "citizen"]),
                actor_organisation="Randers Kommune",
                verb=verb,
                target_type=rng.choice(targets),
                target_id=str(rng.randrange(1, 200_000)),
                note=rng.choice(["", "", "plan", "husstand"]),
                reason=rng.choice(reasons),
                changes={"status": ["open", "closed"], "title": ["Før", "Efter"]} if verb == Verb.UPDATE else {},
            )
            event.hash = previous = chain.link(previous, event.content())
            batch.append(event)
            if len(batch) == 5000:
                with transaction.atomic():
                    AuditEvent._base_manager.bulk_create(batch)
                batch = []
        with transaction.atomic():
            AuditEvent._base_manager.bulk_create(batch)
            AuditHead.objects.create(pk=1, seq=ROWS, hash=previous)
    timings["fill (not part of the goal)"] = time.perf_counter() - started
    _measure(timings)


def _measure(timings: dict[str, float]) -> None:
    from django.db import connection

    from ressourcebank.accounts.models import User
    from ressourcebank.audit.models import Verb, record
    from ressourcebank.audit.verification import verify

    anchors = WORK / "accesslog-anchors.jsonl"
    anchors.unlink(missing_ok=True)
    runs, cpu = [], []
    for _ in range(3):
        started, started_cpu = time.perf_counter(), time.process_time()
        report = verify(anchors)
        runs.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        assert report.is_intact and report.entries >= ROWS, report  # noqa: S101
    timings["verify median"] = statistics.median(runs)
    timings["verify min"] = min(runs)
    timings["verify max"] = max(runs)
    # On a shared machine the wall time says more about the other processes than about the check;
    # the CPU time of this process (the database's own work excluded on PostgreSQL) is the floor.
    timings["verify CPU median"] = statistics.median(cpu)

    user = User.objects.create_user(email=f"bench{time.time_ns()}@example.dk", password=None, name="Bench")
    started = time.perf_counter()
    for n in range(WRITES):
        record(user, Verb.READ, user, note=str(n), reason="bench")
    timings["record() per write, ms"] = (time.perf_counter() - started) / WRITES * 1000
    # What any one-row write in its own transaction costs on the same machine at the same moment:
    # the chain's share is the difference.
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_plain_write (id integer PRIMARY KEY, note text)")
        cursor.execute("DELETE FROM bench_plain_write")
    started = time.perf_counter()
    for n in range(WRITES):
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO bench_plain_write (id, note) VALUES (%s, %s)", [n, str(n)])
    timings["plain one-row insert, ms"] = (time.perf_counter() - started) / WRITES * 1000
    timings["load average"] = os.getloadavg()[0]
    print(json.dumps(timings))


def _run(label: str, database_url: str) -> dict[str, float] | None:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "bench-" + "x" * 50}
    done = subprocess.run(
        [sys.executable, "-m", "bench.accesslog", "--child"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        print(f"  {label}: failed\n{done.stderr[-2000:]}")
        return None
    timings: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    for name, value in timings.items():
        unit = "" if "ms" in name or "load" in name else " s"
        print(f"  {label:<10} {name:<28} {value:8.2f}{unit}")
    return timings


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    print(
        f"Access log: {ROWS:,} entries, {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, load {os.getloadavg()[0]:.1f}"
    )
    sqlite_file = WORK / "accesslog.sqlite3"
    if os.environ.get("BENCH_ACCESSLOG_REUSE") != "1":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)
    results = {"sqlite": _run("sqlite", f"sqlite:///{sqlite_file}")}
    if os.environ.get("BENCH_ACCESSLOG_DATABASES", "sqlite,postgresql").count("postgresql"):
        reuse = os.environ.get("BENCH_ACCESSLOG_REUSE") == "1"
        pg_url = PG_SERVER.rsplit("/", 1)[0] + "/" + PG_DATABASE if reuse else fresh_database(PG_SERVER, PG_DATABASE)
        if pg_url:
            results["postgresql"] = _run("postgresql", pg_url)
    slow = [label for label, timings in results.items() if timings and timings["verify median"] > GOAL_SECONDS]
    if slow:
        print(f"  slower than the goal of {GOAL_SECONDS} s: {', '.join(slow)}")
    if any(timings is None for timings in results.values()):
        sys.exit(1)


if __name__ == "__main__":
    if sys.argv[1:] == ["--child"]:
        _child()
    else:
        main()
