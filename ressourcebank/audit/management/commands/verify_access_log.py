"""manage.py verify_access_log: proves that no entry in the access log was changed or removed.
Exits 1 with a Danish message naming the first bad entry; run nightly by the scheduler."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ressourcebank.audit.verification import UnreadableAnchors, verify


class Command(BaseCommand):
    help = "Checks the access log's hash chain against its head and the anchors outside the database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--anchors", type=Path, default=None, help="The anchor file (default: settings.ACCESS_LOG_ANCHOR_PATH)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["anchors"] or settings.ACCESS_LOG_ANCHOR_PATH
        try:
            report = verify(path)
        except UnreadableAnchors as error:
            raise CommandError(str(error)) from error
        if not report.is_intact:
            raise CommandError(
                _("Adgangsloggen er ikke intakt. %(problem)s De første %(count)s poster er i orden.")
                % {"problem": report.problem, "count": number_format(report.entries, force_grouping=True)}
            )
        self.stdout.write(
            _("Adgangsloggen er intakt: %(count)s poster, kontrolleret mod hovedet og %(anchors)s ankre.")
            % {
                "count": number_format(report.entries, force_grouping=True),
                "anchors": number_format(report.anchors, force_grouping=True),
            }
        )
