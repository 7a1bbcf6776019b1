"""Mail backends for the tests: real Django mail backends (subclasses of the in-memory one, so what
gets through lands in mail.outbox), misbehaving the way a mail server or a worker does."""

import os
import smtplib
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ClassVar

from django.core.mail import EmailMessage
from django.core.mail.backends.locmem import EmailBackend


class FlakyBackend(EmailBackend):
    """A mail server that is down for the next `failures` sends, then works."""

    failures: ClassVar[int] = 0
    tries: ClassVar[int] = 0

    def send_messages(self, messages: Sequence[EmailMessage]) -> int:
        type(self).tries += 1
        if type(self).failures > 0:
            type(self).failures -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


class WorkerKilled(BaseException):
    """Stands in for SIGKILL: not an Exception, so nothing in the worker catches it."""


class KilledWorkerBackend(EmailBackend):
    """The worker dies while talking to the mail server, before the server accepted the mail."""

    def send_messages(self, messages: Sequence[EmailMessage]) -> int:
        raise WorkerKilled


class InterleavingBackend(EmailBackend):
    """While this worker is in the middle of sending, `during_send` runs: a second worker trying the
    same row at that very moment."""

    during_send: ClassVar[Callable[[], Any] | None] = None
    seen: ClassVar[list[Any]] = []

    def send_messages(self, messages: Sequence[EmailMessage]) -> int:
        if type(self).during_send is not None:
            type(self).seen.append(type(self).during_send())
        return super().send_messages(messages)


class SlowBackend(EmailBackend):
    """A mail server that takes its time, so other workers arrive while a mail is being sent."""

    def send_messages(self, messages: Sequence[EmailMessage]) -> int:
        time.sleep(0.2)
        return super().send_messages(messages)


class HangingBackend(EmailBackend):
    """For a real worker process: says it is sending (touches the file named by HANGING_MARKER),
    then hangs until the test kills the process."""

    def send_messages(self, messages: Sequence[EmailMessage]) -> int:
        Path(os.environ["HANGING_MARKER"]).touch()
        time.sleep(120)
        return super().send_messages(messages)


class FlakySmsBackend:
    """An SMS gateway that is down for the next `failures` sends, then works (into sms.outbox)."""

    failures: ClassVar[int] = 0

    def send(self, message: Any) -> None:
        from ressourcebank.notifications import sms

        if type(self).failures > 0:
            type(self).failures -= 1
            raise ConnectionRefusedError("gateway down")
        sms.outbox.append(message)


class HangingSmsBackend:
    """For a real worker process: touches HANGING_MARKER, then hangs until the test kills it."""

    def send(self, message: Any) -> None:
        Path(os.environ["HANGING_MARKER"]).touch()
        time.sleep(120)
