"""Who answers the citizens' messages: teams, the topics each answers, and (below) the messages."""

import os
import secrets
from datetime import date

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ressourcebank.lib.workdays import add_working_days


def secrets_token() -> str:
    return secrets.token_urlsafe(16)


# A team promises an answer within this many working days; more than a month is no promise.
MAX_ANSWER_DAYS = 30


class Team(models.Model):
    """A group of municipal staff who answer one kind of question, with their own phone hour."""

    name = models.CharField(_("navn"), max_length=100)
    slug = models.SlugField(_("kort navn"), max_length=50, unique=True)
    answer_days = models.PositiveSmallIntegerField(
        _("svartid i arbejdsdage"),
        default=5,
        help_text=_("Så mange arbejdsdage lover vi borgeren at svare inden for. Helligdage tæller ikke."),
    )
    email = models.EmailField(_("e-mail"), max_length=254)
    phone = models.CharField(_("telefon"), max_length=30)
    phone_hours = models.CharField(
        _("telefontid"), max_length=200, help_text=_("Fx: Mandag til fredag kl. 9–10, torsdag også kl. 15–17.")
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("medarbejdere"), related_name="teams", blank=True
    )
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(answer_days__gte=1, answer_days__lte=MAX_ANSWER_DAYS),
                name="inbox_team_answer_days_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def answer_by_date(self, received_on: date) -> date:
        """The day we promise an answer by for a message received on `received_on`."""
        return add_working_days(received_on, self.answer_days)


class TopicQuerySet(models.QuerySet["Topic"]):
    def active(self) -> "TopicQuerySet":
        return self.filter(is_active=True)

    def for_citizens(self) -> "TopicQuerySet":
        """The topics a citizen picks from on "Skriv til kommunen" (not a landlord's early warning)."""
        return self.active().filter(is_on_citizen_form=True)


class Topic(models.Model):
    """What a citizen writes about ("Økonomi og ydelser"); it decides which team gets the message."""

    slug = models.SlugField(_("kort navn"), max_length=50, unique=True)
    name = models.CharField(_("navn"), max_length=100)
    description = models.CharField(_("forklaring"), max_length=200, blank=True)
    # No team yet: the message lands in the queue every staff member sees ("Ikke fordelt").
    team = models.ForeignKey(
        Team, models.SET_NULL, null=True, blank=True, related_name="topics", verbose_name=_("team")
    )
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    is_active = models.BooleanField(_("i brug"), default=True)
    # False for a topic with a form of its own (a landlord's early warning about a tenant).
    is_on_citizen_form = models.BooleanField(_("kan vælges på Skriv til kommunen"), default=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        verbose_name = _("emne")
        verbose_name_plural = _("emner")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class PrivateStorage(FileSystemStorage):
    """Attachments live outside the web root, in PRIVATE_MEDIA_ROOT, and have no URL: only a view
    that checks who asks serves them. The folder is read from the settings each time it is used
    (a field's storage is made once, at import)."""

    @property  # type: ignore[override]
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property  # type: ignore[override]
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no URL; the staff inbox serves them.")


def private_storage() -> Storage:
    return PrivateStorage()


class AnswerBy(models.TextChoices):
    EMAIL = "email", _("På e-mail")
    PHONE = "phone", _("Ring til mig")
    SMS = "sms", _("På SMS")


class InquiryQuerySet(models.QuerySet["Inquiry"]):
    def waiting_for_staff(self) -> "InquiryQuerySet":
        """Not answered, not closed and not paused: the clock runs."""
        return self.filter(status__in=[Inquiry.Status.NEW, Inquiry.Status.OPEN])

    def overdue(self, today: date) -> "InquiryQuerySet":
        return self.waiting_for_staff().filter(due_on__lt=today)

    def in_queue(self, team: "Team | None") -> "InquiryQuerySet":
        return self.filter(team=team) if team else self.filter(team__isnull=True)


class Inquiry(models.Model):
    """A citizen's message to the municipality and its thread: stored before the receipt is shown."""

    class Status(models.TextChoices):
        NEW = "new", _("Ny")
        OPEN = "open", _("Under behandling")
        WAITING = "waiting", _("Venter på borgeren")
        ANSWERED = "answered", _("Besvaret")
        CLOSED = "closed", _("Afsluttet")

    reference = models.CharField(_("referencenummer"), max_length=20, unique=True)
    topic = models.ForeignKey(Topic, models.PROTECT, related_name="inquiries", verbose_name=_("emne"))
    # None: nobody answers the topic yet; the message waits in the shared queue ("Ikke fordelt").
    team = models.ForeignKey(
        Team, models.PROTECT, null=True, blank=True, related_name="inquiries", verbose_name=_("team")
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_inquiries",
        verbose_name=_("sagsbehandler"),
    )
    # The account that wrote, when the citizen was logged in; None for someone without an account.
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="inquiries"
    )
    name = models.CharField(_("navn"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    answer_by = models.CharField(_("svar"), max_length=10, choices=AnswerBy.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    received_at = models.DateTimeField(_("modtaget"), default=timezone.now)
    # The promised day: received + the team's working days, moved on by each pause of the clock.
    due_on = models.DateField(_("svar senest"))
    paused_at = models.DateTimeField(_("sat på pause"), null=True, blank=True)
    first_answered_at = models.DateTimeField(_("første svar"), null=True, blank=True)
    # Set once, at the first answer: the week's figures read them without replaying the clock.
    answered_in_time = models.BooleanField(_("svaret til tiden"), null=True, blank=True)
    answer_working_days = models.PositiveSmallIntegerField(_("svartid i arbejdsdage"), null=True, blank=True)
    # A random part of the citizen's status link: a new one ends every link sent before.
    link_key = models.CharField(max_length=32, default=secrets_token)
    # Not answered and not closed (new, open or waiting for the citizen): kept by the database.
    is_open = models.GeneratedField(
        expression=models.Case(
            models.When(status__in=["new", "open", "waiting"], then=models.Value(True)),
            default=models.Value(False),
        ),
        output_field=models.BooleanField(),
        db_persist=True,
    )
    updated_at = models.DateTimeField(_("senest ændret"), auto_now=True)

    objects = InquiryQuerySet.as_manager()

    class Meta:
        verbose_name = _("henvendelse")
        verbose_name_plural = _("henvendelser")
        ordering = ["due_on", "received_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(answer_by="email") | ~models.Q(email=""), name="inbox_inquiry_email_to_answer"
            ),
            models.CheckConstraint(
                condition=models.Q(answer_by="email") | ~models.Q(phone=""), name="inbox_inquiry_phone_to_answer"
            ),
            models.CheckConstraint(
                condition=models.Q(status="waiting", paused_at__isnull=False)
                | (~models.Q(status="waiting") & models.Q(paused_at__isnull=True)),
                name="inbox_inquiry_paused_only_while_waiting",
            ),
        ]
        indexes = [
            # The staff queue: one team's open messages, the oldest promise first.
            models.Index(fields=["team", "status", "due_on", "received_at"], name="inbox_queue"),
            # The open queue in its order without a sort, the page staff open most (an IN over the
            # three open statuses would make both databases sort every open row for one page).
            models.Index(fields=["team", "is_open", "due_on", "received_at", "id"], name="inbox_open_queue"),
            models.Index(fields=["assigned_to", "status", "due_on"], name="inbox_assigned"),
            models.Index(fields=["team", "received_at"], name="inbox_team_week"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_paused(self) -> bool:
        return self.paused_at is not None

    def is_overdue(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.status in (self.Status.NEW, self.Status.OPEN) and self.due_on < today

    @property
    def contact_for_answer(self) -> str:
        return self.email if self.answer_by == AnswerBy.EMAIL else self.phone


class ClockPause(models.Model):
    """One pause of an inquiry's answer clock, with the reason staff gave; the clock runs again at
    `resumed_at`, and the promised day moves on by the working days in between."""

    inquiry = models.ForeignKey(Inquiry, models.CASCADE, related_name="pauses")
    reason = models.CharField(_("begrundelse"), max_length=300)
    paused_at = models.DateTimeField(_("sat på pause"), default=timezone.now)
    paused_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    resumed_at = models.DateTimeField(_("genoptaget"), null=True, blank=True)
    working_days = models.PositiveSmallIntegerField(_("arbejdsdage på pause"), default=0)

    class Meta:
        verbose_name = _("pause i svartiden")
        verbose_name_plural = _("pauser i svartiden")
        ordering = ["paused_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(reason=""), name="inbox_clockpause_has_reason"),
            models.UniqueConstraint(
                fields=["inquiry"], condition=models.Q(resumed_at__isnull=True), name="inbox_one_open_pause"
            ),
        ]

    def __str__(self) -> str:
        return self.reason


class Message(models.Model):
    """One entry in an inquiry's thread. Notes are staff-only; the rest the citizen reads."""

    class Kind(models.TextChoices):
        CITIZEN = "citizen", _("Fra borgeren")
        ANSWER = "answer", _("Svar fra kommunen")
        NOTE = "note", _("Intern note")
        HANDOVER = "handover", _("Sendt videre")

    class Delivery(models.TextChoices):
        NONE = "", _("Ingen")
        MAIL = "mail", _("Sendt på e-mail")
        SMS = "sms", _("Sendt på SMS")
        PHONE = "phone", _("Borgeren bliver ringet op")

    inquiry = models.ForeignKey(Inquiry, models.CASCADE, related_name="messages")
    kind = models.CharField(_("slags"), max_length=10, choices=Kind.choices)
    body = models.TextField(_("besked"), max_length=5000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    delivery = models.CharField(_("levering"), max_length=12, choices=Delivery.choices, blank=True, default="")
    # A hand-over: the team it went to (the body is the reason the citizen is given).
    handed_to = models.ForeignKey(Team, models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("skrevet"), default=timezone.now)

    class Meta:
        verbose_name = _("besked")
        verbose_name_plural = _("beskeder")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["inquiry", "created_at"], name="inbox_message_thread")]

    def __str__(self) -> str:
        return f"{self.inquiry_id}: {self.get_kind_display()}"

    @property
    def is_visible_to_citizen(self) -> bool:
        return self.kind != self.Kind.NOTE


class Attachment(models.Model):
    """A file a citizen sent with a message, its type read from its content (not its name)."""

    message = models.ForeignKey(Message, models.CASCADE, related_name="attachments")
    file = models.FileField(storage=private_storage, upload_to="inbox/%Y/%m/", max_length=200)
    original_name = models.CharField(_("filnavn"), max_length=200)
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("størrelse"))

    class Meta:
        verbose_name = _("bilag")
        verbose_name_plural = _("bilag")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name
