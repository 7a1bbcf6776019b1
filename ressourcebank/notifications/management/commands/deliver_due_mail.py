from typing import Any

from django.core.management.base import BaseCommand

from ressourcebank.notifications.delivery import close_dead_tasks, deliver_due


class Command(BaseCommand):
    help = (
        "Sends due retries and mails a dead worker left half-sent, and closes the task jobs a dead "
        "worker left running. Run it every few minutes (cron or a systemd timer) beside "
        "`manage.py db_worker`; `manage.py run_schedule` does."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        closed = close_dead_tasks()
        if closed:
            self.stdout.write(f"{closed} jobs of dead workers closed.")
        self.stdout.write(f"{deliver_due()} mails sent.")
