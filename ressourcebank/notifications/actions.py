"""Use cases of notifications: record an event and queue its mail, queue an SMS, choose how often,
mark events read, and the daily digest. Each owns its transaction. Apps above (connections) call in here; this
app never imports them."""

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from ressourcebank.accounts import mail as account_mail
from ressourcebank.accounts.models import User
from ressourcebank.lib.mail import SUBJECT_MAX_LENGTH, render_subject
from ressourcebank.lib.phone import normalise_phone

from .delivery import enqueue_delivery
from .models import Event, Frequency, NotificationPreference, OutboxMail, frequency_of
from .sms import SMS_MAX_LENGTH


def render_mail(name: str, context: dict[str, Any]) -> tuple[str, str, str]:
    """Subject, plain text and HTML of one mail (templates notifications/email/<name>*), always in Danish."""
    context = {**context, "site_url": settings.SITE_URL}
    with translation.override("da"):
        subject = render_subject(f"notifications/email/{name}_subject.txt", context)
        text = render_to_string(f"notifications/email/{name}.txt", context)
        html = render_to_string(f"notifications/email/{name}.html", context)
    return subject, text, html


def queue_mail(
    user: User | None, kind: str, key: str, rendered: tuple[str, str, str], *, to_address: str | None = None
) -> OutboxMail | None:
    """Writes the outbox row and queues its delivery, both in the caller's transaction. The key makes
    it idempotent: a second call with the same key queues nothing and returns None. A citizen
    without an account (user None) is mailed at to_address."""
    subject, text, html = rendered
    address = to_address or (user.email if user else "")
    if not address:
        raise ValueError("queue_mail needs an address: a user with an e-mail or to_address")
    mail, created = OutboxMail.objects.get_or_create(
        idempotency_key=key,
        defaults={
            "recipient": user,
            "to_address": address,
            "kind": kind,
            "subject": subject,
            "text_body": text,
            "html_body": html,
        },
    )
    if not created:
        return None
    enqueue_delivery(mail.pk)
    return mail


def queue_sms(
    to: str, text: str, *, key: str, kind: str = OutboxMail.Kind.MESSAGE, user: User | None = None
) -> OutboxMail | None:
    """An SMS through the outbox, with the same retries and failed list as mail, queued in the
    caller's transaction. `to` is a phone number as typed or in E.164 form (ValueError if it is not
    one); the text is sent as given, at most sms.SMS_MAX_LENGTH characters. The key makes it
    idempotent, as for queue_mail."""
    if not text.strip() or len(text) > SMS_MAX_LENGTH:
        raise ValueError(f"an SMS has 1 to {SMS_MAX_LENGTH} characters")
    message, created = OutboxMail.objects.get_or_create(
        idempotency_key=key,
        defaults={
            "channel": OutboxMail.Channel.SMS,
            "recipient": user,
            "to_address": normalise_phone(to),
            "kind": kind,
            "text_body": text,
        },
    )
    if not created:
        return None
    enqueue_delivery(message.pk)
    return message


def queue_account_mail(user: User, kind: str, key: str, mail: account_mail.Mail | None) -> None:
    """Accounts' mail (registered as its queue by NotificationsConfig.ready), whatever the person's
    choice of notifications: these are answers to what they did. A kind rendered at delivery is
    stored with its subject only."""
    if mail is None:
        rendered = (account_mail.subject_of(kind), "", "")
    else:
        rendered = (mail.subject[:SUBJECT_MAX_LENGTH], mail.text, mail.html)
    with transaction.atomic():
        queue_mail(user, kind, key, rendered, to_address=mail.to if mail else user.email)


def _can_receive_mail(user: User) -> bool:
    return bool(user.is_active and user.email)


def _event_context(event: Event) -> dict[str, Any]:
    return {
        "kind": event.get_kind_display(),
        "offer_title": event.connection.offer.title,
        "link": settings.SITE_URL + reverse("connections:detail", args=[event.connection_id]),
    }


def notify(user: User, kind: str, connection: Any) -> Event:
    """Tells one person that something happened in a connection: an unread in-app event, and a mail
    according to the person's choice (at once, daily, none), queued in the caller's transaction."""
    event = Event.objects.create(user=user, kind=kind, connection=connection)
    queue_event_mail(event)
    return event


def queue_event_mail(event: Event) -> OutboxMail | None:
    """Called by notify, inside the change's transaction: for a person who wants
    mail at once, the outbox row and its delivery task commit (or roll back) with the change. A daily
    person's event waits for the digest; a person who wants no mail gets none."""
    user: User = event.user  # type: ignore[assignment]
    with transaction.atomic():
        frequency = frequency_of(user)
        if frequency == Frequency.DAILY and _can_receive_mail(user):
            return None
        mail = None
        if frequency == Frequency.AT_ONCE and _can_receive_mail(user):
            context = {"user": user, **_event_context(event)}
            mail = queue_mail(user, OutboxMail.Kind.EVENT, f"event:{event.pk}:{user.pk}", render_mail("event", context))
        # Handed to the outbox, or decided not to be mailed: the digest must not take it again.
        Event.objects.filter(pk=event.pk).update(mailed_at=timezone.now())
        return mail


def set_frequency(user: User, frequency: str) -> NotificationPreference:
    with transaction.atomic():
        preference, _created = NotificationPreference.objects.update_or_create(
            user=user, defaults={"frequency": frequency}
        )
        if frequency != Frequency.DAILY:
            # Events waiting for a digest the person no longer wants are not mailed later in a heap.
            Event.objects.filter(user=user, mailed_at__isnull=True).update(mailed_at=timezone.now())
        return preference


def retry_failed_mail(mail_id: int, *, by: User) -> bool:
    """Staff try a failed mail or SMS once more, now (say, after the mail server was fixed). If that try
    fails too, the mail is failed again at once: its day of retries is over."""
    from ressourcebank.audit.models import Verb, record

    with transaction.atomic():
        mail = OutboxMail.objects.select_for_update().filter(pk=mail_id, state=OutboxMail.State.FAILED).first()
        if mail is None:
            return False
        OutboxMail.objects.filter(pk=mail.pk).update(state=OutboxMail.State.PENDING, next_attempt_at=timezone.now())
        record(
            by, Verb.RETRY_MAIL, mail, note="mail sendt igen", changes={"state": (mail.state, OutboxMail.State.PENDING)}
        )
        enqueue_delivery(mail.pk)
        return True


def mark_read(user: User, event_id: int) -> bool:
    """Only the person's own events: another's id changes nothing."""
    return bool(Event.objects.filter(pk=event_id, user=user, read_at__isnull=True).update(read_at=timezone.now()))


def mark_connection_read(user: User, connection: Any) -> int:
    """The person opened the connection: its events are read."""
    return Event.objects.filter(user=user, connection=connection, read_at__isnull=True).update(read_at=timezone.now())


def mark_all_read(user: User) -> int:
    return Event.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


def send_daily_digests(now: datetime | None = None) -> int:
    """One mail per daily person with events not yet mailed; at most one such mail per person and day.
    Returns how many were queued."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    people = User.objects.filter(
        notification_preference__frequency=Frequency.DAILY,
        is_active=True,
        connection_events__mailed_at__isnull=True,
    ).distinct()
    queued = 0
    for user in people:
        if not user.email:
            continue
        with transaction.atomic():
            events = list(
                Event.objects.filter(user=user, mailed_at__isnull=True)
                .select_related("connection__offer")
                .order_by("created_at", "id")
            )
            if not events:
                continue
            context = {"user": user, "events": [_event_context(event) for event in events]}
            key = f"daily:{user.pk}:{today.isoformat()}"
            if queue_mail(user, OutboxMail.Kind.DAILY_DIGEST, key, render_mail("daily_digest", context)):
                Event.objects.filter(pk__in=[event.pk for event in events]).update(mailed_at=now)
                queued += 1
    return queued
