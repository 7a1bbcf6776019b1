"""Prints a new API token for a user; only its digest is stored, so this is the one time it is seen.

For citizens and the members of businesses and associations. Coordinators, staff and administrators
log in with a second factor, and their tokens are made under Min side → Mine API-nøgler after it:
this command has no session in which the factor was verified, so it refuses them.
"""

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ressourcebank.accounts.actions import SecondFactorRequired, create_api_token
from ressourcebank.accounts.models import API_TOKEN_DEFAULT_LIFETIME, API_TOKEN_MAX_LIFETIME, ApiToken, User


class Command(BaseCommand):
    help = "Opretter en API-nøgle til brugeren med den e-mail og skriver den ud (kun denne ene gang)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument(
            "--scope",
            choices=[ApiToken.Scope.READ, ApiToken.Scope.WRITE],
            default=ApiToken.Scope.WRITE,
            help="read: kun læse; write: læse og skrive (standard, som før der var andre).",
        )
        parser.add_argument(
            "--days",
            type=int,
            default=API_TOKEN_DEFAULT_LIFETIME.days,
            help=f"Dage, nøglen gælder (1–{API_TOKEN_MAX_LIFETIME.days}, standard {API_TOKEN_DEFAULT_LIFETIME.days}).",
        )
        parser.add_argument("--name", default="", help="Hvad nøglen bruges til, fx 'Foreningens hjemmeside'.")

    def handle(self, *args: Any, email: str, scope: str, days: int, name: str, **options: Any) -> None:
        user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
        if user is None:
            raise CommandError("Der er ingen aktiv bruger med den e-mail.")
        if not 1 <= days <= API_TOKEN_MAX_LIFETIME.days:
            raise CommandError(f"--days skal være mellem 1 og {API_TOKEN_MAX_LIFETIME.days}.")
        try:
            _api_token, token = create_api_token(
                user,
                name=name or "create_api_token",
                scope=scope,
                lifetime=timedelta(days=days),
                second_factor_verified=False,
            )
        except SecondFactorRequired as error:
            raise CommandError(
                "Brugeren logger ind med en kode fra en app. Nøglen oprettes under Min side → Mine API-nøgler, "
                "efter koden er skrevet."
            ) from error
        self.stdout.write(token)
