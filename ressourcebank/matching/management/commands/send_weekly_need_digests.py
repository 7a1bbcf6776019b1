from typing import Any

from django.core.management.base import BaseCommand

from ressourcebank.matching.digests import send_weekly_need_digests


class Command(BaseCommand):
    help = "Tells owners of open needs about new offers that match them. Run once a week."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{send_weekly_need_digests()} weekly mails queued.")
