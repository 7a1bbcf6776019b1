"""Account mail: e-mail confirmation, password reset, staff's decision on an organisation, and an
invitation to act for one.

Every mail goes through the notifications outbox, with its retries: a mail server that is down
loses none of them. Accounts sits below notifications and cannot import it, so notifications
registers its queue here when it starts (NotificationsConfig.ready).

A mail whose link works like a password (reset, confirmation) is stored without the link: the
outbox row holds who and which mail, and render_at_delivery makes the token when the mail is sent.
So no usable link sits in the outbox or the task table, and a retry sends a fresh one.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlencode, urlsafe_base64_encode

from ressourcebank.lib.mail import render_subject

from .models import Invitation, Organisation, User
from .tokens import CONFIRMATION_TIMEOUT_SECONDS, confirmation_path_args

# The outbox's kinds for these mails (notifications.models.OutboxMail.Kind uses the same values).
CONFIRM_EMAIL = "confirm_email"
PASSWORD_RESET = "password_reset"  # noqa: S105 - the name of a kind of mail
ORGANISATION_DECISION = "organisation_decision"
ORGANISATION_INVITATION = "organisation_invitation"
RENDERED_AT_DELIVERY = frozenset({CONFIRM_EMAIL, PASSWORD_RESET})


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    text: str
    html: str = ""


# queue(user, kind, idempotency key, mail): mail is None for a kind rendered at delivery.
QueueMail = Callable[[User, str, str, Mail | None], None]
_queues: list[QueueMail] = []


def register_queue(queue: QueueMail) -> None:
    """Called once by the notifications app: where account mail goes."""
    _queues[:] = [queue]


def _queue(user: User, kind: str, key: str, mail: Mail | None = None) -> None:
    if not _queues:
        raise ImproperlyConfigured("ressourcebank.notifications is not installed: account mail has no outbox")
    _queues[0](user, kind, key, mail)


def queue_email_confirmation(user: User) -> None:
    """In the caller's transaction: the mail is queued only if the change that needs it commits."""
    with transaction.atomic():
        _queue(user, CONFIRM_EMAIL, f"confirm:{user.pk}:{uuid.uuid4().hex}")


def queue_password_reset(user: User) -> None:
    with transaction.atomic():
        _queue(user, PASSWORD_RESET, f"reset:{user.pk}:{uuid.uuid4().hex}")


def queue_organisation_decision(organisation: Organisation) -> None:
    """One mail per administrator of the organisation, so members do not see each other's addresses."""
    decided_at = organisation.approved_at or organisation.rejected_at
    stamp = decided_at.strftime("%Y%m%d%H%M%S%f") if decided_at else uuid.uuid4().hex
    context = {
        "organisation": organisation,
        "link": settings.SITE_URL + reverse("accounts:organisation_detail", args=[organisation.pk]),
    }
    with translation.override("da"):
        subject = render_subject("accounts/email/organisation_decision_subject.txt", context)
        text = render_to_string("accounts/email/organisation_decision.txt", context)
    admins = User.objects.filter(
        memberships__organisation=organisation, memberships__is_admin=True, is_active=True
    ).exclude(email="")
    with transaction.atomic():
        for user in admins:
            mail = Mail(to=user.email, subject=subject, text=text)
            _queue(user, ORGANISATION_DECISION, f"organisation:{organisation.pk}:{stamp}:{user.pk}", mail)


def queue_invitation(invitation: Invitation, user: User) -> None:
    """The invited person's mail, when the address has an account (the outbox needs a recipient);
    without one, the invitation waits on Min side for an account with that address."""
    context = {
        "organisation": invitation.organisation,
        "inviter": invitation.invited_by.get_short_name() if invitation.invited_by else "",
        "link": settings.SITE_URL + reverse("accounts:dashboard") + "#invitations-heading",
    }
    with translation.override("da"):
        subject = render_subject("accounts/email/organisation_invitation_subject.txt", context)
        text = render_to_string("accounts/email/organisation_invitation.txt", context)
    with transaction.atomic():
        mail = Mail(to=user.email, subject=subject, text=text)
        _queue(user, ORGANISATION_INVITATION, f"invitation:{invitation.pk}:{user.pk}", mail)


def subject_of(kind: str) -> str:
    """The subject of a mail rendered at delivery, to show in the outbox before it is sent."""
    with translation.override("da"):
        return render_subject(f"accounts/email/{kind}_subject.txt", {})


def render_at_delivery(kind: str, user: User) -> Mail | None:
    """The mail of a kind in RENDERED_AT_DELIVERY, made now with a fresh token; None when it is no
    longer needed (the account is closed, the address confirmed already)."""
    if not user.is_active or not user.email:
        return None
    if kind == PASSWORD_RESET:
        if not user.has_usable_password():
            return None
        name = "password_reset"
        context = {
            "user": user,
            "uid": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
            "site_url": settings.SITE_URL,
        }
    elif kind == CONFIRM_EMAIL:
        if user.has_confirmed_email:
            return None
        name = "confirm_email"
        uidb64, token = confirmation_path_args(user)
        context = {
            "user": user,
            "link": settings.SITE_URL
            + reverse("accounts:confirm_email", args=[uidb64, token])
            + (f"?{urlencode({'next': user.confirmation_next})}" if user.confirmation_next else ""),
            "valid_hours": CONFIRMATION_TIMEOUT_SECONDS // 3600,
        }
    else:
        raise ValueError(f"{kind} is not rendered at delivery")
    with translation.override("da"):
        return Mail(
            to=user.email,
            subject=render_subject(f"accounts/email/{name}_subject.txt", context),
            text=render_to_string(f"accounts/email/{name}.txt", context),
            html=render_to_string(f"accounts/email/{name}.html", context),
        )
