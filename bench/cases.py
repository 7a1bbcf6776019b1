"""The tovholder's pages at the size of a busy team (issue 11): 200 cases held by one coordinator,
2,000 plan items (10 per case) and 20,000 entries in the access log (100 per case, plus every other
case's), then the overview and case pages asked through Django's test client in one process.

The overview shows the early signals (cases.early_signals, computed on read): every case's citizen
has consented to them, and each case has a need with an accepted connection, three messages and
hours, so each kind of signal is found and the overview computes them over all 200 cases.

`BENCH_ONLY=cases make bench`. BENCH_CASES_DATABASE=postgresql runs it on PostgreSQL
(`BENCH_PG_SERVER`, default postgres://root@127.0.0.1:5432). Prints p50/p95/max in ms and the
number of queries of each page, which must not grow with the data. Target: p95 ≤ 100 ms.
"""

import os
import random
import statistics
import subprocess
import sys
import time
from typing import Any

from bench.search import ROOT, WORK

CASES = 200
ACTIONS_PER_CASE = 10
LOG_ENTRIES = 20_000
ROUNDS = {"overview": 40, "case": 200}
TARGET_P95_MS = 100.0
DATABASE = os.environ.get("BENCH_CASES_DATABASE", "sqlite")
PG_SERVER = os.environ.get("BENCH_PG_SERVER", "postgres://root@127.0.0.1:5432")
EMAIL = "bench-tovholder@example.dk"


def configure() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ["DJANGO_SECURE_SSL_REDIRECT"] = "0"
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-" + "x" * 40)
    WORK.mkdir(parents=True, exist_ok=True)
    if DATABASE == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'cases.sqlite3'}"
    else:
        name = "bench_cases"
        exists = subprocess.run(
            ["psql", f"{PG_SERVER}/postgres", "-Atc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],  # noqa: S608
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        if not exists:
            subprocess.run(["psql", f"{PG_SERVER}/postgres", "-qc", f"CREATE DATABASE {name}"], check=True)
        os.environ["DATABASE_URL"] = f"{PG_SERVER}/{name}"
    sys.path.insert(0, str(ROOT))


def ensure_data() -> Any:
    """The coordinator and their cases, made once and reused (bulk inserts: the data, not the actions,
    are what is measured here)."""
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from ressourcebank.accounts.models import User
    from ressourcebank.audit.models import Verb, record
    from ressourcebank.cases.models import (
        Agency,
        AgencyKind,
        Case,
        Consent,
        HouseholdMember,
        PlanAction,
        PlanGoal,
    )

    call_command("migrate", "--noinput", "-v0", "--skip-checks")
    call_command("collectstatic", "--noinput", "-v0")  # DEBUG off serves from the manifest
    user = User.objects.filter(email=EMAIL).first()
    if user is None:
        user = User.objects.create_user(email=EMAIL, password=None, name="Bente Tovholder", role="coordinator")
    if Case.objects.filter(tovholder=user).count() >= CASES:
        ensure_signal_data(user)
        return user
    started = time.monotonic()
    today = timezone.localdate()
    kind = AgencyKind.objects.first()
    rng = random.Random(11)
    for number in range(CASES):
        case = Case.objects.create(title=f"Familien {number:03d}", kind="household", tovholder=user, opened_by=user)
        me = HouseholdMember.objects.create(case=case, name=f"Borger {number}", relation="self", age_group="18-64")
        HouseholdMember.objects.create(case=case, name=f"Barn {number}", relation="child", age_group="0-14")
        agency = Agency.objects.create(case=case, kind=kind, name="Skolen", contact_person="Lene", phone="89150000")
        goals = [PlanGoal.objects.create(case=case, title=f"Mål {g}") for g in range(2)]
        PlanAction.objects.bulk_create(
            PlanAction(
                case=case,
                goal=goals[a % 2],
                title=f"Handling {a}",
                owner_kind="agency" if a % 3 == 0 else "citizen",
                owner_agency=agency if a % 3 == 0 else None,
                due_on=today.replace(day=1) if a % 4 == 0 else None,
                status=rng.choice(["not_started", "in_progress", "done"]),
            )
            for a in range(ACTIONS_PER_CASE)
        )
        Consent.objects.create(
            case=case, member=me, purpose="share_with_volunteer", text_version="2026-1", method="oral", recorded_by=user
        )
        with transaction.atomic():  # the log takes rows one at a time, through record()
            for _ in range(LOG_ENTRIES // CASES):
                record(user, Verb.READ, case, note="forløb", reason="tovholder for forløbet")
    ensure_signal_data(user)
    print(f"  data lavet på {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
    return user


def ensure_signal_data(user: Any) -> None:
    """Consent to early signals, a need, an accepted connection with messages and hours per case
    (added to an existing bench database too, once)."""
    from django.db import transaction

    from ressourcebank.cases.models import Consent

    if Consent.objects.filter(case__tovholder=user, purpose="early_signals").exists():
        return
    with transaction.atomic():
        _make_signal_data(user)


def _make_signal_data(user: Any) -> None:
    from datetime import timedelta
    from decimal import Decimal

    from django.utils import timezone

    from ressourcebank.cases.models import Case, CaseNeed, Consent, HouseholdMember
    from ressourcebank.connections.models import Connection, HoursEntry, Message
    from ressourcebank.needs.models import Need
    from ressourcebank.offers.models import Offer
    from ressourcebank.taxonomy.models import Area, Category

    now = timezone.now()
    area, category = Area.objects.get(slug="assentoft"), Category.objects.get(slug="besoegsven")
    helper = type(user).objects.filter(email="bench-frivillig@example.dk").first() or type(user).objects.create_user(
        email="bench-frivillig@example.dk", password=None, name="Frida Frivillig"
    )
    for number, case in enumerate(Case.objects.filter(tovholder=user).order_by("pk")):
        # One offer per case: a requester has one open connection per offer.
        offer = Offer.objects.create(
            title=f"Besøgsven {number}",
            description="Kaffe og en snak.",
            category=category,
            area=area,
            owner=helper,
            provider="borger",
            status=Offer.Status.PUBLISHED,
            published_at=now,
        )
        me = HouseholdMember.objects.get(case=case, relation="self")
        Consent.objects.create(
            case=case, member=me, purpose="early_signals", text_version="2026-1", method="oral", recorded_by=user
        )
        need = Need.objects.create(
            description=f"Behov {number}", area=area, category=category, coordinator=user, citizen_name=me.name
        )
        CaseNeed.objects.create(case=case, need=need, member=me)
        connection = Connection.objects.create(
            offer=offer, need=need, requester=user, state="accepted", created_at=now - timedelta(days=40)
        )
        for days in (35, 30, 20 if number % 2 else 3):
            Message.objects.create(
                connection=connection, author=helper, body="Hej", created_at=now - timedelta(days=days)
            )
        HoursEntry.objects.create(
            connection=connection, given_on=(now - timedelta(days=25 if number % 3 else 2)).date(), hours=Decimal(2)
        )


def client_for(user: Any) -> Any:
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user).first() or TOTPDevice.objects.create(
        user=user, name="Bench", confirmed=True
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def timed(client: Any, paths: list[str]) -> tuple[list[float], list[float], int]:
    """Wall time and this process's CPU time per request (the CPU time holds when the shared
    machine is loaded; SQLite runs in the process, so its work is in it too)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, cpu, queries = [], [], 0
    for path in paths:
        with CaptureQueriesContext(connection) as captured:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{path}: {response.status_code}")
        queries = max(queries, len(captured))
    return timings, cpu, queries


def main() -> None:
    configure()
    import django

    django.setup()
    from ressourcebank.cases.models import Case

    user = ensure_data()
    client = client_for(user)
    ids = list(Case.objects.filter(tovholder=user).values_list("pk", flat=True))
    rng = random.Random(5)
    pages = {
        "overview": ["/forloeb/"] * ROUNDS["overview"],
        "case": [f"/forloeb/{rng.choice(ids)}/" for _ in range(ROUNDS["case"])],
    }
    from ressourcebank.audit.models import AuditEvent
    from ressourcebank.cases.early_signals import signals_for
    from ressourcebank.cases.models import PlanAction

    signals = signals_for(list(Case.objects.filter(tovholder=user).open()))
    print(
        f"  {DATABASE}: {len(ids)} forløb, {PlanAction.objects.count():,} handlinger, "
        f"{AuditEvent.objects.count():,} loghændelser, {len(signals)} tidlige tegn; load {os.getloadavg()[0]:.2f}"
    )
    failed = False
    for name, paths in pages.items():
        timed(client, paths[:5])  # warm up
        timings, cpu, queries = timed(client, paths)
        timings.sort()
        cpu.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(
            f"  {name:9} p50 {statistics.median(timings):6.1f} ms  p95 {p95:6.1f} ms  "
            f"max {timings[-1]:6.1f} ms  CPU p50 {statistics.median(cpu):5.1f} ms p95 "
            f"{cpu[int(len(cpu) * 0.95) - 1]:5.1f} ms  queries {queries}  (n={len(timings)})"
        )
        failed |= p95 > TARGET_P95_MS
    if failed:
        print(f"  over målet: p95 ≤ {TARGET_P95_MS:.0f} ms", file=sys.stderr)


if __name__ == "__main__":
    main()
