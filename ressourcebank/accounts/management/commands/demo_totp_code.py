"""Prints the current TOTP code of a demo user, so the demo logins work without a phone.

Refuses outside DEBUG and for any address not ending in @ressourcebank.test: real accounts must
never have their second factor read out on a server.
"""

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from ressourcebank.accounts.models import User

DEMO_DOMAIN = "@ressourcebank.test"


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


class Command(BaseCommand):
    help = "Skriver den aktuelle kode fra en demo-brugers godkendelses-app (kun med DEBUG og @ressourcebank.test)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")

    def handle(self, *args: Any, email: str, **options: Any) -> None:
        email = email.strip().lower()
        if not settings.DEBUG:
            raise CommandError("Kun i udvikling (DEBUG). Koden fra en rigtig konto må aldrig læses her.")
        if not email.endswith(DEMO_DOMAIN):
            raise CommandError(f"Kun demo-konti med en e-mail, der ender på {DEMO_DOMAIN}.")
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError("Der er ingen bruger med den e-mail.")
        # The confirmed device; else the one being set up, so the demo can finish setting it up too.
        device = TOTPDevice.objects.filter(user=user).order_by("-confirmed", "pk").first() or TOTPDevice.objects.create(
            user=user, name="Demo", confirmed=True
        )
        self.stdout.write(current_code(device))
