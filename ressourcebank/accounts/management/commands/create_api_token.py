"""Prints a new API token for a user; only its digest is stored, so this is the one time it is seen."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ressourcebank.accounts.models import ApiToken, User


class Command(BaseCommand):
    help = "Opretter en API-nøgle til brugeren med den e-mail og skriver den ud (kun denne ene gang)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")

    def handle(self, *args: Any, email: str, **options: Any) -> None:
        user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
        if user is None:
            raise CommandError("Der er ingen aktiv bruger med den e-mail.")
        self.stdout.write(ApiToken.issue(user))
