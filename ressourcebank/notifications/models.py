"""Notifications: the in-app events ("Nyt"), each person's choice of mail, and the outbox the mail
worker delivers from.

One outbox row is one mail or one SMS to one address or phone number. It is written in the same
transaction as the change that causes it (see actions.queue_event_mail), so a rolled-back change
sends nothing, and a committed one always has its row, whatever happens to the task queue afterwards.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ressourcebank.accounts import mail as account_mail


class Frequency(models.TextChoices):
    AT_ONCE = "at_once", _("Med det samme")
    DAILY = "daily", _("Én samlet mail om dagen")
    NONE = "none", _("Ingen mails")


class NotificationPreference(models.Model):
    """Only people who changed the default have a row; everyone else gets mail at once."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="notification_preference")
    frequency = models.CharField(
        _("hvornår vil du have mail?"), max_length=10, choices=Frequency.choices, default=Frequency.AT_ONCE
    )
    # When the weekly mail about new offers for the person's open needs last went out: the next one
    # only tells about offers published after it.
    need_digest_sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user_id} · {self.frequency}"


def frequency_of(user: Any) -> str:
    preference = NotificationPreference.objects.filter(user=user).only("frequency").first()
    return preference.frequency if preference else Frequency.AT_ONCE


class OutboxMailQuerySet(models.QuerySet["OutboxMail"]):
    def claimable(self, now: Any, stuck_before: Any) -> "OutboxMailQuerySet":
        """Rows a worker may take: pending and due, or left in "sending" by a worker that died."""
        return self.filter(
            Q(state=OutboxMail.State.PENDING, next_attempt_at__lte=now)
            | Q(state=OutboxMail.State.SENDING, claimed_at__lt=stuck_before)
        )


class OutboxMail(models.Model):
    """One mail or SMS on its way. Both channels share the claim, the retries and the failed list
    (delivery.py), so there is one way of getting a message out, whatever carries it."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("Mail")
        SMS = "sms", _("SMS")

    class Kind(models.TextChoices):
        EVENT = "event", _("Hændelse")
        DAILY_DIGEST = "daily_digest", _("Dagens samlede mail")
        NEED_DIGEST = "need_digest", _("Nye tilbud til dit behov")
        CONFIRM_EMAIL = account_mail.CONFIRM_EMAIL, _("Bekræft e-mail")
        PASSWORD_RESET = account_mail.PASSWORD_RESET, _("Ny adgangskode")
        ORGANISATION_DECISION = account_mail.ORGANISATION_DECISION, _("Afgørelse om organisation")
        ORGANISATION_INVITATION = account_mail.ORGANISATION_INVITATION, _("Invitation til en organisation")
        # The capabilities above (inbox, appointments, placements) queue their messages under these;
        # MESSAGE is any other SMS.
        MESSAGE = "message", _("Besked")
        INQUIRY = "inquiry", _("Henvendelse til kommunen")
        CALLBACK = "callback", _("Ring mig op")
        COUNSELLING = "counselling", _("Fremskudt rådgivning")
        ACTIVITY = "activity", _("Fællesskaber")
        PLACEMENT = "placement", _("Plads i en virksomhed")

    class State(models.TextChoices):
        PENDING = "pending", _("Venter")
        SENDING = "sending", _("Sendes")
        SENT = "sent", _("Sendt")
        FAILED = "failed", _("Kunne ikke sendes")
        # A mail made when it is sent that was no longer needed (say, the address was confirmed).
        CANCELLED = "cancelled", _("Ikke sendt: ikke længere nødvendig")

    channel = models.CharField(_("sendes som"), max_length=5, choices=Channel.choices, default=Channel.EMAIL)
    # Empty for a citizen without an account (a callback, a message to the municipality).
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, null=True, blank=True, related_name="outbox_mails"
    )
    # An e-mail address, or for an SMS a phone number in E.164 form (lib.phone).
    to_address = models.CharField(_("modtager"), max_length=254)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    subject = models.CharField(_("emne"), max_length=200)
    # Empty for the kinds accounts.mail renders when the mail is sent (their links act as passwords).
    # An SMS has its text here and no subject or HTML.
    text_body = models.TextField(blank=True)
    html_body = models.TextField(blank=True)
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(_("forsøg"), default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    # When a worker took the row; a row "sending" for long after this was left by a dead worker.
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(_("seneste fejl"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    # One mail per cause and person (event:<id>:<user>, daily:<user>:<date>, need:<user>:<week>):
    # a repeated notify or digest run cannot queue the same mail twice.
    idempotency_key = models.CharField(max_length=100, unique=True)

    objects = OutboxMailQuerySet.as_manager()

    class Meta:
        verbose_name = _("udgående mail eller SMS")
        verbose_name_plural = _("udgående mails og SMS")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="notifications_outbox_due")]
        constraints = [
            models.CheckConstraint(condition=~Q(to_address=""), name="notifications_outbox_has_address"),
            models.CheckConstraint(
                condition=Q(channel="email") | (Q(subject="", html_body="") & ~Q(text_body="")),
                name="notifications_outbox_sms_is_plain_text",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pk} · {self.channel} · {self.kind} · {self.state}"


class Event(models.Model):
    """Something that happened in a connection, for one person: the in-app list of unread events,
    and what the mail (at once or in the daily digest) is written from (see actions.notify).

    The model moved here from connections; its table kept its name, so no row was copied."""

    class Kind(models.TextChoices):
        ASKED = "asked", _("Du er blevet spurgt om hjælp")
        OFFERED = "offered", _("Nogen tilbyder at hjælpe dig")
        ACCEPTED = "accepted", _("Din forespørgsel er accepteret")
        DECLINED = "declined", _("Din forespørgsel er afslået")
        CANCELLED = "cancelled", _("En forbindelse er afbrudt")
        COMPLETED = "completed", _("En forbindelse er afsluttet")
        MESSAGE = "message", _("Ny besked")
        HOURS_RECORDED = "hours_recorded", _("Der er registreret timer")
        HOURS_CONFIRMED = "hours_confirmed", _("Dine timer er bekræftet")
        THANKED = "thanked", _("Du har fået tak")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="connection_events")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    connection = models.ForeignKey("connections.Connection", models.CASCADE, related_name="events")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # Set by the mail worker once delivered (or decided not to be mailed).
    mailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "connections_event"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="connections_event_unread")]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.kind}"
