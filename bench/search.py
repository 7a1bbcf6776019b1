"""Search benchmark: p50 and p95 of `search_offers` over a fixed mix of 200 queries (goal: p95 ≤ 30 ms
at 1M offers on both databases).

Run with `make bench` (or `python -m bench.search`). BENCH_SIZES (default 10000,100000, which with
generation takes a few minutes; add 1000000 for the goal, about 4 minutes to generate on SQLite and
10 on PostgreSQL) and BENCH_DATABASES (default sqlite,postgresql) choose what to measure. Data: one SQLite file per size
under var/bench/ and one PostgreSQL database per size (`<BENCH_PG_PREFIX><N>`, default
`bench_search_<N>`), made once with `manage.py generate_offers` and reused. Each measurement runs in a
fresh process: the mix once to warm up, then three times measured.

BENCH_PG_URL chooses the PostgreSQL server (its database part is ignored; default the shared test
server on 5432). The 1M goal is for a server configured as the README recommends, so measure it on
one of your own rather than retuning a shared one, e.g. a second instance on port 5433:
`BENCH_PG_URL=postgres://root@127.0.0.1:5433/postgres BENCH_SIZES=1000000 python -m bench.search`.
"""

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench"
PY = sys.executable
SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "10000,100000").split(",") if s.strip()]
DATABASES = [d.strip() for d in os.environ.get("BENCH_DATABASES", "sqlite,postgresql").split(",") if d.strip()]
PG_SERVER = os.environ.get("BENCH_PG_URL", "postgres://root@127.0.0.1:5432/test").rsplit("/", 1)[0]
# Databases are `<prefix><size>`: a prefix of one's own keeps parallel benchmark runs apart.
PG_PREFIX = os.environ.get("BENCH_PG_PREFIX", "bench_search_")
ROUNDS = 3

COMMON = ["hjælp", "gerne", "tid", "kaffe", "børn", "ældre", "dansk", "job", "mad", "gratis"]
RARE = ["ukrainsk", "depositum", "linkedin", "kemi", "pedel", "puslespil", "gartneri", "arv", "udtale", "minibus"]
PHRASES = [
    "hjælp til skat",
    "kørsel til lægen",
    "lektier i matematik",
    "strikke sokker",
    "hjælp med mitid",
    "gåtur om morgenen",
    "praktik på lager",
    "fleksjob i kantinen",
    "kaffe og en snak",
    "reparation af cykler",
    "mad til familier",
    "job med løntilskud",
    "samtalegruppe om sorg",
    "dansk for begyndere",
    "hjælp til flytning",
]
COMPOUNDS = [
    "lektiehjælp",
    "besøgsven",
    "besøgsvenner",
    "computerhjælp",
    "praktikplads",
    "strikkeklub",
    "havearbejde",
    "madpakker",
    "cykelreparation",
    "boligstøtte",
]
PREFIXES = ["besø", "strik", "lekti", "compu", "regns"]
FILTERS: list[dict] = [
    {},
    {"areas": ["assentoft"]},
    {"category": "besoegsven"},
    {"areas": ["randers-c", "vorup", "kristrup"]},
    {"provider": "forening"},
    {"remote": True},
    {"category": "it-hjaelp", "areas": ["langaa"]},
]


def query_mix() -> list[tuple[str, dict]]:
    """200 queries: every word and phrase alone, then again with filters, in a fixed order."""
    texts = COMMON + RARE + PHRASES + COMPOUNDS + PREFIXES  # 50
    mix: list[tuple[str, dict]] = [(q, {}) for q in texts]
    i = 0
    while len(mix) < 200:
        mix.append((texts[i % len(texts)], FILTERS[1 + i % (len(FILTERS) - 1)]))
        i += 1
    return mix


def env_for(database: str, size: int) -> dict[str, str]:
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    env["DJANGO_DEBUG"] = "0"
    env["DJANGO_SECRET_KEY"] = "bench-only-" + "x" * 40
    if database == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{WORK / f'search-{size}.sqlite3'}"
    else:
        env["DATABASE_URL"] = f"{PG_SERVER}/{PG_PREFIX}{size}"
    return env


def manage(env: dict[str, str], *args: str, capture: bool = False) -> str:
    result = subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=capture, text=True)
    return result.stdout if capture else ""


def ensure_data(database: str, size: int) -> float | None:
    """Generates what is missing; the seconds it took, or None when the data was there."""
    env = env_for(database, size)
    WORK.mkdir(parents=True, exist_ok=True)
    if database == "postgresql":
        name = f"{PG_PREFIX}{size}"
        exists = subprocess.run(
            ["psql", f"{PG_SERVER}/postgres", "-Atc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],  # noqa: S608
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        if not exists:
            subprocess.run(["psql", f"{PG_SERVER}/postgres", "-qc", f"CREATE DATABASE {name}"], check=True)
    manage(env, "migrate", "--noinput", "-v0", "--skip-checks")
    count = int(
        manage(
            env,
            "shell",
            "--no-imports",
            "-c",
            "from ressourcebank.offers.models import Offer; print(Offer.objects.count())",
            capture=True,
        ).split()[-1]
    )
    if count >= size:
        return None
    print(f"  genererer {size - count:,} tilbud ({database}) ...", file=sys.stderr, flush=True)
    started = time.monotonic()
    manage(env, "generate_offers", str(size - count), "--skip-checks")
    return time.monotonic() - started


def measure() -> dict:
    """Runs inside a process set up for one database: the mix once to warm up, then ROUNDS times."""
    import django

    django.setup()
    from bench.cpu import CpuClock
    from ressourcebank.search.query import search_offers

    mix = query_mix()
    for q, filters in mix:
        search_offers(q, **filters)
    clock = CpuClock()
    timings, cpu = [], []
    by_query: dict[str, list[float]] = {}
    for _ in range(ROUNDS):
        for q, filters in mix:
            started, cpu_started = time.perf_counter(), clock.now()
            search_offers(q, **filters)
            ms = (time.perf_counter() - started) * 1000
            cpu.append((clock.now() - cpu_started) * 1000)
            timings.append(ms)
            by_query.setdefault(f"{q} {json.dumps(filters, ensure_ascii=False)}", []).append(ms)
    timings.sort()
    cpu.sort()
    slowest = sorted(by_query.items(), key=lambda kv: -statistics.median(kv[1]))[:5]
    return {
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 2),
        "max_ms": round(timings[-1], 2),
        # CPU per query (this process and, on PostgreSQL here, its server process): what an idle
        # machine would take, and what the load does not move (bench/cpu.py).
        "cpu_p50_ms": round(statistics.median(cpu), 2),
        "cpu_p95_ms": round(cpu[int(len(cpu) * 0.95) - 1], 2),
        "cpu_includes_server": clock.sees_server,
        "slowest": [(k, round(statistics.median(v), 1)) for k, v in slowest],
    }


def main() -> list[dict]:
    print(f"Søgning: {platform.machine()}, {os.cpu_count()} CPU'er, Python {platform.python_version()}")
    # Other work on the machine inflates every figure: say how busy it was.
    print("  belastning (1, 5, 15 min) før: " + ", ".join(f"{x:.2f}" for x in os.getloadavg()), flush=True)
    results = []
    for size in SIZES:
        for database in DATABASES:
            generated = ensure_data(database, size)
            out = subprocess.run(
                [PY, "-m", "bench.search", "--measure"],
                cwd=ROOT,
                env=env_for(database, size),
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            result = {"database": database, "offers": size, **json.loads(out.strip().splitlines()[-1])}
            if generated is not None:
                result["generated_in_s"] = round(generated, 1)
            results.append(result)
            made = f"  (genereret på {generated:.0f} s)" if generated is not None else ""
            print(
                f"  {database:10} {size:>9,} tilbud  p50 {result['p50_ms']:6.2f} ms  p95 {result['p95_ms']:6.2f} ms"
                f"  max {result['max_ms']:6.1f} ms  CPU p50 {result['cpu_p50_ms']:6.2f} ms"
                f"  p95 {result['cpu_p95_ms']:6.2f} ms{made}",
                flush=True,
            )
            print(f"     langsomste: {result['slowest']}", flush=True)
    print("  belastning (1, 5, 15 min) efter: " + ", ".join(f"{x:.2f}" for x in os.getloadavg()), flush=True)
    return results


if __name__ == "__main__":
    if "--measure" in sys.argv:
        print(json.dumps(measure(), ensure_ascii=False))
    else:
        main()
