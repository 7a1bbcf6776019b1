"""`make bench`: runs every benchmark module in bench/ (each a module with a `main()`), in name order.

BENCH_ONLY=search,http_load limits the run to those modules.
"""

import importlib
import os
import pkgutil
import sys
from pathlib import Path

SKIP = {"run", "settings", "urls"}


def main() -> int:
    only = {name.strip() for name in os.environ.get("BENCH_ONLY", "").split(",") if name.strip()}
    failed = 0
    for module in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda m: m.name):
        if module.name in SKIP or module.name.startswith("_") or (only and module.name not in only):
            continue
        bench = importlib.import_module(f"bench.{module.name}")
        if not hasattr(bench, "main"):
            continue
        print(f"== bench.{module.name}", flush=True)
        try:
            bench.main()
        except SystemExit as stop:
            if stop.code not in (None, 0):
                print(f"bench.{module.name}: {stop.code}", file=sys.stderr)
                failed += 1
        except Exception as error:  # noqa: BLE001 - one broken benchmark must not hide the others
            print(f"bench.{module.name} fejlede: {error!r}", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
