"""manage.py anonymise_expired_cases: anonymises every case closed more than CASE_RETENTION_DAYS
ago (default five years). Run each night by the scheduler; safe to run again at any time."""

from typing import Any

from django.core.management.base import BaseCommand

from ressourcebank.cases.actions import anonymise_expired_cases


class Command(BaseCommand):
    help = "Anonymises the cases whose retention period after closing has run out."

    def handle(self, *args: Any, **options: Any) -> None:
        count = anonymise_expired_cases()
        self.stdout.write(f"Anonymised {count} case(s).")
