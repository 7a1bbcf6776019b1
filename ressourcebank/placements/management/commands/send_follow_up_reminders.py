from typing import Any

from django.core.management.base import BaseCommand

from ressourcebank.placements.actions import send_follow_up_reminders


class Command(BaseCommand):
    help = "A mail to both contacts of an agreement some days before each follow-up. `run_schedule` runs it daily."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{send_follow_up_reminders()} follow-ups reminded.")
