from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from ressourcebank.transfer.exporting import export_resources


class Command(BaseCommand):
    help = (
        "Writes every offer and every public need to FILE in the import format: JSON Lines for "
        ".jsonl/.json, otherwise CSV. Rows without a key get rb-offer-<id> / rb-need-<id>, so the "
        "file imports again unchanged. Needs only staff may see are left out."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        count = export_resources(file)
        self.stdout.write(f"exported {count}")
