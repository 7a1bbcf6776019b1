from typing import Any

from django.core.management.base import BaseCommand

from ressourcebank.appointments.actions import make_all_counselling_slots


class Command(BaseCommand):
    help = "Lays out the bookable counselling times of the coming weeks. `run_schedule` runs it daily."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{make_all_counselling_slots()} new counselling times.")
