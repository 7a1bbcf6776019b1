import time
from typing import Any

from django.core.management.base import BaseCommand

from ressourcebank.schedule.runner import run_due_jobs


class Command(BaseCommand):
    help = "Kører de faste job (mails, sammendrag, timer, behov), når de skal køre. Stop med Ctrl-C."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--once", action="store_true", help="Kør det, der skal køre nu, og stop.")
        parser.add_argument("--interval", type=int, default=30, help="Sekunder mellem hvert tjek (30).")

    def handle(self, *args: Any, once: bool = False, interval: int = 30, **options: Any) -> None:
        while True:
            for name in run_due_jobs():
                self.stdout.write(f"Kørte {name}")
            if once:
                return
            time.sleep(max(interval, 1))
