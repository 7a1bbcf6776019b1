"""HTTP benchmark: /tilbud/?q=… and /api/v1/offers?q=… under gunicorn (2 workers, 16 connections),
as a ratio to a bare Django view served the same way in the same run; peak RSS per worker. Each
database is measured with the anonymous page cache (as served) and without it (as everyone who is
logged in is served), and the two are printed side by side; without it also the search page with a
logged-in citizen's session cookie (`page_user`: session, user, unread count and the personal header).

Run with `make bench` (or `python -m bench.http_load`). Data: BENCH_HTTP_OFFERS offers (default
100,000), the same data as bench.search's at that size (an SQLite file under var/bench/ and the
PostgreSQL database `<BENCH_PG_PREFIX><N>`), generated once with `manage.py generate_offers`.
BENCH_HTTP_DATABASES (default sqlite,postgresql) chooses the databases.
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
OFFERS = int(os.environ.get("BENCH_HTTP_OFFERS", "100000"))
DURATION = int(os.environ.get("BENCH_HTTP_SECONDS", "15"))
DATABASES = [d.strip() for d in os.environ.get("BENCH_HTTP_DATABASES", "sqlite,postgresql").split(",") if d.strip()]
CONNECTIONS = 16
WORKERS = 2
QUERIES = [
    "besøgsven",
    "hjælp",
    "lektiehjælp",
    "strikke",
    "regnskab",
    "kørsel til lægen",
    "it hjælp mitid",
    "praktikplads",
    "fleksjob",
    "hjælp til skat",
    "lektier matematik",
    "gåtur",
    "kor",
    "have",
    "dansk",
    "besøgsvenner assentoft",
    "flytte",
    "cykel reparation",
    "mad",
    "ensom",
]

LUA = r"""
local paths = {%s}
%s
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    "RESULT {\"requests\": %%d, \"rps\": %%.1f, \"p50_ms\": %%.2f, \"p95_ms\": %%.2f, \"errors\": %%d}\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, errors))
end
"""


def env_for(database: str) -> dict[str, str]:
    from bench import search

    env = search.env_for(database, OFFERS)
    env.update(DJANGO_SETTINGS_MODULE="bench.settings", DJANGO_DEBUG="0")
    return env


def ensure_data(database: str) -> None:
    from bench import search

    search.ensure_data(database, OFFERS)
    # DEBUG off serves static files from the manifest, as in production.
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env_for(database), check=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=2).read()  # noqa: S310 - our own loopback server
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} svarer ikke")


def worker_pids(master: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(master)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def peak_rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    match = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(match.group(1)) / 1024 if match else 0.0


def run_wrk(base: str, paths: list[str], cookie: str = "") -> dict:
    headers = f'wrk.headers["Cookie"] = {json.dumps(cookie)}' if cookie else ""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(LUA % (", ".join(json.dumps(p) for p in paths), headers))
        script = f.name
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--timeout", "10s", "-s", script, base],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    os.unlink(script)
    line = next(line for line in out.splitlines() if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def session_cookie(database: str) -> str:
    """A logged-in citizen's session (bench.profile's, made once in the bench database)."""
    out = subprocess.run(
        [PY, "manage.py", "shell", "--no-imports", "-c", "from bench.http_load import log_in; log_in()"],
        cwd=ROOT,
        env=env_for(database),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return out.strip().splitlines()[-1]


def log_in() -> None:
    """Inside `manage.py shell`: prints the Cookie header of a fresh session of bench.profile's citizen."""
    from django.conf import settings
    from django.test import Client

    from bench.profile import citizen_with_need

    user, _need = citizen_with_need()
    client = Client()
    client.force_login(user)
    print(f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}")


def measure(database: str, cache_seconds: int) -> tuple[dict, list[float]]:
    """One gunicorn, three loads: the bare view, the search page and the API list; without the
    cache also the search page for a logged-in citizen (the API takes tokens, not sessions)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = env_for(database) | {"PUBLIC_PAGE_CACHE_SECONDS": str(cache_seconds)}
    server = subprocess.Popen(
        [PY, "-m", "gunicorn", "config.wsgi", "-w", str(WORKERS), "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_until_up(base + "/_bench/plain")
        for path in ("/tilbud/?q=hj%C3%A6lp", "/api/v1/offers?q=hj%C3%A6lp"):
            urllib.request.urlopen(base + path, timeout=10).read()  # noqa: S310 - warm up, and fail loudly on 500
        encoded = [quote(q) for q in QUERIES]
        results = {
            "plain": run_wrk(base, ["/_bench/plain"]),
            "page": run_wrk(base, [f"/tilbud/?q={q}" for q in encoded]),
            "api": run_wrk(base, [f"/api/v1/offers?q={q}" for q in encoded]),
        }
        if not cache_seconds:
            cookie = session_cookie(database)
            results["page_user"] = run_wrk(base, [f"/tilbud/?q={q}" for q in encoded], cookie=cookie)
        rss = [peak_rss_mb(pid) for pid in worker_pids(server.pid)]
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    ceiling = results["plain"]["rps"]
    return {name: {**r, "ratio_to_plain": round(r["rps"] / ceiling, 3)} for name, r in results.items()}, rss


def server_cpu(database: str, rounds: int = 5) -> dict[str, float]:
    """CPU per request of one gunicorn worker (from /proc/<pid>/schedstat), the requests sent one at
    a time: what the server spends on each, which the machine's load inflates far less than req/s."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = env_for(database) | {"PUBLIC_PAGE_CACHE_SECONDS": "0"}
    server = subprocess.Popen(
        [PY, "-m", "gunicorn", "config.wsgi", "-w", "1", "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_until_up(base + "/_bench/plain")
        (worker,) = worker_pids(server.pid)
        stat = Path(f"/proc/{worker}/schedstat")
        cookie = session_cookie(database)
        encoded = [quote(q) for q in QUERIES]
        loads = {
            "plain": (["/_bench/plain"] * len(QUERIES), ""),
            "page": ([f"/tilbud/?q={q}" for q in encoded], ""),
            "api": ([f"/api/v1/offers?q={q}" for q in encoded], ""),
            "page_user": ([f"/tilbud/?q={q}" for q in encoded], cookie),
        }
        result = {}
        for name, (paths, cookie_header) in loads.items():
            headers = {"Cookie": cookie_header} if cookie_header else {}
            for path in paths:  # warm-up
                urllib.request.urlopen(urllib.request.Request(base + path, headers=headers), timeout=30).read()  # noqa: S310
            before = int(stat.read_text().split()[0])
            for _ in range(rounds):
                for path in paths:
                    urllib.request.urlopen(urllib.request.Request(base + path, headers=headers), timeout=30).read()  # noqa: S310
            result[name] = (int(stat.read_text().split()[0]) - before) / 1e6 / (rounds * len(paths))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    return result


def main() -> dict:
    if not shutil.which("wrk"):
        print("wrk mangler, så HTTP-benchmarken springes over: `make bench` installerer det som root.", file=sys.stderr)
        return {}
    report: dict = {
        "offers": OFFERS,
        "workers": WORKERS,
        "connections": CONNECTIONS,
        "seconds": DURATION,
        "cpus": os.cpu_count(),
        "load_before": os.getloadavg(),
    }
    for database in DATABASES:
        ensure_data(database)
        # With the anonymous page cache (as served), then without it: every request searches and
        # renders, as for everyone who is logged in.
        for label, seconds in (("cached", 30), ("uncached", 0)):
            results, rss = measure(database, seconds)
            report[f"{database}_{label}"] = {**results, "peak_rss_mb_per_worker": [round(x, 1) for x in rss]}
        cached, uncached = report[f"{database}_cached"], report[f"{database}_uncached"]
        print(
            f"\nHTTP {database} (gunicorn, {WORKERS} workers, {CONNECTIONS} forbindelser, {DURATION} s pr. last, "
            f"{OFFERS:,} tilbud)"
        )
        print(f"  {'':8}{'med cache':>34}   {'uden cache (som for dem, der er logget ind)':>44}")
        columns = f"{'req/s':>9}{'p50 ms':>8}{'p95 ms':>8}{'loft':>9}   "
        print(f"  {'':8}{columns}{columns}")
        for name in ("plain", "page", "api", "page_user"):
            line = f"  {name:8}"
            for r in (cached.get(name), uncached[name]):
                if r is None:
                    line += f"{'-':>34}   "
                    continue
                line += f"{r['rps']:9.1f}{r['p50_ms']:8.1f}{r['p95_ms']:8.1f}{r['ratio_to_plain'] * 100:8.1f}%   "
            errors = cached.get(name, {}).get("errors", 0) + uncached[name]["errors"]
            print(line + (f"fejl {errors}" if errors else ""))
        print(
            f"  peak RSS pr. worker: {cached['peak_rss_mb_per_worker']} MB med cache, "
            f"{uncached['peak_rss_mb_per_worker']} MB uden"
        )
        # The server's CPU per request, one request at a time, without the cache: the comparison
        # the machine's load moves least (req/s moves with every other process on the cores).
        cpu = server_cpu(database)
        report[f"{database}_server_cpu_ms"] = cpu
        print(
            "  serverens CPU pr. forespørgsel uden cache (1 worker, én ad gangen): "
            + ", ".join(f"{name} {ms:.2f} ms ({cpu['plain'] / ms:.1%})" for name, ms in cpu.items()),
            flush=True,
        )
    report["load_after"] = os.getloadavg()
    print("  belastning (1, 5, 15 min) før: " + ", ".join(f"{x:.2f}" for x in report["load_before"]))
    print("  belastning (1, 5, 15 min) efter: " + ", ".join(f"{x:.2f}" for x in report["load_after"]), flush=True)
    return report


if __name__ == "__main__":
    main()
