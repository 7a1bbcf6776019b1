"""HTTP benchmark: /tilbud/?q=… and /api/v1/offers?q=… under gunicorn (2 workers, 16 connections),
as a ratio to a bare Django view served the same way in the same run; peak RSS per worker.

Run with `make bench` (or `python -m bench.http_load`). Data: BENCH_HTTP_OFFERS offers (default 100,000)
in an SQLite file under var/bench/, generated once with `manage.py generate_offers`.
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


def env_for(db_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{db_path}",
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="bench-only-" + "x" * 40,
    )
    return env


def ensure_data(db_path: Path) -> None:
    # DEBUG off serves static files from the manifest, as in production.
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env_for(db_path), check=True)
    env = env_for(db_path)
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    db_path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    count = subprocess.run(
        [
            PY,
            "manage.py",
            "shell",
            "--no-imports",
            "-v",
            "0",
            "-c",
            "from ressourcebank.offers.models import Offer; print(Offer.objects.count())",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    if int(count or 0) < OFFERS:
        print(f"Genererer {OFFERS - int(count or 0):,} tilbud i {db_path} ...", file=sys.stderr)
        subprocess.run(
            [PY, "manage.py", "generate_offers", str(OFFERS - int(count or 0))], cwd=ROOT, env=env, check=True
        )


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


def run_wrk(base: str, paths: list[str]) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(LUA % ", ".join(json.dumps(p) for p in paths))
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


def measure(db_path: Path, cache_seconds: int) -> tuple[dict, list[float]]:
    """One gunicorn, three loads: the bare view, the search page and the API list."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = env_for(db_path) | {"PUBLIC_PAGE_CACHE_SECONDS": str(cache_seconds)}
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
        rss = [peak_rss_mb(pid) for pid in worker_pids(server.pid)]
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    ceiling = results["plain"]["rps"]
    return {name: {**r, "ratio_to_plain": round(r["rps"] / ceiling, 3)} for name, r in results.items()}, rss


def main() -> dict:
    if not shutil.which("wrk"):
        sys.exit("wrk mangler: apt-get install -y wrk")
    db_path = ROOT / "var" / "bench" / f"http-{OFFERS}.sqlite3"
    ensure_data(db_path)
    report: dict = {
        "offers": OFFERS,
        "workers": WORKERS,
        "connections": CONNECTIONS,
        "seconds": DURATION,
        "cpus": os.cpu_count(),
        "load_before": os.getloadavg()[0],
    }
    # With the anonymous page cache (as served), then without it: every request searches and renders.
    for label, seconds in (("cached", 30), ("uncached", 0)):
        results, rss = measure(db_path, seconds)
        report[label] = {**results, "peak_rss_mb_per_worker": [round(x, 1) for x in rss]}
        print(
            f"\nHTTP {label} (gunicorn, {WORKERS} workers, {CONNECTIONS} connections, {DURATION} s, {OFFERS:,} tilbud)"
        )
        for name in ("plain", "page", "api"):
            r = results[name]
            print(
                f"  {name:6} {r['rps']:8.1f} req/s  p50 {r['p50_ms']:6.1f} ms  p95 {r['p95_ms']:6.1f} ms  "
                f"{r['ratio_to_plain'] * 100:5.1f} % af loftet  fejl {r['errors']}"
            )
        print(f"  peak RSS pr. worker: {report[label]['peak_rss_mb_per_worker']} MB")
    return report


if __name__ == "__main__":
    main()
