"""`manage.py make_brochure --area assentoft FILE.pdf`: the area's brochure as a tagged PDF, as staff
print it from /staff/pjece/. `--theme besoegsven` narrows the offers to one category."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ressourcebank.brochure.content import collect_brochure
from ressourcebank.brochure.forms import BrochureForm
from ressourcebank.brochure.render import BrochureUnavailable, brochure_pdf


class Command(BaseCommand):
    help = "Laver pjecen for et lokalområde som PDF."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--area", required=True, help="lokalområdets korte navn, fx assentoft")
        parser.add_argument("--theme", default="", help="en kategoris korte navn, fx besoegsven (valgfrit)")
        parser.add_argument("file", help="hvor PDF-filen skal skrives")

    def handle(self, *args: Any, **options: Any) -> None:
        form = BrochureForm({"area": options["area"], "theme": options["theme"]})
        if not form.is_valid():
            errors = "; ".join(str(error) for errors in form.errors.values() for error in errors)
            raise CommandError(f"{errors} ({options['area']!r}, {options['theme']!r})")
        brochure = collect_brochure(form.cleaned_data["area"], form.cleaned_data["theme"])
        try:
            pdf = brochure_pdf(brochure)
        except BrochureUnavailable as error:
            raise CommandError(str(error)) from error
        Path(options["file"]).write_bytes(pdf)
        self.stdout.write(f"{options['file']}: {brochure.title}, {len(brochure.offers)} tilbud, {len(pdf) // 1024} kB")
