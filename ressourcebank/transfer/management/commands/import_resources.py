import time
from argparse import ArgumentParser, RawDescriptionHelpFormatter
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ressourcebank.transfer.importing import ImportFailed, import_resources


class Command(BaseCommand):
    help = """Imports offers and needs from a JSON Lines (.jsonl/.json) or CSV (.csv) file.

Columns: key, kind (offer|need), title, description, category (slug; may be empty for a need),
area (slug), provider (borger|virksomhed|forening), child_contact (true/false/1/0/ja/nej),
optional hours_per_month (an offer then has that many hours a month; without it, one-off).

All or nothing: if any row is bad, every bad row is printed to stderr as "line N: reason", nothing
is imported and the command exits 1. Otherwise it prints "imported N, updated M".
A key already known updates that offer or need; it never creates a second one.

An import is a staff action: new offers are published with the row's provider and no owner. An
offer with child_contact=true is imported but waits, unpublished, until staff record under /staff/
that a børneattest was obtained: the import cannot know that, and must not pretend to.
New needs are public and anonymous. Keys rb-offer-<id>/rb-need-<id> are those export_resources
writes for rows without a key of their own. In CSV a ' before =, +, -, @, tab or CR at the start of
a cell is taken off: export_resources writes it so that spreadsheets do not run the cell as a formula."""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = RawDescriptionHelpFormatter
        return parser

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        started = time.monotonic()

        def progress(message: str) -> None:
            self.stderr.write(f"{message} ({time.monotonic() - started:.1f} s)")

        try:
            report = import_resources(file, progress=progress)
        except ImportFailed as failure:
            for error in failure.errors:
                self.stderr.write(error)
            raise CommandError(f"nothing imported: {len(failure.errors)} bad rows", returncode=1) from None
        self.stdout.write(f"imported {report.imported}, updated {report.updated}")
        if report.waiting_for_child_check:
            self.stdout.write(
                f"{report.waiting_for_child_check} offers with child contact wait for a børneattest "
                "to be recorded under /staff/ before they are published"
            )
