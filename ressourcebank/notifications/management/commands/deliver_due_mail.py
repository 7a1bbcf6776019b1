from typing import Any

from django.core.management.base import BaseCommand

from ressourcebank.notifications.delivery import deliver_due


class Command(BaseCommand):
    help = (
        "Sends due retries and mails a dead worker left half-sent. Run it every few minutes (cron or a "
        "systemd timer) beside `manage.py db_worker`."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{deliver_due()} mails sent.")
