"""Mail sent in the background, through Django's Tasks API.

Actions enqueue these inside their transaction (django-tasks-db stores the job in the same
transaction), so a mail goes out only for a change that was committed. Arguments are ids and
plain strings, because the job is stored as JSON.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import User
from .tokens import CONFIRMATION_TIMEOUT_SECONDS, confirmation_path_args


@task()
def send_mail_message(to: str, subject: str, text: str, html: str = "") -> None:
    """Sends one already rendered mail (used for the password reset mail)."""
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


@task()
def send_email_confirmation(user_id: int) -> None:
    """Sends the link that confirms a person's e-mail address; nothing if already confirmed."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or user.has_confirmed_email:
        return
    uidb64, token = confirmation_path_args(user)
    context = {
        "user": user,
        "link": settings.SITE_URL + reverse("accounts:confirm_email", args=[uidb64, token]),
        "valid_hours": CONFIRMATION_TIMEOUT_SECONDS // 3600,
    }
    with translation.override("da"):
        subject = render_to_string("accounts/email/confirm_email_subject.txt", context).strip()
        text = render_to_string("accounts/email/confirm_email.txt", context)
        html = render_to_string("accounts/email/confirm_email.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[user.email])
    message.attach_alternative(html, "text/html")
    message.send()


@task()
def send_organisation_decision(organisation_id: int) -> None:
    """Tells an organisation's administrators that staff approved or rejected it (with the reason)."""
    from .models import Organisation

    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        return
    recipients = list(
        organisation.memberships.filter(is_admin=True, user__is_active=True).values_list("user__email", flat=True)
    )
    if not recipients:
        return
    context = {
        "organisation": organisation,
        "link": settings.SITE_URL + reverse("accounts:organisation_detail", args=[organisation.pk]),
    }
    with translation.override("da"):
        subject = render_to_string("accounts/email/organisation_decision_subject.txt", context).strip()
        text = render_to_string("accounts/email/organisation_decision.txt", context)
    # One mail per person, so members do not see each other's addresses.
    for address in recipients:
        EmailMultiAlternatives(subject=subject, body=text, to=[address]).send()
