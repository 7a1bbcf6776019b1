from typing import Any

from django.core.management.base import BaseCommand

from ressourcebank.notifications.actions import send_daily_digests


class Command(BaseCommand):
    help = (
        "Queues the daily mail for people who chose one mail a day. Run once a day; a second run the "
        "same day sends nothing twice."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{send_daily_digests()} daily mails queued.")
