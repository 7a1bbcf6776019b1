"""A thin door to the benchmark data generator, which lives with the benchmarks (bench/generator.py)."""

import time

from django.core.management.base import BaseCommand, CommandParser

from bench.generator import generate_offers


class Command(BaseCommand):
    help = "Creates N varied, published Danish offers (keys start with 'gen-') for benchmarks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("count", type=int)
        parser.add_argument("--seed", type=int, default=42)

    def handle(self, *args: object, count: int, seed: int, **options: object) -> None:
        started = time.monotonic()

        def progress(done: int) -> None:
            if done == count or done % 50_000 < 5000:
                rate = done / max(time.monotonic() - started, 1e-6)
                self.stderr.write(f"  {done:,} / {count:,} tilbud ({rate:,.0f}/s)")

        made = generate_offers(max(0, count), seed=seed, progress=progress)
        seconds = time.monotonic() - started
        self.stdout.write(f"Oprettede {made:,} tilbud på {seconds:.1f} s.")
