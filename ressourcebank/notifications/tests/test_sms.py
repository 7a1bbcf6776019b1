"""SMS go through the same outbox as mail: one row per SMS, sent by the SMS_BACKEND, tried again
after pauses when the gateway is down, and listed for staff when it failed for good."""

import json
import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
import time_machine
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ressourcebank.accounts.models import User
from ressourcebank.notifications import delivery
from ressourcebank.notifications.actions import queue_sms
from ressourcebank.notifications.models import OutboxMail
from ressourcebank.notifications.sms import SMS_MAX_LENGTH, SmsMessage
from ressourcebank.notifications.tasks import deliver_mail
from ressourcebank.notifications.tests.backends import FlakySmsBackend

pytestmark = pytest.mark.django_db


def _queue(key: str = "test:1", to: str = "12 34 56 78") -> OutboxMail:
    with transaction.atomic():
        message = queue_sms(to, "Vi ringer dig op i morgen kl. 10.", key=key, kind=OutboxMail.Kind.CALLBACK)
    assert message is not None
    return message


def test_an_sms_is_stored_with_the_number_in_one_form_and_sent(sms_outbox: list[SmsMessage]) -> None:
    message = _queue()

    assert message.channel == OutboxMail.Channel.SMS
    assert message.to_address == "+4512345678"
    assert message.state == OutboxMail.State.PENDING
    assert deliver_mail.call(message.pk) is True

    message.refresh_from_db()
    assert message.state == OutboxMail.State.SENT
    assert sms_outbox == [SmsMessage(to="+4512345678", text="Vi ringer dig op i morgen kl. 10.", reference="test:1")]


def test_the_same_key_sends_one_sms(sms_outbox: list[SmsMessage]) -> None:
    first = _queue()
    with transaction.atomic():
        assert queue_sms("12345678", "Igen", key="test:1") is None

    deliver_mail.call(first.pk)
    deliver_mail.call(first.pk)
    assert len(sms_outbox) == 1


def test_an_sms_queued_in_a_change_that_rolls_back_is_never_sent() -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_sms("12345678", "Hej", key="test:rollback")
        raise RuntimeError

    assert not OutboxMail.objects.exists()


@pytest.mark.parametrize(("to", "text"), [("1234", "Hej"), ("12345678", ""), ("12345678", "x" * (SMS_MAX_LENGTH + 1))])
def test_a_wrong_number_or_text_is_refused_before_anything_is_stored(to: str, text: str) -> None:
    with pytest.raises(ValueError, match=r"."):
        queue_sms(to, text, key="test:bad")

    assert not OutboxMail.objects.exists()


def test_a_gateway_that_is_down_is_tried_again_and_then_listed_for_staff(
    settings: Any, client: Client, login: Any, erik: User, sms_outbox: list[SmsMessage]
) -> None:
    settings.SMS_BACKEND = "ressourcebank.notifications.tests.backends.FlakySmsBackend"
    FlakySmsBackend.failures = 100
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        message = _queue()
        assert deliver_mail.call(message.pk) is False
        message.refresh_from_db()
        assert message.state == OutboxMail.State.PENDING
        assert message.next_attempt_at == start + timedelta(minutes=1)
        assert "ConnectionRefusedError" in message.last_error
        for _attempt in range(12):
            clock.shift(timedelta(hours=3))
            delivery.deliver_due()
    message.refresh_from_db()
    assert message.state == OutboxMail.State.FAILED

    login(client, erik)
    page = client.get(reverse("staff:mail")).content.decode()
    assert "+4512345678" in page
    assert "Vi ringer dig op i morgen" in page
    assert "SMS" in page

    FlakySmsBackend.failures = 0
    client.post(reverse("staff:mail_retry", args=[message.pk]))
    assert deliver_mail.call(message.pk) is True
    assert [sent.to for sent in sms_outbox] == ["+4512345678"]


def test_the_file_backend_writes_one_file_per_sms(settings: Any, tmp_path: Path) -> None:
    settings.SMS_BACKEND = "file"
    settings.SMS_FILE_PATH = str(tmp_path)

    deliver_mail.call(_queue().pk)

    (written,) = tmp_path.iterdir()
    assert "To: +4512345678" in written.read_text()
    assert "Vi ringer dig op" in written.read_text()


def test_the_console_backend_prints_the_sms(settings: Any, capsys: pytest.CaptureFixture[str]) -> None:
    settings.SMS_BACKEND = "console"

    deliver_mail.call(_queue().pk)

    assert "SMS to +4512345678" in capsys.readouterr().out


class _Gateway(BaseHTTPRequestHandler):
    answer: ClassVar[int] = 200
    received: ClassVar[list[tuple[str, dict[str, Any]]]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).received.append((self.headers["Authorization"], body))
        self.send_response(type(self).answer)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 — the base class's name
        pass


@pytest.fixture
def gateway(settings: Any) -> Iterator[type[_Gateway]]:
    server = HTTPServer(("127.0.0.1", 0), _Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Gateway.answer, _Gateway.received = 200, []
    settings.SMS_BACKEND = "http"
    settings.SMS_GATEWAY_URL = f"http://127.0.0.1:{server.server_port}/sms"
    settings.SMS_GATEWAY_TOKEN = "hemmelig"  # noqa: S105 — a test token
    settings.SMS_SENDER = "Randers"
    try:
        yield _Gateway
    finally:
        server.shutdown()
        server.server_close()


def test_the_http_backend_posts_the_sms_to_the_gateway(gateway: type[_Gateway]) -> None:
    message = _queue()

    assert deliver_mail.call(message.pk) is True

    assert gateway.received == [
        (
            "Bearer hemmelig",
            {
                "to": "+4512345678",
                "from": "Randers",
                "text": "Vi ringer dig op i morgen kl. 10.",
                "reference": "test:1",
            },
        )
    ]


def test_a_gateway_that_refuses_the_sms_is_tried_again_later(gateway: type[_Gateway]) -> None:
    gateway.answer = 503
    message = _queue()

    assert deliver_mail.call(message.pk) is False

    message.refresh_from_db()
    assert message.state == OutboxMail.State.PENDING
    assert message.last_error == "SmsGatewayError: the gateway answered 503"


def test_a_gateway_url_that_is_not_http_is_never_opened(settings: Any, tmp_path: Path) -> None:
    settings.SMS_BACKEND = "http"
    settings.SMS_GATEWAY_URL = f"file://{tmp_path}/secret"
    message = _queue()

    assert deliver_mail.call(message.pk) is False

    message.refresh_from_db()
    assert "must be an http(s) URL" in message.last_error
