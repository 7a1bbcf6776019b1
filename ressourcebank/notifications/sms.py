"""Sending one SMS, the way Django sends one mail: a backend chosen by a setting (SMS_BACKEND).

- "console" (the development default) prints the SMS, "file" writes one file per SMS under
  SMS_FILE_PATH, "locmem" keeps them in `outbox` (the tests), "http" posts to the municipality's
  SMS gateway (SMS_GATEWAY_URL, SMS_GATEWAY_TOKEN, SMS_SENDER, SMS_GATEWAY_TIMEOUT).
- A backend raises on any failure; the outbox (delivery.deliver) then tries again after a pause,
  exactly as for mail. Nothing here retries or logs the number or the text.
- The gateway gets the outbox row's idempotency key as `reference`: when a worker dies after the
  gateway accepted an SMS but before the row was marked sent, the second try carries the same
  reference, and a gateway that deduplicates by it sends the SMS once.
"""

import json
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

# Four SMS parts of 153 characters: longer texts cost more and some phones show them badly.
SMS_MAX_LENGTH = 612


@dataclass(frozen=True)
class SmsMessage:
    to: str  # E.164, see lib.phone
    text: str
    reference: str  # the outbox row's idempotency key


class SmsBackend(Protocol):
    def send(self, message: SmsMessage) -> None: ...


class SmsGatewayError(Exception):
    """The gateway did not accept the SMS (a non-2xx answer)."""


class ConsoleBackend:
    def send(self, message: SmsMessage) -> None:
        sys.stdout.write(f"SMS to {message.to} ({message.reference}):\n{message.text}\n{'-' * 40}\n")
        sys.stdout.flush()


class FileBackend:
    def send(self, message: SmsMessage) -> None:
        directory = Path(settings.SMS_FILE_PATH)
        directory.mkdir(parents=True, exist_ok=True)
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S-%f")
        name = f"{stamp}-{message.reference.replace(':', '_').replace('/', '_')}.txt"
        (directory / name).write_text(f"To: {message.to}\nReference: {message.reference}\n\n{message.text}\n")


outbox: list[SmsMessage] = []


class LocmemBackend:
    """Keeps every SMS in `outbox`, like django.core.mail.outbox."""

    def send(self, message: SmsMessage) -> None:
        outbox.append(message)


class HttpGatewayBackend:
    """POSTs JSON {"to", "from", "text", "reference"} with a bearer token; any 2xx answer is accepted."""

    def __init__(self) -> None:
        self.url = settings.SMS_GATEWAY_URL
        if not self.url.startswith(("https://", "http://")):
            # Also keeps urllib from opening file: or other URLs a wrong setting could name.
            raise SmsGatewayError("SMS_GATEWAY_URL must be an http(s) URL")

    def send(self, message: SmsMessage) -> None:
        body = json.dumps(
            {"to": message.to, "from": settings.SMS_SENDER, "text": message.text, "reference": message.reference}
        ).encode()
        request = urllib.request.Request(  # noqa: S310 — the scheme is checked in __init__
            self.url,
            data=body,
            method="POST",
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {settings.SMS_GATEWAY_TOKEN}"},
        )
        try:
            with urllib.request.urlopen(request, timeout=settings.SMS_GATEWAY_TIMEOUT) as response:  # noqa: S310
                status = response.status
        except urllib.error.HTTPError as error:
            raise SmsGatewayError(f"the gateway answered {error.code}") from None
        if not 200 <= status < 300:
            raise SmsGatewayError(f"the gateway answered {status}")


BACKENDS = {
    "console": "ressourcebank.notifications.sms.ConsoleBackend",
    "file": "ressourcebank.notifications.sms.FileBackend",
    "locmem": "ressourcebank.notifications.sms.LocmemBackend",
    "http": "ressourcebank.notifications.sms.HttpGatewayBackend",
}


def get_backend() -> SmsBackend:
    """The backend SMS_BACKEND names (a short name above, or a dotted path), read at each send so
    tests and settings changes take effect without a restart of anything."""
    name = settings.SMS_BACKEND
    backend: SmsBackend = import_string(BACKENDS.get(name, name))()
    return backend


def send(to: str, text: str, reference: str) -> None:
    get_backend().send(SmsMessage(to=to, text=text, reference=reference))
