"""Use cases of notifications: record an event and queue its mail, choose how often, mark events
read, and the two digests. Each owns its transaction. Apps above (connections) call in here; this
app never imports them."""

from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from ressourcebank.accounts import mail as account_mail
from ressourcebank.accounts.models import User
from ressourcebank.lib.mail import SUBJECT_MAX_LENGTH, render_subject
from ressourcebank.needs.models import Need

from .delivery import enqueue_delivery
from .models import Event, Frequency, NotificationPreference, OutboxMail, frequency_of

# A person with no earlier weekly mail hears about offers from the last week.
NEED_DIGEST_FIRST_WINDOW = timedelta(days=7)
NEED_DIGEST_OFFERS = 5


def _render(name: str, context: dict[str, Any]) -> tuple[str, str, str]:
    """Subject, plain text and HTML of one mail, always in Danish."""
    context = {**context, "site_url": settings.SITE_URL}
    with translation.override("da"):
        subject = render_subject(f"notifications/email/{name}_subject.txt", context)
        text = render_to_string(f"notifications/email/{name}.txt", context)
        html = render_to_string(f"notifications/email/{name}.html", context)
    return subject, text, html


def _queue(
    user: User, kind: str, key: str, rendered: tuple[str, str, str], *, to_address: str | None = None
) -> OutboxMail | None:
    """Writes the outbox row and queues its delivery, both in the caller's transaction."""
    subject, text, html = rendered
    mail, created = OutboxMail.objects.get_or_create(
        idempotency_key=key,
        defaults={
            "recipient": user,
            "to_address": to_address or user.email,
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


def queue_account_mail(user: User, kind: str, key: str, mail: account_mail.Mail | None) -> None:
    """Accounts' mail (registered as its queue by NotificationsConfig.ready), whatever the person's
    choice of notifications: these are answers to what they did. A kind rendered at delivery is
    stored with its subject only."""
    if mail is None:
        rendered = (account_mail.subject_of(kind), "", "")
    else:
        rendered = (mail.subject[:SUBJECT_MAX_LENGTH], mail.text, mail.html)
    with transaction.atomic():
        _queue(user, kind, key, rendered, to_address=mail.to if mail else user.email)


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
            mail = _queue(user, OutboxMail.Kind.EVENT, f"event:{event.pk}:{user.pk}", _render("event", context))
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
    """Staff try a failed mail once more, now (say, after the mail server was fixed). If that try
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
            if _queue(user, OutboxMail.Kind.DAILY_DIGEST, key, _render("daily_digest", context)):
                Event.objects.filter(pk__in=[event.pk for event in events]).update(mailed_at=now)
                queued += 1
    return queued


def send_weekly_need_digests(now: datetime | None = None) -> int:
    """Tells the owner of an open need about offers that match it and were published since their last
    weekly mail. Nothing is sent when there is nothing new, or to people who want no mail."""
    from ressourcebank.matching.ranking import suggest_offers

    now = now or timezone.now()
    year, week, _weekday = timezone.localdate(now).isocalendar()
    needs_by_owner: dict[int, list[Need]] = defaultdict(list)
    for need in (
        Need.objects.filter(status=Need.Status.OPEN, owner__isnull=False, owner__is_active=True)
        .select_related("owner", "area", "category")
        .order_by("owner_id", "created_at")
    ):
        needs_by_owner[need.owner_id].append(need)  # type: ignore[index]
    queued = 0
    for needs in needs_by_owner.values():
        owner: User = needs[0].owner  # type: ignore[assignment]
        if frequency_of(owner) == Frequency.NONE or not owner.email:
            continue
        preference, _created = NotificationPreference.objects.get_or_create(user=owner)
        since = preference.need_digest_sent_at or now - NEED_DIGEST_FIRST_WINDOW
        sections = []
        for need in needs:
            suggestions = suggest_offers(need.title, need.description, need.area, category=need.category, limit=20)
            new_offers = [
                {"title": s.offer.title, "link": settings.SITE_URL + s.offer.get_absolute_url()}
                for s in suggestions
                if s.offer.published_at and since < s.offer.published_at <= now and s.offer.owner_id != owner.pk
            ][:NEED_DIGEST_OFFERS]
            if new_offers:
                link = settings.SITE_URL + need.get_absolute_url()
                sections.append({"title": need.display_title(), "link": link, "offers": new_offers})
        if not sections:
            continue
        with transaction.atomic():
            context = {"user": owner, "needs": sections}
            key = f"need:{owner.pk}:{year}-{week:02d}"
            if _queue(owner, OutboxMail.Kind.NEED_DIGEST, key, _render("need_digest", context)):
                queued += 1
            NotificationPreference.objects.filter(pk=preference.pk).update(need_digest_sent_at=now)
    return queued
