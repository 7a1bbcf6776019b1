"""Use cases of the inbox: a citizen writes and replies, staff answer, note, assign, hand over and
pause the answer clock. Each owns its transaction, writes its audit row and queues its mail inside
it, so a message is stored (and its receipt queued) before anyone is told it arrived."""

import secrets
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ressourcebank.accounts.models import User
from ressourcebank.audit.models import Verb, record
from ressourcebank.cases.models import current_tovholder_for
from ressourcebank.lib.mail import render_subject
from ressourcebank.lib.workdays import add_working_days, working_days_between
from ressourcebank.notifications.actions import queue_mail, queue_sms
from ressourcebank.notifications.models import OutboxMail
from ressourcebank.notifications.sms import SMS_MAX_LENGTH

from .attachments import detect_type
from .models import AnswerBy, Attachment, ClockPause, Inquiry, Message, Team, Topic
from .tokens import make_status_token

# Letters and digits that cannot be mistaken for one another when read aloud on the phone.
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@dataclass(frozen=True)
class NewInquiry:
    topic: Topic
    message: str
    answer_by: str
    name: str = ""
    email: str = ""
    phone: str = ""


def new_reference() -> str:
    """ "H-7KQ3-M9XA": short enough to read out, random so that it tells nothing and guesses nothing."""
    part = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"H-{part[:4]}-{part[4:]}"


def status_url(inquiry: Inquiry) -> str:
    """The full status link for the citizen (receipt, answer mails, API)."""
    token = make_status_token(inquiry.pk, inquiry.link_key)
    return settings.SITE_URL + reverse("inbox:status", args=[token])


def route(topic: Topic, citizen: User | None) -> tuple[Team | None, User | None]:
    """The team that answers the topic; a logged-in citizen with an open case has it assigned to
    their own tovholder (or the substitute while the tovholder is away), inside that team's queue."""
    return topic.team, current_tovholder_for(citizen) if citizen is not None else None


def _today(now: datetime | None = None) -> date:
    return timezone.localdate(now or timezone.now())


def _render(name: str, context: dict[str, object]) -> tuple[str, str, str]:
    with translation.override("da"):
        context = {**context, "site_url": settings.SITE_URL}
        subject = render_subject(f"inbox/email/{name}_subject.txt", context)
        text = render_to_string(f"inbox/email/{name}.txt", context)
        html = render_to_string(f"inbox/email/{name}.html", context)
    return subject, text, html


def _mail_citizen(inquiry: Inquiry, kind: str, key: str, template: str, context: dict[str, object]) -> bool:
    if not inquiry.email:
        return False
    context = {"inquiry": inquiry, "status_url": status_url(inquiry), **context}
    queue_mail(inquiry.citizen, kind, key, _render(template, context), to_address=inquiry.email)
    return True


def _sms_citizen(inquiry: Inquiry, key: str, template: str, context: dict[str, object]) -> bool:
    """An SMS to a citizen who chose SMS: the text from inbox/sms/<template>.txt, the link last. A
    long answer is cut to fit one SMS's length and the link reads the rest."""
    if inquiry.answer_by != AnswerBy.SMS or not inquiry.phone:
        return False
    link = status_url(inquiry)
    with translation.override("da"):
        context = {"inquiry": inquiry, **context}
        text = " ".join(render_to_string(f"inbox/sms/{template}.txt", context).split())
        more = _("Læs og svar her:")
    room = SMS_MAX_LENGTH - len(link) - len(more) - 3
    if len(text) > room:
        text = text[: room - 1].rstrip() + "…"
    queue_sms(inquiry.phone, f"{text} {more} {link}", key=key, kind=OutboxMail.Kind.INQUIRY, user=inquiry.citizen)
    return True


def _attach(message: Message, files: list[UploadedFile]) -> None:
    for upload in files:
        file_type = detect_type(upload.file)  # type: ignore[arg-type]
        if file_type is None:
            # The form checked already; an action called from elsewhere is held to the same rule.
            raise ValidationError({"attachments": _("Filen er ikke en PDF eller et billede.")})
        name = f"{secrets.token_hex(16)}.{file_type.extension}"
        attachment = Attachment(
            message=message,
            original_name=(upload.name or name)[:200],
            content_type=file_type.content_type,
            size=upload.size or 0,
        )
        attachment.file.save(name, upload, save=False)
        attachment.save()


def submit_inquiry(
    data: NewInquiry, *, files: list[UploadedFile] | None = None, by: User | None, send_receipt: bool = True
) -> Inquiry:
    """A citizen writes to the municipality (logged in or not). Stored with its first message, routed,
    its promised day set; the receipt is mailed when there is an address (and `send_receipt`)."""
    team, assignee = route(data.topic, by)
    now = timezone.now()
    due_on = team.answer_by_date(_today(now)) if team else add_working_days(_today(now), 5)
    with transaction.atomic():
        for _attempt in range(5):
            try:
                with transaction.atomic():
                    inquiry = Inquiry.objects.create(
                        reference=new_reference(),
                        topic=data.topic,
                        team=team,
                        assigned_to=assignee,
                        citizen=by,
                        name=data.name,
                        email=data.email,
                        phone=data.phone,
                        answer_by=data.answer_by,
                        received_at=now,
                        due_on=due_on,
                    )
                break
            except IntegrityError:  # the same random reference twice: draw again
                continue
        else:
            raise RuntimeError("no free reference")
        message = Message.objects.create(
            inquiry=inquiry, kind=Message.Kind.CITIZEN, body=data.message, author=by, created_at=now
        )
        _attach(message, files or [])
        record(by, Verb.CREATE, inquiry, note="henvendelse modtaget")
        if send_receipt:
            _mail_citizen(inquiry, OutboxMail.Kind.INQUIRY, f"inquiry-receipt:{inquiry.pk}", "receipt", {})
            _sms_citizen(inquiry, f"inquiry-receipt-sms:{inquiry.pk}", "receipt", {})
    return inquiry


# The topic of a landlord's early warning (migration 0005); staff give it to the housing team.
HOUSING_WARNING_TOPIC = "udlejer-varsel"


@dataclass(frozen=True)
class HousingWarning:
    organisation: str
    name: str
    email: str
    phone: str
    tenant_name: str
    tenant_address: str
    kind_label: str
    message: str


def submit_housing_warning(data: HousingWarning) -> Inquiry:
    """A landlord's early warning about a tenant, to the housing team's queue (the topic's team; the
    shared queue until staff give the topic a team). It is an inquiry like any other, so staff see it
    in /staff/henvendelser/ with its promised day, but the landlord gets no receipt mail and no status
    link: what the housing team learns or does about the tenant is not theirs to see without the
    tenant's consent. The page they are shown is the receipt. Never tied to the writer's account,
    even when they are logged in: it would route to their own tovholder and show in their messages."""
    with translation.override("da"):  # staff read it in Danish, whatever the landlord's language
        body = "\n".join(
            [
                _("Tidligt varsel fra en udlejer."),
                _("Udlejer eller boligselskab: %(value)s") % {"value": data.organisation},
                _("Skrevet af: %(value)s") % {"value": data.name},
                _("Lejer: %(value)s") % {"value": data.tenant_name},
                _("Adresse: %(value)s") % {"value": data.tenant_address},
                _("Bekymring: %(value)s") % {"value": data.kind_label},
                "",
                data.message,
            ]
        )
    inquiry = NewInquiry(
        topic=Topic.objects.get(slug=HOUSING_WARNING_TOPIC),
        message=body,
        answer_by=AnswerBy.EMAIL if data.email else AnswerBy.PHONE,
        name=data.name,
        email=data.email,
        phone=data.phone,
    )
    return submit_inquiry(inquiry, by=None, send_receipt=False)


def _resume(inquiry: Inquiry, now: datetime, by: User | None) -> None:
    """Ends the open pause: the promised day moves on by the working days the clock stood still."""
    pause = ClockPause.objects.select_for_update().filter(inquiry=inquiry, resumed_at__isnull=True).first()
    if pause is None:
        return
    days = working_days_between(_today(pause.paused_at), _today(now))
    ClockPause.objects.filter(pk=pause.pk).update(resumed_at=now, working_days=days)
    before = inquiry.due_on
    inquiry.due_on = add_working_days(inquiry.due_on, days)
    inquiry.paused_at = None
    inquiry.status = Inquiry.Status.OPEN
    inquiry.save(update_fields=["due_on", "paused_at", "status", "updated_at"])
    record(by, Verb.UPDATE, inquiry, note="svartiden genoptaget", changes={"due_on": (before, inquiry.due_on)})


def reply_as_citizen(
    inquiry: Inquiry, body: str, *, files: list[UploadedFile] | None = None, by: User | None
) -> Message:
    """The citizen writes again in the same thread. A paused clock runs again; an answered or closed
    inquiry opens again with a new promised day."""
    now = timezone.now()
    with transaction.atomic():
        inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
        message = Message.objects.create(inquiry=inquiry, kind=Message.Kind.CITIZEN, body=body, author=by)
        _attach(message, files or [])
        if inquiry.status == Inquiry.Status.WAITING:
            _resume(inquiry, now, by)
        elif inquiry.status in (Inquiry.Status.ANSWERED, Inquiry.Status.CLOSED):
            before = inquiry.status
            inquiry.status = Inquiry.Status.OPEN
            inquiry.due_on = (
                inquiry.team.answer_by_date(_today(now)) if inquiry.team else add_working_days(_today(now), 5)
            )
            inquiry.save(update_fields=["status", "due_on", "updated_at"])
            record(by, Verb.UPDATE, inquiry, note="borgeren skrev igen", changes={"status": (before, inquiry.status)})
        else:
            record(by, Verb.UPDATE, inquiry, note="borgeren skrev igen")
    return message


def answer_inquiry(inquiry: Inquiry, body: str, *, by: User) -> Message:
    """Staff answer the citizen, the way the citizen chose. The first answer sets the figures."""
    now = timezone.now()
    with transaction.atomic():
        inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
        if inquiry.status == Inquiry.Status.WAITING:
            _resume(inquiry, now, by)
        delivery = {
            AnswerBy.EMAIL: Message.Delivery.MAIL,
            AnswerBy.PHONE: Message.Delivery.PHONE,
            AnswerBy.SMS: Message.Delivery.SMS,
        }[AnswerBy(inquiry.answer_by)]
        message = Message.objects.create(
            inquiry=inquiry, kind=Message.Kind.ANSWER, body=body, author=by, delivery=delivery, created_at=now
        )
        before = inquiry.status
        inquiry.status = Inquiry.Status.ANSWERED
        fields = ["status", "updated_at"]
        if inquiry.first_answered_at is None:
            paused = sum(inquiry.pauses.values_list("working_days", flat=True))
            inquiry.first_answered_at = now
            inquiry.answered_in_time = _today(now) <= inquiry.due_on
            inquiry.answer_working_days = max(
                0, working_days_between(_today(inquiry.received_at), _today(now)) - paused
            )
            fields += ["first_answered_at", "answered_in_time", "answer_working_days"]
        inquiry.save(update_fields=fields)
        record(by, Verb.UPDATE, inquiry, note="svar sendt", changes={"status": (before, inquiry.status)})
        # Every answer mail goes to the address the citizen gave, whatever way they chose to be
        # answered: a receipt of the answer with the link to read it.
        _mail_citizen(inquiry, OutboxMail.Kind.INQUIRY, f"inquiry-answer:{message.pk}", "answer", {"message": message})
        _sms_citizen(inquiry, f"inquiry-answer-sms:{message.pk}", "answer", {"message": message})
    return message


def add_note(inquiry: Inquiry, body: str, *, by: User) -> Message:
    """An internal note: staff only, never shown to the citizen."""
    with transaction.atomic():
        message = Message.objects.create(inquiry=inquiry, kind=Message.Kind.NOTE, body=body, author=by)
        record(by, Verb.UPDATE, inquiry, note="intern note")
    return message


def assign_inquiry(inquiry: Inquiry, assignee: User | None, *, by: User) -> Inquiry:
    with transaction.atomic():
        inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
        if (
            assignee is not None
            and assignee.pk != inquiry.assigned_to_id
            and not (
                assignee.is_municipal_staff
                and (inquiry.team is None or inquiry.team.members.filter(pk=assignee.pk).exists())
            )
        ):
            raise ValidationError({"assignee": _("Vælg en medarbejder fra teamet.")})
        before = inquiry.assigned_to_id
        inquiry.assigned_to = assignee
        if inquiry.status == Inquiry.Status.NEW:
            inquiry.status = Inquiry.Status.OPEN
        inquiry.save(update_fields=["assigned_to", "status", "updated_at"])
        record(by, Verb.UPDATE, inquiry, note="fordelt", changes={"assigned_to": (before, inquiry.assigned_to_id)})
    return inquiry


def pause_clock(inquiry: Inquiry, reason: str, *, by: User) -> Inquiry:
    """Stops the answer clock, only with a reason (say, waiting for the citizen's papers)."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Skriv, hvorfor svartiden skal stå stille.")})
    now = timezone.now()
    with transaction.atomic():
        inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
        if inquiry.status not in (Inquiry.Status.NEW, Inquiry.Status.OPEN):
            raise ValidationError(_("Svartiden kan kun sættes på pause, mens vi mangler at svare."))
        ClockPause.objects.create(inquiry=inquiry, reason=reason, paused_at=now, paused_by=by)
        before = inquiry.status
        inquiry.status = Inquiry.Status.WAITING
        inquiry.paused_at = now
        inquiry.save(update_fields=["status", "paused_at", "updated_at"])
        record(by, Verb.UPDATE, inquiry, note="svartid på pause", changes={"status": (before, inquiry.status)})
    return inquiry


def resume_clock(inquiry: Inquiry, *, by: User) -> Inquiry:
    with transaction.atomic():
        inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
        if inquiry.status != Inquiry.Status.WAITING:
            raise ValidationError(_("Svartiden står ikke stille."))
        _resume(inquiry, timezone.now(), by)
    return inquiry


def close_inquiry(inquiry: Inquiry, *, by: User) -> Inquiry:
    """Nothing more to do. The citizen can still write again, which opens it anew."""
    with transaction.atomic():
        inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
        if inquiry.status == Inquiry.Status.WAITING:
            _resume(inquiry, timezone.now(), by)
        before = inquiry.status
        inquiry.status = Inquiry.Status.CLOSED
        inquiry.save(update_fields=["status", "updated_at"])
        record(by, Verb.UPDATE, inquiry, note="afsluttet", changes={"status": (before, inquiry.status)})
    return inquiry


def hand_over_inquiry(inquiry: Inquiry, team: Team, reason: str, *, by: User) -> Message:
    """The matter belongs to another team: it moves there, unassigned, and the citizen is told where
    and why (in the thread, and by mail when there is an address). The promised day stands."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Skriv, hvorfor henvendelsen skal videre. Borgeren får det at vide.")})
    with transaction.atomic():
        inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
        if team.pk == inquiry.team_id:
            raise ValidationError({"team": _("Henvendelsen er allerede hos det team.")})
        before = inquiry.team_id
        inquiry.team = team
        inquiry.assigned_to = None
        inquiry.save(update_fields=["team", "assigned_to", "updated_at"])
        message = Message.objects.create(
            inquiry=inquiry, kind=Message.Kind.HANDOVER, body=reason, author=by, handed_to=team
        )
        record(by, Verb.UPDATE, inquiry, note="sendt videre", changes={"team": (before, team.pk)})
        _mail_citizen(
            inquiry,
            OutboxMail.Kind.INQUIRY,
            f"inquiry-handover:{message.pk}",
            "handover",
            {"team": team, "reason": reason},
        )
        _sms_citizen(inquiry, f"inquiry-handover-sms:{message.pk}", "handover", {"team": team, "reason": reason})
    return message


def record_inquiry_read(inquiry: Inquiry, *, by: User) -> None:
    """A staff member opened a citizen's message: a sensitive read, logged."""
    record(by, Verb.READ, inquiry, note="henvendelse læst")


def record_attachment_read(attachment: Attachment, *, by: User) -> None:
    record(by, Verb.READ, attachment, note="bilag hentet")
