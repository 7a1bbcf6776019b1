"""Confirms hours the receiver has left unconfirmed for 14 days. Safe to run as often as wanted."""

from typing import Any

from django.core.management.base import BaseCommand

from ressourcebank.connections.actions import confirm_overdue_hours


class Command(BaseCommand):
    help = "Bekræfter timer, som modtageren ikke har bekræftet inden for 14 dage."

    def handle(self, *args: Any, **options: Any) -> None:
        count = confirm_overdue_hours()
        self.stdout.write(f"{count} registreringer bekræftet.")
