from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from ressourcebank.transfer.exporting import export_resources


class Command(BaseCommand):
    help = (
        "Writes what the public sees (published offers, open public needs) to FILE in the import "
        "format: JSON Lines for .jsonl/.json, otherwise CSV. Rows without a key get rb-offer-<id> / "
        "rb-need-<id>, so the file imports again unchanged. Offers not published (waiting, rejected, "
        "paused, archived), closed needs and needs only staff may see are left out. In CSV a cell "
        "beginning with =, +, -, @, tab or CR gets a ' in front (no spreadsheet formulas); the "
        "import takes it off again."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        count = export_resources(file)
        self.stdout.write(f"exported {count}")
