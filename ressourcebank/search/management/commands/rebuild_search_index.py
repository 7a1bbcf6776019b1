import time

from django.core.management.base import BaseCommand, CommandParser

from ressourcebank.search.index import lexicon_has_changed, rebuild_index


class Command(BaseCommand):
    help = "Builds the search index again from every public offer and need."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-lexicon-changed",
            action="store_true",
            help="Only when the index was built with another version of the lexicon (the scheduler's way).",
        )

    def handle(self, *args: object, **options: object) -> None:
        if options["if_lexicon_changed"] and not lexicon_has_changed():
            self.stdout.write("Søgeindekset er bygget med den nuværende ordbog.")
            return
        started = time.monotonic()
        last = [0.0]

        def progress(kind: str, done: int, total: int) -> None:
            if done == total or time.monotonic() - last[0] > 2:
                last[0] = time.monotonic()
                self.stderr.write(f"  {kind}: {done:,} / {total:,}")

        rebuild_index(progress=progress)
        self.stdout.write(f"Søgeindekset er bygget på {time.monotonic() - started:.1f} s.")
