from typing import Any

from django.core.management.base import BaseCommand

from ressourcebank.appointments.actions import send_booking_reminders


class Command(BaseCommand):
    help = (
        "An SMS the day before to each callback or counselling time booked for tomorrow. `run_schedule` runs it hourly."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{send_booking_reminders()} reminders queued.")
