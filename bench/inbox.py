"""Staff inbox benchmark (issue 12): /staff/henvendelser/ with BENCH_INBOX_ROWS messages (default
100,000; goal p95 ≤ 100 ms), in-process through Django's test client with a logged-in staff member
who passed the second factor.

`BENCH_ONLY=inbox make bench` (or `python -m bench.inbox`). For each database, in a fresh process:
two teams, 100k inquiries (each with its first message) spread over a year, about one in ten still
open; then 200 timed requests each of the team's open queue (page 1 and a deep page), the shared
queue and one message's page. SQLite uses a file under var/bench/, PostgreSQL a scratch database
`rb_bench_inbox` on BENCH_PG_URL (skipped when the server does not answer).
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

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench"
ROWS = int(os.environ.get("BENCH_INBOX_ROWS", "100000"))
REQUESTS = 200
GOAL_MS = 100
PG_SERVER = os.environ.get("BENCH_PG_URL", "postgres://root@127.0.0.1:5432/postgres")
PG_DATABASE = "rb_bench_inbox"


def _child() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import transaction
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from ressourcebank.accounts.models import User
    from ressourcebank.inbox.models import Inquiry, Message, Team, Topic

    call_command("migrate", verbosity=0)
    rng = random.Random(12)
    Message.objects.all().delete()
    Inquiry.objects.all().delete()
    Team.objects.all().delete()
    staff, _created = User.objects.get_or_create(
        email="bench-staff@example.dk", defaults={"name": "Bench Staff", "role": User.Role.STAFF}
    )
    teams = []
    for slug, name in (("borgerservice", "Borgerservice"), ("job-og-familie", "Job og familie")):
        team = Team.objects.create(
            name=name, slug=slug, answer_days=3, email=f"{slug}@x.test", phone="89 15 15 15", phone_hours="9–10"
        )
        teams.append(team)
    teams[0].members.add(staff)
    topics = list(Topic.objects.all())
    statuses = ["closed"] * 6 + ["answered"] * 3 + ["new", "open"]
    start = datetime(2026, 1, 1, tzinfo=UTC)
    started = time.perf_counter()
    batch: list[Inquiry] = []

    def flush() -> None:
        with transaction.atomic():
            created = Inquiry.objects.bulk_create(batch)
            Message.objects.bulk_create(
                Message(inquiry=i, kind="citizen", body="Jeg har et spørgsmål om min sag.", created_at=i.received_at)
                for i in created
            )
        batch.clear()

    for n in range(ROWS):
        received = start + timedelta(minutes=5 * n % (60 * 24 * 330))
        status = rng.choice(statuses)
        batch.append(
            Inquiry(
                reference=f"H-{n:09d}",
                topic=rng.choice(topics),
                team=rng.choice([teams[0], teams[1], teams[1], None]),
                email=f"borger{n}@example.dk",
                answer_by="email",
                status=status,
                received_at=received,
                due_on=(received + timedelta(days=rng.randrange(2, 8))).date(),
                first_answered_at=received + timedelta(days=2) if status in ("answered", "closed") else None,
            )
        )
        if len(batch) == 5000:
            flush()
    if batch:
        flush()
    fill_seconds = time.perf_counter() - started
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh statistics, as a live database has them

    client = Client(HTTP_HOST="localhost")
    client.force_login(staff)
    device = TOTPDevice.objects.filter(user=staff).first() or TOTPDevice.objects.create(
        user=staff, name="Bench", confirmed=True
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    one = Inquiry.objects.filter(team=teams[0], status="open").first()
    if one is None:
        raise SystemExit("no open message to open")
    urls = {
        "team queue, page 1": "/staff/henvendelser/?team=borgerservice&status=aabne",
        "team queue, page 50": "/staff/henvendelser/?team=borgerservice&status=aabne&side=50",
        "answered, page 1": "/staff/henvendelser/?team=borgerservice&status=besvarede",
        "shared queue": "/staff/henvendelser/?team=ikke-fordelt&status=aabne",
        "one message": f"/staff/henvendelser/{one.pk}/",
    }
    results = {}
    for name, url in urls.items():
        if client.get(url).status_code != 200:  # warm up, and it must answer
            raise SystemExit(f"{url} did not answer 200")
        times = []
        for _ in range(REQUESTS):
            t0 = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
        times.sort()
        results[name] = {
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
        }
    print(json.dumps({"rows": ROWS, "fill_seconds": round(fill_seconds, 1), "results": results}))


def _run(label: str, database_url: str) -> dict[str, object] | None:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_SECRET_KEY": "bench-" + "x" * 50,
    }
    done = subprocess.run(
        [sys.executable, "-m", "bench.inbox", "--child"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        print(f"{label}: fejlede\n{done.stderr[-3000:]}", file=sys.stderr)
        return None
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _postgres_url() -> str | None:
    try:
        import psycopg

        with psycopg.connect(PG_SERVER, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
            connection.execute(f"CREATE DATABASE {PG_DATABASE}")
    except Exception as error:  # noqa: BLE001 - no server: the PostgreSQL run is skipped
        print(f"PostgreSQL springes over: {error}", file=sys.stderr)
        return None
    return PG_SERVER.rsplit("/", 1)[0] + "/" + PG_DATABASE


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    print(f"machine: {platform.machine()} {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}", flush=True)
    sqlite_file = WORK / "inbox.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)
    # DEBUG off, as in production: the pages read the static files' manifest.
    static_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "DJANGO_DEBUG": "0"}
    static_env["DJANGO_SECRET_KEY"] = "bench-" + "x" * 50
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=static_env, check=True
    )
    runs = {"sqlite": f"sqlite:///{sqlite_file}"}
    if "postgresql" in os.environ.get("BENCH_INBOX_DATABASES", "sqlite,postgresql") and (url := _postgres_url()):
        runs["postgresql"] = url
    failed = False
    for label, url in runs.items():
        result = _run(label, url)
        if result is None:
            failed = True
            continue
        print(f"{label}: {result['rows']} henvendelser (fyldt på {result['fill_seconds']} s)")
        for name, figures in result["results"].items():  # type: ignore[attr-defined]
            mark = "ok" if figures["p95_ms"] <= GOAL_MS else f"OVER {GOAL_MS} ms"
            print(f"  {name:<22} median {figures['median_ms']:>6} ms  p95 {figures['p95_ms']:>6} ms  {mark}")
    print(f"load after: {os.getloadavg()[0]:.2f}")
    if failed:
        raise SystemExit(1)


if __name__ == "__main__":
    if "--child" in sys.argv:
        _child()
    else:
        main()
