from collections.abc import Callable
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from ressourcebank.connections.models import Connection
from ressourcebank.notifications import delivery
from ressourcebank.notifications.models import OutboxMail
from ressourcebank.notifications.tasks import deliver_mail
from ressourcebank.notifications.tests.backends import FlakyBackend, InterleavingBackend, WorkerKilled

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(ask: Callable[[], Connection]) -> OutboxMail:
    """One pending outbox mail (the real task backend stores its job and does not run it)."""
    ask()
    return OutboxMail.objects.get()


def test_the_delivery_task_sends_the_mail_and_marks_it_sent(queued: OutboxMail) -> None:
    assert deliver_mail.call(queued.pk) is True

    queued.refresh_from_db()
    assert queued.state == OutboxMail.State.SENT
    assert queued.sent_at is not None
    assert queued.attempts == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"].startswith("<event.")


def test_a_sent_mail_is_not_sent_again(queued: OutboxMail) -> None:
    deliver_mail.call(queued.pk)

    assert deliver_mail.call(queued.pk) is False
    assert delivery.deliver_due() == 0
    assert len(mail.outbox) == 1


def test_a_failing_mail_server_is_tried_again_after_growing_pauses(
    queued: OutboxMail, flaky: type[FlakyBackend]
) -> None:
    flaky.failures = 3
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        assert deliver_mail.call(queued.pk) is False
        queued.refresh_from_db()
        assert queued.state == OutboxMail.State.PENDING
        assert queued.next_attempt_at == start + timedelta(minutes=1)
        assert "SMTPServerDisconnected" in queued.last_error

        # Not due yet: nothing happens.
        assert delivery.deliver_due() == 0
        clock.shift(timedelta(minutes=1))
        assert delivery.deliver_due() == 0  # second failure
        queued.refresh_from_db()
        assert queued.next_attempt_at == timezone.now() + timedelta(minutes=5)

        clock.shift(timedelta(minutes=5))
        assert delivery.deliver_due() == 0  # third failure
        queued.refresh_from_db()
        assert queued.next_attempt_at == timezone.now() + timedelta(minutes=15)

        clock.shift(timedelta(minutes=15))
        call_command("deliver_due_mail", stdout=StringIO())

    queued.refresh_from_db()
    assert queued.state == OutboxMail.State.SENT
    assert queued.attempts == 4
    assert queued.last_error == ""
    assert flaky.tries == 4
    assert len(mail.outbox) == 1


def test_a_mail_the_server_refuses_for_24_hours_is_marked_failed(queued: OutboxMail, flaky: type[FlakyBackend]) -> None:
    flaky.failures = 1000
    with time_machine.travel(timezone.now(), tick=False) as clock:
        deliver_mail.call(queued.pk)
        for _try in range(20):
            queued.refresh_from_db()
            if queued.state == OutboxMail.State.FAILED:
                break
            clock.move_to(queued.next_attempt_at)
            delivery.deliver_due()

    queued.refresh_from_db()
    assert queued.state == OutboxMail.State.FAILED
    assert queued.sent_at is None
    assert mail.outbox == []
    # Tries after 0, 1, 6, 21 and 81 minutes, then 4h21, 10h21, 16h21, 22h21; the next would be
    # after 24 hours.
    assert queued.attempts == flaky.tries == 9
    assert delivery.deliver_due() == 0


def test_the_pauses_grow_and_stop_growing_at_six_hours() -> None:
    pauses = [delivery.pause_after(attempts) for attempts in range(1, 10)]

    assert pauses == sorted(pauses)
    assert pauses[0] == timedelta(minutes=1)
    assert pauses[-1] == timedelta(hours=6)


def test_a_mail_left_half_sent_by_a_killed_worker_is_delivered_once_after_a_restart(
    queued: OutboxMail, use_mail_backend: Callable[[str], None]
) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        use_mail_backend("KilledWorkerBackend")
        with pytest.raises(WorkerKilled):
            deliver_mail.call(queued.pk)
        queued.refresh_from_db()
        assert queued.state == OutboxMail.State.SENDING

        use_mail_backend("FlakyBackend")
        FlakyBackend.failures = 0
        # A restarted worker leaves a row another worker may still be sending...
        clock.shift(timedelta(minutes=5))
        assert delivery.deliver_due() == 0
        assert deliver_mail.call(queued.pk) is False
        # ...until it has been "sending" for too long to be alive.
        clock.shift(delivery.STUCK_AFTER)
        assert delivery.deliver_due() == 1
        assert delivery.deliver_due() == 0
        assert deliver_mail.call(queued.pk) is False

    queued.refresh_from_db()
    assert queued.state == OutboxMail.State.SENT
    assert queued.attempts == 2
    assert len(mail.outbox) == 1


def test_two_workers_delivering_the_same_mail_at_once_send_it_once(
    queued: OutboxMail, use_mail_backend: Callable[[str], None]
) -> None:
    use_mail_backend("InterleavingBackend")
    InterleavingBackend.seen = []
    # The second worker arrives while the first is talking to the mail server.
    InterleavingBackend.during_send = lambda: deliver_mail.call(queued.pk)
    try:
        assert deliver_mail.call(queued.pk) is True
    finally:
        InterleavingBackend.during_send = None

    assert InterleavingBackend.seen == [False]
    assert len(mail.outbox) == 1
    queued.refresh_from_db()
    assert queued.attempts == 1


def test_a_citizen_without_an_account_is_mailed_at_the_address_given() -> None:
    from django.db import transaction

    from ressourcebank.notifications.actions import queue_mail

    with transaction.atomic():
        queued = queue_mail(
            None,
            OutboxMail.Kind.INQUIRY,
            "inquiry:1",
            ("Kvittering", "Tak for din besked.", ""),
            to_address="borger@example.dk",
        )
    assert queued is not None

    assert deliver_mail.call(queued.pk) is True
    assert mail.outbox[0].to == ["borger@example.dk"]


def test_a_mail_without_any_address_is_refused() -> None:
    from ressourcebank.notifications.actions import queue_mail

    with pytest.raises(ValueError, match="needs an address"):
        queue_mail(None, OutboxMail.Kind.INQUIRY, "inquiry:2", ("Kvittering", "Tak.", ""))
