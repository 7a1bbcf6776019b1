"""Delivering the outbox: claim a row, send it through Django's mail API (or, for an SMS, the
SMS_BACKEND, see sms.py), mark it sent. Everything below holds for both channels.

Why it neither loses nor doubles a mail when a worker dies:
- Claiming is one UPDATE ... WHERE id = ... AND (pending and due, or "sending" for longer than
  STUCK_AFTER). The database lets only one worker win; the other updates no row and stops.
- The row is marked sent (with sent_at) in one statement straight after the mail server accepted the
  mail. A worker killed before that leaves the row in "sending"; deliver_due_mail takes it again after
  STUCK_AFTER and sends it — so a mail is never lost.
- The remaining window: a worker killed after the server said "accepted" but before that UPDATE
  committed (a few milliseconds) makes the row look unsent, and it goes out a second time. That is
  at-least-once, not exactly-once — no mail system can do better over SMTP. The copy carries the
  same Message-ID (from the idempotency key), so most mail programs show it once.
- A failed send (SMTP or network error) is tried again after growing pauses (RETRY_PAUSES); when the
  next try would fall more than GIVE_UP_AFTER after the mail was queued, the row is marked failed and
  staff see it on /staff/mail/. Django-tasks-db does not retry by itself, hence this.
- Django-tasks-db also leaves the job of a worker that died "RUNNING" for ever. close_dead_tasks
  marks such jobs failed once they have run longer than STUCK_AFTER: the outbox row, not the job, is
  what makes a mail go out (deliver_due takes it again), and running a dead job a second time could
  repeat whatever it did before it died.

Account mails whose link works like a password (accounts.mail.RENDERED_AT_DELIVERY) are stored
without a body; deliver renders them just before sending, with a fresh token, and never stores it.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ressourcebank.accounts import mail as account_mail

from . import sms
from .models import OutboxMail

logger = logging.getLogger(__name__)

RETRY_PAUSES = [timedelta(minutes=minutes) for minutes in (1, 5, 15, 60, 180, 360)]
GIVE_UP_AFTER = timedelta(hours=24)
# Longer than any real send (the SMTP timeout is 30 seconds): a row "sending" this long was left by
# a worker that died. The default of OUTBOX_STUCK_AFTER_SECONDS; the outbox benchmark shortens it.
STUCK_AFTER = timedelta(minutes=15)


def stuck_after() -> timedelta:
    return timedelta(seconds=getattr(settings, "OUTBOX_STUCK_AFTER_SECONDS", STUCK_AFTER.total_seconds()))


def pause_after(attempts: int) -> timedelta:
    """The pause before the next try, after `attempts` failed ones (the last pause repeats)."""
    return RETRY_PAUSES[min(max(attempts, 1), len(RETRY_PAUSES)) - 1]


def _message_id(mail: OutboxMail) -> str:
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(" >") or "ressourcebank"
    return f"<{mail.idempotency_key.replace(':', '.')}@{domain}>"


def claim(mail_id: int, now: datetime) -> bool:
    """Takes the row for this worker; False when it is not due, already sent, or another worker has it."""
    return bool(
        OutboxMail.objects.filter(pk=mail_id)
        .claimable(now, now - stuck_after())
        .update(state=OutboxMail.State.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )


def deliver(mail_id: int) -> bool:
    """Sends one outbox mail or SMS if this worker can claim it. True when it was sent now."""
    now = timezone.now()
    if not claim(mail_id, now):
        return False
    mail = OutboxMail.objects.select_related("recipient").get(pk=mail_id)
    if mail.channel == OutboxMail.Channel.SMS:
        return _deliver_sms(mail, now)
    subject, text, html, to = mail.subject, mail.text_body, mail.html_body, mail.to_address
    if mail.kind in account_mail.RENDERED_AT_DELIVERY and mail.recipient is not None:
        rendered = account_mail.render_at_delivery(mail.kind, mail.recipient)
        if rendered is None:
            OutboxMail.objects.filter(pk=mail_id).update(state=OutboxMail.State.CANCELLED)
            return False
        subject, text, html, to = rendered.subject, rendered.text, rendered.html, rendered.to
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to], headers={"Message-ID": _message_id(mail)})
    if html:
        message.attach_alternative(html, "text/html")
    try:
        message.send()
    except Exception as error:  # any failure to hand the mail over is worth another try
        _after_failure(mail, error, now)
        return False
    # Straight after the server accepted it, in one statement: see the module docstring.
    OutboxMail.objects.filter(pk=mail_id).update(state=OutboxMail.State.SENT, sent_at=timezone.now(), last_error="")
    return True


def _deliver_sms(message: OutboxMail, now: datetime) -> bool:
    try:
        sms.send(message.to_address, message.text_body, message.idempotency_key)
    except Exception as error:  # a gateway down, a timeout, a refusal: all worth another try
        _after_failure(message, error, now)
        return False
    OutboxMail.objects.filter(pk=message.pk).update(state=OutboxMail.State.SENT, sent_at=timezone.now(), last_error="")
    return True


def _after_failure(mail: OutboxMail, error: Exception, now: datetime) -> None:
    error_text = f"{type(error).__name__}: {error}"[:500]
    next_attempt_at = now + pause_after(mail.attempts)
    if next_attempt_at - mail.created_at > GIVE_UP_AFTER:
        OutboxMail.objects.filter(pk=mail.pk).update(state=OutboxMail.State.FAILED, last_error=error_text)
        # The id only: no address or content in the log.
        logger.warning("Outbox mail %s failed for good after %s attempts", mail.pk, mail.attempts)
        return
    OutboxMail.objects.filter(pk=mail.pk).update(
        state=OutboxMail.State.PENDING, next_attempt_at=next_attempt_at, last_error=error_text
    )
    logger.info("Outbox mail %s: attempt %s failed (%s)", mail.pk, mail.attempts, type(error).__name__)
    enqueue_delivery(mail.pk, run_after=next_attempt_at)


def enqueue_delivery(mail_id: int, *, run_after: datetime | None = None) -> None:
    """Queues the delivery task. A later try is queued only where the task backend can wait
    (django-tasks-db can); otherwise deliver_due_mail picks it up when it is due."""
    from .tasks import deliver_mail

    if run_after is None:
        deliver_mail.enqueue(mail_id)
    elif deliver_mail.get_backend().supports_defer:
        deliver_mail.using(run_after=run_after).enqueue(mail_id)


def close_dead_tasks(now: datetime | None = None) -> int:
    """Marks failed the task jobs a dead worker left running (see the module docstring). Returns how many."""
    now = now or timezone.now()
    return (
        DBTaskResult.objects.running()
        .filter(started_at__lt=now - stuck_after())
        .update(
            status="FAILED",
            finished_at=now,
            exception_class_path="ressourcebank.notifications.delivery.WorkerDied",
            traceback=f"The worker died: the job was still running after {stuck_after()}. Closed, not run again.",
        )
    )


def deliver_due(limit: int = 500) -> int:
    """Sends every due retry and every row a dead worker left in "sending". Returns how many went out."""
    now = timezone.now()
    due = list(
        OutboxMail.objects.claimable(now, now - stuck_after())
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(1 for mail_id in due if deliver(mail_id))
