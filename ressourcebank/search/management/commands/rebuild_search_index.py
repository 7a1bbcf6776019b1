import time

from django.core.management.base import BaseCommand

from ressourcebank.search.index import rebuild_index


class Command(BaseCommand):
    help = "Builds the search index again from every public offer and need."

    def handle(self, *args: object, **options: object) -> None:
        started = time.monotonic()
        last = [0.0]

        def progress(kind: str, done: int, total: int) -> None:
            if done == total or time.monotonic() - last[0] > 2:
                last[0] = time.monotonic()
                self.stderr.write(f"  {kind}: {done:,} / {total:,}")

        rebuild_index(progress=progress)
        self.stdout.write(f"Søgeindekset er bygget på {time.monotonic() - started:.1f} s.")
