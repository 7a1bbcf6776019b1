"""Fællesskaber benchmark (issue 14): /faellesskaber/ with BENCH_ACTIVITY_ROWS dates (default
100,000; goal p95 ≤ 100 ms), in-process through Django's test client, as a visitor who is not
logged in.

`BENCH_ONLY=activities make bench` (or `python -m bench.activities`). For each database, in a fresh
process: 2,000 activities in every area and category (a fifth weekly, others every other week or
monthly, some with sign-up and a few pending), their dates a year around today (ROWS in all), one
in fifty cancelled; then 200 timed requests of the list unfiltered, by area, area and label,
category on page 5, one day, a date's page and the API's list. SQLite uses a file under var/bench/,
PostgreSQL a scratch database `rb_bench_activities` on BENCH_PG_URL (skipped when the server does
not answer).
"""

import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from datetime import time as time_of
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench"
ROWS = int(os.environ.get("BENCH_ACTIVITY_ROWS", "100000"))
ACTIVITIES = 2000
REQUESTS = 200
GOAL_MS = 100
PG_SERVER = os.environ.get("BENCH_PG_URL", "postgres://root@127.0.0.1:5432/postgres")
PG_DATABASE = "rb_bench_activities"


def _child() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.utils import timezone

    from ressourcebank.activities import knowledge
    from ressourcebank.activities.models import Activity, Occurrence, join_slugs
    from ressourcebank.activities.recurrence import Recurrence, times_of
    from ressourcebank.taxonomy.models import Area, Category

    call_command("migrate", verbosity=0)
    rng = random.Random(14)
    Occurrence.objects.all().delete()
    Activity.objects.all().delete()
    areas = list(Area.objects.all())
    categories = list(Category.objects.active())
    labels = list(knowledge.labels())
    features = list(knowledge.accessibility_features())
    today = timezone.localdate()
    started = time.perf_counter()
    activities = []
    for n in range(ACTIVITIES):
        needs_signup = n % 3 == 0
        activities.append(
            Activity(
                title=f"Aktivitet {n}: {rng.choice(['Kor', 'Strikkecafé', 'Gåtur', 'Fællesspisning', 'Brætspil'])}",
                description="Vi mødes og hygger os. Alle er velkomne.",
                category=rng.choice(categories),
                area=rng.choice(areas),
                place="Forsamlingshuset",
                cost_text=rng.choice(["", "", "20 kr."]),
                label_slugs=join_slugs(sorted(rng.sample(labels, rng.randrange(0, 3)), key=labels.index)),
                accessibility_slugs=join_slugs(sorted(rng.sample(features, rng.randrange(0, 3)), key=features.index)),
                recurrence=rng.choice([Recurrence.WEEKLY, Recurrence.FORTNIGHTLY, Recurrence.MONTHLY]),
                starts_on=today - timedelta(days=180),
                start_time=rng.choice([time_of(10), time_of(14), time_of(19)]),
                end_time=time_of(21, 30),
                needs_signup=needs_signup,
                capacity=rng.choice([10, 20, 40]) if needs_signup else None,
                organiser="forening",
                status="pending" if n % 50 == 0 else "published",
                published_at=timezone.now(),
            )
        )
    with transaction.atomic():
        Activity.objects.bulk_create(activities, batch_size=1000)
    per_activity = ROWS // ACTIVITIES
    batch: list[Occurrence] = []
    created = 0
    for activity in Activity.objects.all().order_by("pk"):
        for i in range(per_activity):
            day = today - timedelta(days=180) + timedelta(days=i * 365 // per_activity + activity.pk % 7)
            starts_at, ends_at = times_of(day, activity.start_time, activity.end_time)
            batch.append(
                Occurrence(
                    activity=activity,
                    area_id=activity.area_id,
                    category_id=activity.category_id,
                    series_starts_at=starts_at,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    capacity=activity.capacity,
                    taken=min(activity.capacity or 0, rng.randrange(0, 12)),
                    cancelled_at=timezone.now() if rng.random() < 0.02 else None,
                )
            )
        if len(batch) >= 5000:
            with transaction.atomic():
                Occurrence.objects.bulk_create(batch)
            created += len(batch)
            batch.clear()
    if batch:
        Occurrence.objects.bulk_create(batch)
        created += len(batch)
    fill_seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh statistics, as a live database has them

    client = Client(HTTP_HOST="localhost")
    one = Occurrence.objects.listed().upcoming().filter(activity__needs_signup=True).first()
    if one is None:
        raise SystemExit("no date to open")
    one_day = (today + timedelta(days=10)).isoformat()
    urls = {
        "list, page 1": "/faellesskaber/",
        "area": "/faellesskaber/?omraade=assentoft",
        "area + label": "/faellesskaber/?omraade=assentoft&maerke=boern-velkomne",
        "category, page 5": "/faellesskaber/?kategori=motion&page=5",
        "one day": f"/faellesskaber/?dag={one_day}",
        "area + day + label": f"/faellesskaber/?omraade=langaa&dag={one_day}&maerke=ingen-tilmelding",
        "one date": f"/faellesskaber/gang/{one.pk}/",
        "API, area": "/api/v1/activities?area=assentoft",
    }
    results = {}
    for name, url in urls.items():
        if client.get(url).status_code != 200:  # warm up, and it must answer
            raise SystemExit(f"{url} did not answer 200")
        times, cpu = [], []
        for _ in range(REQUESTS):
            t0, c0 = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
        times.sort()
        results[name] = {
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
            # The machine is shared: the process's own CPU time says what a request costs when the
            # wall time mostly waits for a core.
            "cpu_median_ms": round(statistics.median(cpu), 1),
        }
    print(
        json.dumps(
            {"rows": created, "activities": ACTIVITIES, "fill_seconds": round(fill_seconds, 1), "results": results}
        )
    )


def _run(label: str, database_url: str) -> dict[str, object] | None:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_SECRET_KEY": "bench-" + "x" * 50,
    }
    done = subprocess.run(
        [sys.executable, "-m", "bench.activities", "--child"], cwd=ROOT, env=env, capture_output=True, text=True
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
    sqlite_file = WORK / "activities.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)
    # DEBUG off, as in production: the pages read the static files' manifest.
    static_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "DJANGO_DEBUG": "0"}
    static_env["DJANGO_SECRET_KEY"] = "bench-" + "x" * 50
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=static_env, check=True
    )
    runs = {"sqlite": f"sqlite:///{sqlite_file}"}
    if "postgresql" in os.environ.get("BENCH_ACTIVITY_DATABASES", "sqlite,postgresql") and (url := _postgres_url()):
        runs["postgresql"] = url
    failed = False
    for label, url in runs.items():
        result = _run(label, url)
        if result is None:
            failed = True
            continue
        print(
            f"{label}: {result['rows']} gange af {result['activities']} aktiviteter"
            f" (fyldt på {result['fill_seconds']} s)"
        )
        for name, figures in result["results"].items():  # type: ignore[attr-defined]
            mark = "ok" if figures["p95_ms"] <= GOAL_MS else f"OVER {GOAL_MS} ms"
            print(
                f"  {name:<22} median {figures['median_ms']:>6} ms  p95 {figures['p95_ms']:>6} ms"
                f"  CPU {figures['cpu_median_ms']:>5} ms  {mark}"
            )
    print(f"load after: {os.getloadavg()[0]:.2f}")
    if failed:
        raise SystemExit(1)


if __name__ == "__main__":
    if "--child" in sys.argv:
        _child()
    else:
        main()
