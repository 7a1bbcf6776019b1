from typing import Any

from django.core.management.base import BaseCommand

from ressourcebank.activities.actions import extend_series


class Command(BaseCommand):
    help = "Lays out the dates of recurring activities half a year ahead (series.json). `run_schedule` runs it daily."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{extend_series()} new activity dates.")
