"""Brochure benchmark: the A5 brochure for one area, from the live data to the tagged PDF, as staff
get it from /staff/pjece/ (target: at most 5 s).

`BENCH_ONLY=brochure make bench` (or `python -m bench.brochure`). A scratch SQLite database under
var/bench/brochure/ gets the demo data plus BENCH_BROCHURE_AREA_OFFERS published offers in Assentoft
(default 200, so the brochure's cap of offers is reached), BENCH_BROCHURE_OTHER_OFFERS in the
other areas (default 5,000) and BENCH_BROCHURE_ACTIVITIES weekly activities in Assentoft (default 12).
The first brochure (WeasyPrint's import and font set-up, once per
process) is reported apart; then the median and the slowest of BENCH_BROCHURE_RUNS (default 5),
in wall-clock seconds and in the process's CPU seconds (what it costs on a machine that is not
shared; the wall clock on a loaded machine mostly measures the others).
"""

import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench" / "brochure"
AREA_OFFERS = int(os.environ.get("BENCH_BROCHURE_AREA_OFFERS", "200"))
OTHER_OFFERS = int(os.environ.get("BENCH_BROCHURE_OTHER_OFFERS", "5000"))
ACTIVITIES = int(os.environ.get("BENCH_BROCHURE_ACTIVITIES", "12"))
RUNS = int(os.environ.get("BENCH_BROCHURE_RUNS", "5"))


def _setup() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    database = WORK / "brochure.sqlite3"
    database.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115 - closed at exit


def _add_offers() -> None:
    from django.utils import timezone

    from ressourcebank.offers.models import Offer
    from ressourcebank.taxonomy.models import Area, Category

    categories = list(Category.objects.all())
    assentoft = Area.objects.get(slug="assentoft")
    others = list(Area.objects.exclude(pk=assentoft.pk))
    now = timezone.now()
    rows = []
    for i in range(AREA_OFFERS + OTHER_OFFERS):
        area = assentoft if i < AREA_OFFERS else others[i % len(others)]
        rows.append(
            Offer(
                title=f"Tilbud {i} i {area.name}",
                description="Jeg hjælper gerne med det, jeg kan. " * 12,
                category=categories[i % len(categories)],
                area=area,
                provider="borger",
                status=Offer.Status.PUBLISHED,
                published_at=now,
            )
        )
    Offer.objects.bulk_create(rows, batch_size=1000)


def _add_activities() -> None:
    """ACTIVITIES weekly activities in Assentoft (their dates laid out by the activities' own action)."""
    from datetime import time as clock
    from datetime import timedelta

    from django.utils import timezone

    from ressourcebank.accounts.models import User
    from ressourcebank.activities import actions
    from ressourcebank.taxonomy.models import Area, Category

    staff = User.objects.filter(role=User.Role.STAFF).first()
    if staff is None:
        raise SystemExit("load_demo made no staff member")
    area, category = Area.objects.get(slug="assentoft"), Category.objects.get(slug="faellesskab")
    for i in range(ACTIVITIES):
        data = actions.ActivityData(
            title=f"Fællesskab {i} i Assentoft",
            description="Vi mødes og hygger os. Alle kan være med. " * 4,
            category=category,
            area=area,
            place="Assentoft Forsamlingshus",
            starts_on=timezone.localdate() + timedelta(days=i % 7),
            start_time=clock(19, 0),
            end_time=clock(21, 0),
            recurrence="weekly",
            labels=["bare-moed-op"],
        )
        actions.create_activity(data, by=staff)


def _one() -> tuple[float, float, bytes, int]:
    from ressourcebank.brochure.content import collect_brochure
    from ressourcebank.brochure.render import brochure_pdf
    from ressourcebank.taxonomy.models import Area

    start, cpu = time.perf_counter(), time.process_time()
    brochure = collect_brochure(Area.objects.get(slug="assentoft"))
    pdf = brochure_pdf(brochure)
    return time.perf_counter() - start, time.process_time() - cpu, pdf, len(brochure.offers)


def main() -> None:
    sys.path.insert(0, str(ROOT))
    _setup()
    _add_offers()
    _add_activities()
    first, _cpu, pdf, offers = _one()
    runs = [_one() for _ in range(RUNS)]
    times, cpus = [run[0] for run in runs], [run[1] for run in runs]
    load = os.getloadavg()
    print(
        f"brochure (Assentoft; {AREA_OFFERS} offers there, {OTHER_OFFERS} elsewhere, {ACTIVITIES} weekly "
        f"activities; {offers} offers printed, "
        f"{len(pdf) // 1024} kB): first {first:.2f} s (with WeasyPrint's start), "
        f"median {statistics.median(times):.2f} s (CPU {statistics.median(cpus):.2f} s), "
        f"slowest {max(times):.2f} s over {RUNS} runs "
        f"[Python {platform.python_version()}, load {load[0]:.1f}]"
    )


if __name__ == "__main__":
    main()
