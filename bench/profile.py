"""CPU per request of the live lists, in one process, without HTTP: where a request's time goes.

`python -m bench.profile` prints the CPU time (time.process_time; per URL the least of 5, then the
median over the URLs) and the number of
queries of each list below over bench.http_load's data (BENCH_PROFILE_DATABASE, default sqlite;
BENCH_HTTP_OFFERS, default 100,000), for an anonymous visitor and a logged-in citizen, with
the anonymous page cache off, as a logged-in person is always served. `--profile NAME` runs one
list under pyinstrument and prints the call tree (NAME: plain, page, api, needs, suggestions,
dashboard, optionally followed by `:anon`).

It writes one citizen with one need into the bench database (made once, reused), so that the
logged-in pages and the suggestions have someone to show them to.
"""

import os
import statistics
import sys
import time
from typing import Any
from urllib.parse import quote

from bench import search
from bench.http_load import OFFERS, QUERIES

DATABASE = os.environ.get("BENCH_PROFILE_DATABASE", "sqlite")
ROUNDS = 5
EMAIL = "bench-profil@example.dk"


def paths(name: str, need_id: int) -> list[str]:
    encoded = [quote(q) for q in QUERIES]
    return {
        "plain": ["/_bench/plain"],
        "page": [f"/tilbud/?q={q}" for q in encoded],
        "api": [f"/api/v1/offers?q={q}" for q in encoded],
        "needs": ["/behov/"],
        "suggestions": [f"/behov/{need_id}/"],
        "dashboard": ["/konto/"],
    }[name]


def citizen_with_need() -> tuple[Any, int]:
    from ressourcebank.accounts.models import User
    from ressourcebank.needs.models import Need
    from ressourcebank.taxonomy.models import Area, Category

    user = User.objects.filter(email=EMAIL).first()
    if user is None:
        user = User.objects.create_user(email=EMAIL, password=None, name="Bente Profil")  # logged in by force_login
    need = Need.objects.filter(owner=user).first()
    if need is None:
        need = Need.objects.create(
            owner=user,
            title="Hjælp til at handle ind",
            description="Jeg har brug for en, der kan køre mig til supermarkedet om torsdagen.",
            category=Category.objects.get(slug="transport"),
            area=Area.objects.get(slug="assentoft"),
        )
    return user, need.pk


def cpu_ms(client: Any, url: str) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    started = time.process_time()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    spent = (time.process_time() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{url}: {response.status_code}")
    return spent, len(queries)


def main() -> None:
    from bench import http_load

    http_load.ensure_data(DATABASE)
    os.environ.update(search.env_for(DATABASE, OFFERS) | {"DJANGO_SETTINGS_MODULE": "bench.settings"})
    os.environ["PUBLIC_PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()
    from django.test import Client

    user, need_id = citizen_with_need()
    anonymous, citizen = Client(SERVER_NAME="127.0.0.1"), Client(SERVER_NAME="127.0.0.1")
    citizen.force_login(user)
    target = sys.argv[sys.argv.index("--profile") + 1] if "--profile" in sys.argv else None
    if target:
        name, _, who = target.partition(":")
        client = anonymous if who == "anon" else citizen
        urls = paths(name, need_id)
        for url in urls:
            cpu_ms(client, url)
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
        with profiler:
            for _ in range(ROUNDS):
                for url in urls:
                    client.get(url)
        print(profiler.output_text(unicode=True, color=False, show_all=False))
        return
    print(f"CPU pr. forespørgsel, {DATABASE}, {OFFERS:,} tilbud (median ms, antal forespørgsler til databasen)")
    for name in ("plain", "page", "api", "needs", "suggestions", "dashboard"):
        line = f"  {name:12}"
        for label, client in (("anonym", anonymous), ("logget ind", citizen)):
            if name in ("suggestions", "dashboard") and client is anonymous:
                continue
            urls = paths(name, need_id)
            for url in urls:
                cpu_ms(client, url)  # warm-up
            # The least of ROUNDS per URL, then the median over the URLs: other work on the machine
            # only ever adds to a request's CPU time (shared caches, frequency), never takes from it.
            best: dict[str, float] = {}
            counts = []
            for _ in range(ROUNDS):
                for url in urls:
                    ms, n = cpu_ms(client, url)
                    best[url] = min(ms, best.get(url, ms))
                    counts.append(n)
            line += f"  {label}: {statistics.median(best.values()):6.2f} ms, {max(counts)} q"
        print(line, flush=True)


if __name__ == "__main__":
    main()
