"""Matching benchmark: quality on the labelled Danish development set, and the time of one match.

Quality: bench/matching_devset/ holds 200 offers and 44 needs written the way people write, with a
graded judgement (0-3) of offers for each need. The set is loaded into a fresh SQLite database
(a temporary file, migrated), then `suggest_offers` and a plain baseline rank the offers for every
need in the same run:
- nDCG@5 with gains 2^grade - 1 over the judged offers (unjudged = 0);
- recall@10: the share of a need's good offers (grade >= 2) among its first ten suggestions.
Needs with no good offer at all are left out of both means (they are there to see that nothing
silly is suggested; their count is printed).
The baseline is full-text search without stemming, compounds, synonyms or categories: offers ranked
by how many of the need's words (stop words out) occur as whole words in their title or
description, newest first on ties.

Speed: p50/p95 of one `suggest_offers` call for each need text over the generated search
benchmark data (var/bench/search-<N>.sqlite3, and the PostgreSQL database bench_search_<N> when it
exists), at the largest size present (1M, else 100k). Each in its own process; one warm-up round,
then three measured rounds.

Run with `make bench` (all benchmarks) or `python -m bench.matching`. MATCH_BENCH_TIMING=0 skips
the timing.
"""

import json
import math
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEVSET = Path(__file__).resolve().parent / "matching_devset"
WORK = ROOT / "var" / "bench"
PY = sys.executable
PG_SERVER = os.environ.get("BENCH_PG_URL", "postgres://root@127.0.0.1:5432/test").rsplit("/", 1)[0]
SIZES = (1_000_000, 100_000)
ROUNDS = 3
GOOD = 2


def load_jsonl(name: str) -> list[dict[str, Any]]:
    with (DEVSET / name).open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


# --- Metrics ----------------------------------------------------------------------------------------


def ndcg_at(ranked: list[str], relevance: dict[str, int], k: int = 5) -> float:
    def dcg(grades: list[int]) -> float:
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades[:k]))

    ideal = dcg(sorted(relevance.values(), reverse=True))
    return dcg([relevance.get(key, 0) for key in ranked]) / ideal if ideal > 0 else 0.0


def recall_at(ranked: list[str], relevance: dict[str, int], k: int = 10) -> float:
    good = {key for key, grade in relevance.items() if grade >= GOOD}
    return len(good & set(ranked[:k])) / len(good) if good else 0.0


# --- The baseline -----------------------------------------------------------------------------------

_WORD = re.compile(r"\w+")


def baseline_rank(text: str, offers: list[dict[str, Any]], stop_words: frozenset[str], k: int = 10) -> list[str]:
    words = {w for w in _WORD.findall(text.lower()) if w not in stop_words}
    scored = []
    for offer in offers:
        offer_words = set(_WORD.findall(f"{offer['title']} {offer['description']}".lower()))
        overlap = len(words & offer_words)
        if overlap:
            scored.append((-overlap, offer["published_days_ago"], offer["key"]))
    return [key for *_rest, key in sorted(scored)[:k]]


# --- Quality, inside a process on a fresh database ------------------------------------------------


def evaluate() -> dict[str, Any]:
    import django

    django.setup()
    from datetime import timedelta

    from django.utils import timezone

    from ressourcebank.matching.ranking import suggest_offers
    from ressourcebank.offers.models import Offer
    from ressourcebank.search.analysis import STOP_WORDS
    from ressourcebank.search.index import rebuild_index
    from ressourcebank.search.query import search_offers
    from ressourcebank.taxonomy.models import Area, Category

    offers = load_jsonl("offers.jsonl")
    needs = load_jsonl("needs.jsonl")
    categories = {c.slug: c for c in Category.objects.all()}
    areas = {a.slug: a for a in Area.objects.all()}
    now = timezone.now()
    key_of: dict[int, str] = {}
    for item in offers:
        offer = Offer.objects.create(
            key=item["key"],
            title=item["title"],
            description=item["description"],
            category=categories[item["category"]],
            area=areas[item["area"]],
            provider=item["provider"],
            capacity_kind=item["capacity_kind"],
            capacity_amount=item["capacity_amount"],
            is_remote=item["is_remote"],
            status=Offer.Status.PUBLISHED,
            published_at=now - timedelta(days=item["published_days_ago"]),
        )
        key_of[offer.pk] = item["key"]
    rebuild_index()

    systems: dict[str, dict[str, list[float]]] = {
        name: {"ndcg5": [], "recall10": []} for name in ("matching", "baseline", "search")
    }
    per_need = []
    timings = []
    for need in needs:
        text = f"{need['title']} {need['description']}".strip()
        started = time.perf_counter()
        suggestions = suggest_offers(need["title"], need["description"], areas[need["area"]], limit=10)
        timings.append((time.perf_counter() - started) * 1000)
        rankings = {
            "matching": [s.offer.key or "" for s in suggestions],
            "baseline": baseline_rank(text, offers, STOP_WORDS),
            "search": [key_of[pk] for pk in search_offers(text, limit=10).ids if pk in key_of],
        }
        relevance = need["relevance"]
        if not any(grade >= GOOD for grade in relevance.values()):
            per_need.append({"need": need["key"], "no_good_match": True, "matching": rankings["matching"][:3]})
            continue
        row: dict[str, Any] = {"need": need["key"]}
        for name, ranked in rankings.items():
            systems[name]["ndcg5"].append(ndcg_at(ranked, relevance))
            systems[name]["recall10"].append(recall_at(ranked, relevance))
            row[name] = round(ndcg_at(ranked, relevance), 3)
        row["top3"] = rankings["matching"][:3]
        per_need.append(row)
    timings.sort()
    return {
        "offers": len(offers),
        "needs": len(needs),
        "judged_needs": len(systems["matching"]["ndcg5"]),
        "no_good_match_needs": len(needs) - len(systems["matching"]["ndcg5"]),
        **{
            f"{name}_{metric}": round(statistics.mean(values), 3)
            for name, metrics in systems.items()
            for metric, values in metrics.items()
        },
        "devset_p50_ms": round(statistics.median(timings), 2),
        "per_need": per_need,
    }


# --- Speed, inside a process on the generated search data ----------------------------------------


def measure() -> dict[str, Any]:
    import django

    django.setup()
    from ressourcebank.matching.ranking import suggest_offers
    from ressourcebank.offers.models import Offer
    from ressourcebank.taxonomy.models import Area

    areas = {a.slug: a for a in Area.objects.all()}
    needs = load_jsonl("needs.jsonl")
    for need in needs:
        suggest_offers(need["title"], need["description"], areas[need["area"]])
    timings = []
    for _ in range(ROUNDS):
        for need in needs:
            started = time.perf_counter()
            suggest_offers(need["title"], need["description"], areas[need["area"]])
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "offers": Offer.objects.count(),
        "load_average": round(os.getloadavg()[0], 1),
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 2),
        "max_ms": round(timings[-1], 2),
    }


def _env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="bench-only-" + "x" * 40,
        DATABASE_URL=database_url,
    )
    return env


def _run(flag: str, database_url: str) -> dict[str, Any]:
    out = subprocess.run(
        [PY, "-m", "bench.matching", flag], cwd=ROOT, env=_env(database_url), check=True, capture_output=True, text=True
    ).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def _pg_exists(name: str) -> bool:
    try:
        found = subprocess.run(
            ["psql", f"{PG_SERVER}/postgres", "-Atc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],  # noqa: S608
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return False
    return found == "1"


def timing_targets() -> list[tuple[str, str]]:
    targets = []
    for size in SIZES:
        path = WORK / f"search-{size}.sqlite3"
        if path.exists():
            targets.append(("sqlite", f"sqlite:///{path}"))
            break
    for size in SIZES:
        if _pg_exists(f"bench_search_{size}"):
            targets.append(("postgresql", f"{PG_SERVER}/bench_search_{size}"))
            break
    return targets


def main() -> dict[str, Any]:
    print(f"Matchning: {platform.machine()}, {os.cpu_count()} CPU'er, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite:///{Path(directory) / 'devset.sqlite3'}"
        subprocess.run(
            [PY, "manage.py", "migrate", "--noinput", "-v0", "--skip-checks"], cwd=ROOT, env=_env(url), check=True
        )
        quality = _run("--evaluate", url)
    print(
        f"  udviklingssæt: {quality['offers']} tilbud, {quality['needs']} behov"
        f" ({quality['judged_needs']} bedømt, {quality['no_good_match_needs']} uden godt match)"
    )
    for name, label in (
        ("matching", "suggest_offers"),
        ("baseline", "baseline (ord uden bøjning/kategorier)"),
        ("search", "søgning fra del 1 (alle ord)"),
    ):
        print(f"  {label:40} nDCG@5 {quality[f'{name}_ndcg5']:.3f}  recall@10 {quality[f'{name}_recall10']:.3f}")
    weakest = sorted((r for r in quality["per_need"] if "matching" in r and "top3" in r), key=lambda r: r["matching"])
    print(f"  svageste behov: {[(r['need'], r['matching']) for r in weakest[:5]]}")
    results: dict[str, Any] = {"quality": {k: v for k, v in quality.items() if k != "per_need"}, "speed": []}
    if os.environ.get("MATCH_BENCH_TIMING", "1") != "0":
        for database, url in timing_targets():
            try:
                # The data belongs to bench.search; migrating brings it up to the current schema.
                subprocess.run(
                    [PY, "manage.py", "migrate", "--noinput", "-v0", "--skip-checks"],
                    cwd=ROOT,
                    env=_env(url),
                    check=True,
                    capture_output=True,
                )
                speed = {"database": database, **_run("--measure", url)}
            except subprocess.CalledProcessError as error:
                print(f"  {database}: kunne ikke måle ({(error.stderr or '')[-300:]!s})", flush=True)
                continue
            results["speed"].append(speed)
            print(
                f"  {database:10} {speed['offers']:>9,} tilbud  p50 {speed['p50_ms']:6.2f} ms"
                f"  p95 {speed['p95_ms']:6.2f} ms  max {speed['max_ms']:6.1f} ms  (load {speed['load_average']})",
                flush=True,
            )
    return results


if __name__ == "__main__":
    if "--evaluate" in sys.argv:
        print(json.dumps(evaluate(), ensure_ascii=False))
    elif "--measure" in sys.argv:
        print(json.dumps(measure(), ensure_ascii=False))
    else:
        main()
